import { describe, expect, it } from "vitest";
import { expand } from "../../src/model/model.js";

const vars = new Map<string, string | null>([
  ["A", "a"],
  ["EMPTY", ""],
  ["DECLARED", null],
]);

describe("expand", () => {
  it.each([
    ["$A/${A}", "a/a", []],
    ["${X:-def}", "def", []],
    ["${EMPTY:-def}|${EMPTY-def}", "def|", []],
    ["${A:+alt}|${X:+alt}|${DECLARED+alt}", "alt||", []],
    ["${X:-$A}", "a", []],
    ["$X and ${Y}", "$X and ${Y}", ["X", "Y"]],
    // A default runs to the first `}`; what follows is text.
    ["${X:-${Y:-z}}", "${Y:-z}", []],
    // Not variables: no name, an unknown operator, no closing brace.
    ["$1 $ ${} ${A:0:1} ${X:-open", "$1 $ ${} ${A:0:1} ${X:-open", []],
    ["${X:-open $A", "${X:-open a", []],
  ])("%s → %s", (text, expected, missing) => {
    const found: string[] = [];
    expect(expand(text, vars, found)).toBe(expected);
    expect(found).toEqual(missing);
  });

  // Nested defaults used to take time in the square of the depth (16k levels: 7 s).
  const nested = (depth: number, closed: boolean) => "${a:-".repeat(depth) + "x" + (closed ? "}".repeat(depth) : "");
  /** Best of three runs, in ms: the machine is shared. */
  const timed = (text: string) => {
    let best = Infinity;
    for (let run = 0; run < 3; run++) {
      const start = process.hrtime.bigint();
      expand(text, vars);
      best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e6);
    }
    return best;
  };

  it.each([true, false])("expands 200k nested levels in linear time (closed: %s)", (closed) => {
    timed(nested(1000, closed)); // warm up
    const small = timed(nested(50_000, closed));
    const large = timed(nested(200_000, closed));
    expect(large).toBeLessThan(5000);
    // Four times the input: linear is ~4x, quadratic ~16x. Loose, for a busy machine.
    expect(large / Math.max(small, 5)).toBeLessThan(12);
  });
});
