import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DockerLinter } from "../../src/index.js";
import { cleanPath, isIgnored, parseDockerignore } from "../../src/model/dockerignore.js";

describe("the .dockerignore model", () => {
  it("parses patterns and exceptions, cleaned, without comments and blanks", () => {
    expect(parseDockerignore("# c\n\n ./a//b/ \n!keep\n/root\r\n")).toEqual({ path: ".dockerignore", patterns: ["a/b", "root"], exceptions: ["keep"] });
    expect(cleanPath("./")).toBe(".");
    expect(cleanPath("/")).toBe(".");
  });

  it("matches as Docker's pattern matcher does", () => {
    const facts = (p: string) => parseDockerignore(p);
    expect(isIgnored(facts("**/*.go"), "cmd/app/main.go")).toBe(true);
    expect(isIgnored(facts("**/*.go"), "main.go")).toBe(true);
    expect(isIgnored(facts("a?c"), "abc/x")).toBe(true);
    expect(isIgnored(facts("a?c"), "a/c")).toBe(false);
    expect(isIgnored(facts("[a-c]x"), "bx")).toBe(true);
    expect(isIgnored(facts("[!a-c]x"), "bx")).toBe(false);
    expect(isIgnored(facts("[unclosed"), "[unclosed")).toBe(true);
    expect(isIgnored(facts("docs"), "docsite")).toBe(false);
  });

  it("is read from the build context, <Dockerfile>.dockerignore winning", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "dockerignore-"));
    mkdirSync(path.join(dir, "build"));
    const dockerfile = path.join(dir, "build", "Dockerfile");
    const text = "FROM scratch\nCOPY a.txt /\nCOPY b.txt /\n";
    writeFileSync(dockerfile, text);
    writeFileSync(path.join(dir, "build", ".dockerignore"), "a.txt\n");
    const lint = (languageOptions: Record<string, unknown> = {}) =>
      new DockerLinter({ rules: { "no-copy-ignored-file": "error" }, languageOptions: { goMod: false, ...languageOptions } })
        .lintText(text, { filePath: dockerfile })
        .messages.map((m) => `${m.line}:${m.message.match(/excluded by (\S+),/)?.[1]}`);
    expect(lint()).toEqual(["2:.dockerignore"]);
    writeFileSync(path.join(dir, ".dockerignore"), "b.txt\n");
    expect(lint({ buildContext: ".." })).toEqual(["3:../.dockerignore"]);
    writeFileSync(`${dockerfile}.dockerignore`, "b.txt\n");
    expect(lint()).toEqual(["3:Dockerfile.dockerignore"]);
    expect(lint({ dockerignore: false })).toEqual([]);
  });
});
