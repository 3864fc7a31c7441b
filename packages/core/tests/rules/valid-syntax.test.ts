import { describe, expect, it } from "vitest";
import { lintWith } from "../helpers.js";
import { dockerRuleTester, rule as pluginRule } from "./tester.js";

const rule = { "valid-syntax": "error" as const };
const report = (text: string) => lintWith(text, rule).messages.map((m) => [m.line, m.column, m.message]);

describe("valid-syntax", () => {
  it.each([
    ["FROM a\nFOOBAR x\n", [[2, 1, 'Unknown instruction "FOOBAR"']]],
    ["This is not a Dockerfile,\njust some prose.\n", [[1, 1, 'Unknown instruction "This"'], [2, 1, 'Unknown instruction "just"']]],
    ["FROM a\nRUN <<EOF\necho hi\n", [[2, 1, 'Heredoc "EOF" has no closing "EOF" line']]],
    ["FROM a\nCOPY <<-'X' /f\n  X\n", [[2, 1, 'Heredoc "X" has no closing "X" line']]],
    ['FROM a\nCMD ["a", \'b\']\n', [[2, 5, "CMD arguments look like a JSON array but are not one (of strings): the builder runs them as a shell command"]]],
    ['FROM a\nENTRYPOINT ["a" "b"]\n', [[2, 12, "ENTRYPOINT arguments look like a JSON array but are not one (of strings): the builder runs them as a shell command"]]],
    ["FROM a\nRUN --mount=type=cache,target=/c --cache=1 make\n", [[2, 34, "RUN takes no --cache flag"]]],
    ["FROM --platform=linux/amd64 --from=x a\n", [[1, 29, "FROM takes no --from flag"]]],
    ["FROM a\nWORKDIR --chown=1 /app\n", [[2, 9, "WORKDIR takes no flags (--chown)"]]],
    ["RUN echo\nFROM a\n", [[1, 1, "RUN before the first FROM: only ARG may come before it"]]],
    ["FROM a\nONBUILD FROM b\n", [[2, 9, "FROM is not allowed as an ONBUILD trigger"]]],
    ["FROM a\nONBUILD FOO b\n", [[2, 9, 'Unknown instruction "FOO" after ONBUILD']]],
    ["", [[1, 1, "The file has no instructions"]]],
    ["# just a comment\n\n", [[1, 1, "The file has no instructions"]]],
  ])("reports %j", (text, expected) => {
    expect(report(text)).toEqual(expected);
  });

  it.each([
    "ARG V=1\nFROM a:${V}\nRUN echo\n",
    "from a\nrun echo\n",
    "FROM a\nRUN [ -f /etc/x ]\nRUN [ \"$A\" = b ]\n",
    'FROM a\nCMD ["a", "b"]\nENTRYPOINT [ "x" ]\n',
    "FROM a\nRUN <<-EOF bash\n\techo\n\tEOF\nCOPY --from=a --chmod=644 --link <<X /f\nx\nX\n",
    "FROM a\nHEALTHCHECK --interval=5s --retries=3 CMD curl -f http://x/\nADD --checksum=sha256:0 --keep-git-dir x /y\n",
    "FROM a\nONBUILD RUN echo\nCMD cat <<EOF\n",
    "# syntax=docker/dockerfile:1\nFROM a\n",
    // `--` ends the flags.
    "FROM a\nCOPY --link -- --odd-name /d/\nCMD -- echo\n",
  ])("accepts %j", (text) => {
    expect(report(text)).toEqual([]);
  });
});

dockerRuleTester().run("valid-syntax (RuleTester)", pluginRule("valid-syntax"), {
  valid: ["ARG V=1\nFROM a:${V}\nRUN [ -f /x ]\n", "FROM a\nRUN <<EOF\necho\nEOF\nCOPY --link -- a /b\n", "FROM a\nCMD cat <<EOF\n"],
  invalid: [
    { code: "FROM a\nFOOBAR x\n", errors: [{ messageId: "syntax", data: { message: 'Unknown instruction "FOOBAR"' }, line: 2, column: 1 }] },
    { code: "FROM a\nRUN <<EOF\necho\n", errors: [{ messageId: "syntax", line: 2 }] },
    { code: "FROM a\nCMD [\"a\", 'b']\n", errors: [{ messageId: "syntax", line: 2, column: 5 }] },
    { code: "FROM a\nRUN --cache=1 make\n", errors: [{ messageId: "syntax", data: { message: "RUN takes no --cache flag" } }] },
    { code: "RUN x\nFROM a\n", errors: [{ messageId: "syntax", line: 1 }] },
    { code: "# only a comment\n", errors: [{ messageId: "syntax", data: { message: "The file has no instructions" } }] },
  ],
});
