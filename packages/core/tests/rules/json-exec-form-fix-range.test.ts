/**
 * json-exec-form's fix for `HEALTHCHECK CMD` followed by a character String.trim() drops but
 * Docker keeps in a word (U+00A0, U+FEFF): the fix range once started after its end ([63, 62]).
 */
import { describe, expect, it } from "vitest";
import { DockerLinter } from "../../src/index.js";

const linter = new DockerLinter({ extends: "none", rules: { "json-exec-form": ["error", { shellBases: true }] } });
const base = "FROM gcr.io/distroless/static-debian12:nonroot\n";

describe("json-exec-form fix ranges with Unicode spaces", () => {
  it.each(["\u00a0", "\ufeff"])("never gives a range that ends before it starts, nor a fix that drops U+%s", (ch) => {
    for (const line of [`HEALTHCHECK CMD ${ch}`, `HEALTHCHECK CMD ${ch} `, `HEALTHCHECK CMD ${ch}x`, `HEALTHCHECK CMD x${ch}`, `HEALTHCHECK CMD x ${ch}`]) {
      const text = `${base}${line}\n`;
      const messages = linter.lintText(text, { filePath: "/tmp/unicode/Dockerfile" }).messages.filter((m) => m.ruleId === "@docker-lint/json-exec-form");
      expect(messages.length, line).toBe(1);
      for (const m of messages) {
        for (const fix of [m.fix, ...(m.suggestions ?? []).map((s) => s.fix)]) {
          if (!fix) continue;
          expect(fix.range[0], line).toBeLessThanOrEqual(fix.range[1]);
          // Docker keeps the character in a word: a fix that replaces it must keep it.
          if (text.slice(fix.range[0], fix.range[1]).includes(ch)) expect(fix.text.includes(ch) || fix.text.includes(JSON.stringify(ch).slice(1, -1)), line).toBe(true);
        }
      }
    }
  });

  it("still converts a plain HEALTHCHECK CMD", () => {
    const [m] = linter.lintText(`${base}HEALTHCHECK CMD /app health\n`, { filePath: "/tmp/unicode/Dockerfile" }).messages;
    expect(m?.fix?.text).toBe('["/app", "health"]');
  });
});
