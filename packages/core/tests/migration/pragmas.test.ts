import { describe, expect, it } from "vitest";
import { DockerLinter } from "../../src/index.js";
import { rulesForBuildkit, rulesForHadolint } from "../../src/catalog/equivalents.js";

const linter = new DockerLinter({ extends: "recommended", languageOptions: { goMod: false } });
const fired = (text: string) => linter.lintText(text, { filePath: "/virtual/Dockerfile" }).messages.map((m) => `${m.line}:${m.ruleId}`);

const ROOT = "FROM alpine:3.20\nUSER root\nCMD [\"/app\"]\n";

describe("hadolint pragmas", () => {
  it("maps hadolint codes onto docker-lint rules", () => {
    expect(rulesForHadolint("DL3002")).toEqual(["require-non-root-user"]);
    expect(rulesForHadolint("dl3007").sort()).toEqual(["no-unpinned-toolchain", "require-image-tag"]);
    expect(rulesForHadolint("DL3005")).toEqual([]);
    expect(rulesForBuildkit("JSONArgsRecommended")).toEqual(["json-exec-form"]);
  });

  it("ignore= silences the equivalent rule on the next instruction only", () => {
    expect(fired(ROOT)).toContain("2:@docker-lint/require-non-root-user");
    expect(fired("FROM alpine:3.20\n# hadolint ignore=DL3002\nUSER root\nCMD [\"/app\"]\n")).not.toContain("3:@docker-lint/require-non-root-user");
    // A blank line between the pragma and the instruction breaks it, as in hadolint.
    expect(fired("FROM alpine:3.20\n# hadolint ignore=DL3002\n\nUSER root\nCMD [\"/app\"]\n")).toContain("4:@docker-lint/require-non-root-user");
    // Other codes leave the rule alone; a list with a non-code in it is void.
    expect(fired("FROM alpine:3.20\n# hadolint ignore=DL3003\nUSER root\nCMD [\"/app\"]\n")).toContain("3:@docker-lint/require-non-root-user");
    expect(fired("FROM alpine:3.20\n# hadolint ignore=crazy,DL3002\nUSER root\nCMD [\"/app\"]\n")).toContain("3:@docker-lint/require-non-root-user");
    // Spaces, lists and a trailing reason are allowed.
    expect(fired("FROM alpine:3.20\n# hadolint ignore = DL3001 , DL3002 # root on purpose\nUSER root\nCMD [\"/app\"]\n")).toEqual([]);
  });

  it("a finding anywhere in the next instruction counts (hadolint reports its first line)", () => {
    const text = "FROM golang:1.22 AS build\n# hadolint ignore=DL3022\nCOPY \\\n  --from=nowhere /a /b\nFROM scratch\nUSER 65532\n";
    const without = "FROM golang:1.22 AS build\n# (no pragma)\nCOPY \\\n  --from=nowhere /a /b\nFROM scratch\nUSER 65532\n";
    expect(fired(without).some((f) => f.endsWith("valid-copy-from"))).toBe(true);
    expect(fired(text).some((f) => f.endsWith("valid-copy-from"))).toBe(false);
  });

  it("global ignore= silences the rule in the whole file", () => {
    expect(fired("# hadolint global ignore=DL3002\nFROM alpine:3.20\nUSER root\nCMD [\"/app\"]\n")).toEqual([]);
    expect(fired("FROM alpine:3.20\nUSER root\nCMD [\"/app\"]\n# hadolint global ignore = DL3002\n")).toEqual([]);
  });

  it("stage ignore= silences the rule through the next FROM (as hadolint does)", () => {
    const stage = "FROM alpine:3.20 AS a\n# hadolint stage ignore=DL3006,DL3022\nFROM alpine\nRUN true\nCOPY --from=nowhere /x /x\nFROM busybox\nCOPY --from=nowhere /x /x\nUSER 65532\n";
    const found = fired(stage);
    expect(found).not.toContain("5:@docker-lint/valid-copy-from");
    expect(found).not.toContain("6:@docker-lint/require-image-tag");
    expect(found).toContain("7:@docker-lint/valid-copy-from");
    // The FROM right below the pragma is not covered (hadolint looks strictly below the pragma's line).
    expect(found).toContain("3:@docker-lint/require-image-tag");
  });

  it("BuildKit check=skip names and skip=all silence the equivalent rules; other rules stay", () => {
    const shellCmd = "FROM alpine:3.20\nUSER 65532\nCMD /app\n";
    const strict = new DockerLinter({ extends: "strict", languageOptions: { goMod: false } });
    const lint = (t: string) => strict.lintText(t, { filePath: "/virtual/Dockerfile" }).messages.map((m) => m.ruleId);
    expect(lint(shellCmd)).toContain("@docker-lint/json-exec-form");
    expect(lint(`# check=skip=JSONArgsRecommended\n${shellCmd}`)).not.toContain("@docker-lint/json-exec-form");
    expect(lint(`# check=skip=all\n${shellCmd}`)).not.toContain("@docker-lint/json-exec-form");
    expect(lint(`# check=skip=jsonargsrecommended\n${shellCmd}`)).toContain("@docker-lint/json-exec-form");
    expect(lint(`# check=skip=all\nFROM alpine\nUSER 65532\n`)).toContain("@docker-lint/require-image-tag");
  });

  it("check=error=true turns those rules' warnings into errors", () => {
    const warn = new DockerLinter({ extends: "none", rules: { "json-exec-form": ["warn", { shellBases: true }], "require-image-tag": "warn" }, languageOptions: { goMod: false } });
    const sev = (t: string) => warn.lintText(t, { filePath: "/virtual/Dockerfile" }).messages.map((m) => `${m.ruleId}:${m.severity}`);
    const text = "FROM alpine\nCMD /app\n";
    expect(sev(text)).toEqual(["@docker-lint/require-image-tag:1", "@docker-lint/json-exec-form:1"]);
    expect(sev(`# check=error=true\n${text}`)).toEqual(["@docker-lint/require-image-tag:1", "@docker-lint/json-exec-form:2"]);
    expect(warn.lintText(`# check=error=true\n${text}`, { filePath: "/virtual/Dockerfile" }).errorCount).toBe(1);
  });

  it("records # hadolint shell=", async () => {
    const { parse } = await import("../../src/language/ast.js");
    const { readPragmas } = await import("../../src/language/pragmas.js");
    const text = "# hadolint shell=powershell\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\n";
    const parsed = parse(text);
    if (!parsed.ok) throw new Error("parse");
    expect(readPragmas(parsed.ast, text).shell).toBe("powershell");
  });
});
