/**
 * runtime/eslint-internals.ts is the one file that reaches ESLint's private files. When an ESLint
 * release moves one, docker-lint still works (through Linter alone) but slower: this test is
 * where that shows, naming the file.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { loadPrivate, PRIVATE_FILES } from "../src/runtime/eslint-internals.js";

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../src");
const eslintVersion = (createRequire(import.meta.url)("eslint/package.json") as { version: string }).version;

describe("ESLint's private files", () => {
  it.each(Object.entries(PRIVATE_FILES))(`%s is in lib/%s of the installed ESLint (${eslintVersion})`, (name) => {
    const part = loadPrivate(name as keyof typeof PRIVATE_FILES);
    expect("missing" in part ? part.missing : "found").toBe("found");
  });

  it("are reached from runtime/eslint-internals.ts only", () => {
    const files = (readdirSync(SRC, { recursive: true }) as string[]).filter((f) => /\.c?ts$/.test(f));
    const privatePath = new RegExp(Object.values(PRIVATE_FILES).map((f) => f.replace(/[.]/g, "\\.")).join("|"));
    const reaching = files.filter((f) => privatePath.test(readFileSync(path.join(SRC, f), "utf8")) || /eslint\/lib\b/.test(readFileSync(path.join(SRC, f), "utf8")));
    expect(reaching).toEqual([path.join("runtime", "eslint-internals.ts")]);
  });
});
