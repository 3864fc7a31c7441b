import { describe, expect, it } from "vitest";
import { ids, lintWith } from "../helpers.js";
import type { LintMessage } from "../../src/index.js";
import { dockerRuleTester, rule as pluginRule } from "./tester.js";

const rule = { "no-displaced-directive": "error" as const };

/** This rule's reports only: some cases hold `# eslint-disable` comments whose rule is off (reported unused). */
function lint(text: string): LintMessage[] {
  return lintWith(text, rule).messages.filter((m) => m.ruleId === "@docker-lint/no-displaced-directive");
}

function applySuggestion(text: string, m: LintMessage, index = 0): string {
  const fix = m.suggestions?.[index]?.fix;
  if (!fix) throw new Error("no suggestion");
  return text.slice(0, fix.range[0]) + fix.text + text.slice(fix.range[1]);
}

describe("no-displaced-directive", () => {
  it.each([
    // An ESLint comment above the directive: the case the docs warn about.
    ["# eslint-disable-next-line @docker-lint/require-image-tag\n# syntax=docker/dockerfile:1\nFROM alpine\n", ["displaced"]],
    ["# Copyright 2024 Example\n# escape=`\nFROM alpine:3.20\n", ["displaced"]],
    // A blank line ends the header too.
    ["\n# syntax=docker/dockerfile:1\nFROM alpine:3.20\n", ["displaced"]],
    ["# syntax=docker/dockerfile:1\n\n# check=skip=JSONArgsRecommended\nFROM alpine:3.20\n", ["displaced"]],
    ["FROM alpine:3.20\n# syntax=docker/dockerfile:1\n", ["displaced"]],
    // BuildKit stops at an unknown name, although dockerfile-ast lists both lines as directives.
    ["# foo=bar\n# syntax=docker/dockerfile:1\nFROM alpine:3.20\n", ["displaced"]],
    // Inside a RUN continuation a `#` line is a comment as well.
    ["FROM alpine:3.20\nRUN echo \\\n# escape=`\n  hi\n", ["displaced"]],
    // A second one in the header fails the build; a later one is only a comment.
    ["# syntax=docker/dockerfile:1\n# syntax=docker/dockerfile:1.7\nFROM alpine:3.20\n", ["duplicate"]],
    ["# syntax=a\nFROM alpine:3.20\n# syntax=b\n", ["duplicate"]],
    ["# hi\n# syntax=a\n# syntax=b\nFROM alpine:3.20\n", ["displaced", "duplicate"]],
  ])("reports %j", (text, expected) => {
    expect(ids(lint(text))).toEqual(expected);
  });

  it.each([
    "# syntax=docker/dockerfile:1\n# escape=\\\n# check=skip=all\nFROM alpine:3.20\n",
    "#syntax = docker/dockerfile:1\n  #ESCAPE=`\nFROM alpine:3.20\n",
    "# syntax=docker/dockerfile:1\n# eslint-disable-next-line @docker-lint/require-image-tag\nFROM alpine\n",
    // Ordinary comments that merely contain `=`.
    "FROM alpine:3.20\n# foo=bar\n# see syntax=docker docs\n",
    // Heredoc bodies are script text, not Dockerfile comments.
    "# syntax=docker/dockerfile:1\nFROM alpine:3.20\nRUN <<EOF\n# syntax=not-a-directive\necho hi\nEOF\n",
    "# syntax=docker/dockerfile:1",
  ])("accepts %j", (text) => {
    expect(lint(text)).toEqual([]);
  });

  it("says which line ended the header and points at the directive", () => {
    const [m] = lint("# build me\n# syntax=docker/dockerfile:1\nFROM alpine:3.20\n");
    expect(m).toMatchObject({ line: 2, column: 1, endLine: 2, endColumn: 29 });
    expect(m!.message).toContain("line 1 (a comment)");
    expect(m!.message).toMatch(/Move it to the top of the file/);
  });

  it("suggests moving the directive to the first line", () => {
    const text = "# eslint-disable-next-line @docker-lint/require-image-tag\r\nFROM alpine\r\n# syntax=docker/dockerfile:1\r\n";
    const [m] = lint(text);
    expect(m!.fix).toBeUndefined();
    const fixed = applySuggestion(text, m!);
    expect(fixed).toBe("# syntax=docker/dockerfile:1\r\n# eslint-disable-next-line @docker-lint/require-image-tag\r\nFROM alpine\r\n");
    expect(lint(fixed)).toEqual([]);
  });

  it("suggests moving a last line that has no line break", () => {
    const text = "FROM alpine:3.20\n# escape=`";
    const fixed = applySuggestion(text, lint(text)[0]!);
    expect(fixed).toBe("# escape=`\nFROM alpine:3.20");
  });

  it("suggests deleting a duplicate", () => {
    const text = "# syntax=a\nFROM alpine:3.20\n# syntax=b\nRUN true\n";
    const [m] = lint(text);
    expect(m!.message).toContain("already set on line 1");
    expect(applySuggestion(text, m!)).toBe("# syntax=a\nFROM alpine:3.20\nRUN true\n");
  });

  it("is in the recommended preset", async () => {
    const { recommended } = await import("../../src/presets.js");
    expect(recommended["@docker-lint/no-displaced-directive"]).toBe("error");
  });
});

// The same rule through ESLint, as editors and `eslint` run it: locations, data, suggestions.
describe("no-displaced-directive through ESLint's RuleTester", () => {
  dockerRuleTester().run("no-displaced-directive", pluginRule("no-displaced-directive"), {
    valid: [
      "# syntax=docker/dockerfile:1\n# escape=\\\n# check=skip=all\nFROM alpine:3.20\n",
      "# syntax=docker/dockerfile:1\n# Licence header\nFROM alpine\n",
      "FROM alpine:3.20\n# foo=bar\n",
    ],
    invalid: [
      {
        // (ESLint directive comments displace it the same way: see ../eslint.test.ts, which runs them for real.)
        code: "# Licence header\n# syntax=docker/dockerfile:1\nFROM alpine:3.20\n",
        errors: [
          {
            messageId: "displaced",
            data: { name: "syntax", endLine: "1", endWhat: "a comment" },
            line: 2,
            column: 1,
            endColumn: 29,
            suggestions: [
              {
                messageId: "moveToTop",
                output: "# syntax=docker/dockerfile:1\n# Licence header\nFROM alpine:3.20\n",
              },
            ],
          },
        ],
      },
      {
        code: "\n# escape=`\nFROM alpine:3.20\n",
        errors: [{ messageId: "displaced", data: { name: "escape", endLine: "1", endWhat: "a blank line" }, suggestions: [{ messageId: "moveToTop", output: "# escape=`\n\nFROM alpine:3.20\n" }] }],
      },
      {
        code: "# syntax=a\nFROM alpine:3.20\n# syntax=b\n",
        errors: [{ messageId: "duplicate", data: { name: "syntax", first: "1" }, line: 3, suggestions: [{ messageId: "removeLine", output: "# syntax=a\nFROM alpine:3.20\n" }] }],
      },
    ],
  });
});
