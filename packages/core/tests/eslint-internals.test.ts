/**
 * runtime/eslint-internals.ts is the one file that reaches ESLint's private files. When an ESLint
 * release moves one, docker-lint still works (through Linter alone) but slower: this test is
 * where that shows, naming the file.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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

describe("when an ESLint release has moved one", () => {
  const REPO = path.resolve(SRC, "../../..");
  let dir = "";
  beforeAll(() => {
    // The package as installed beside a copy of this ESLint whose lib/linter/file-report.js has
    // moved (its own modules follow it); under the repository, so ESLint's dependencies resolve.
    mkdirSync(path.join(REPO, "tmp"), { recursive: true });
    dir = mkdtempSync(path.join(REPO, "tmp", "eslint-moved-"));
    const eslint = path.join(dir, "node_modules/eslint");
    cpSync(path.join(REPO, "node_modules/eslint"), eslint, { recursive: true });
    renameSync(path.join(eslint, "lib/linter/file-report.js"), path.join(eslint, "lib/linter/report.js"));
    for (const file of readdirSync(path.join(eslint, "lib"), { recursive: true }) as string[]) {
      if (!file.endsWith(".js")) continue;
      const text = readFileSync(path.join(eslint, "lib", file), "utf8");
      if (text.includes("file-report")) writeFileSync(path.join(eslint, "lib", file), text.replace(/\.\/file-report(\.js)?"/g, './report.js"'));
    }
    const core = path.join(dir, "node_modules/@docker-lint/core");
    for (const part of ["dist", "package.json"]) cpSync(path.join(REPO, "packages/core", part), path.join(core, part), { recursive: true });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const lint = (env: Record<string, string>) => {
    const script = `
      const { DockerLinter } = require("@docker-lint/core");
      const r = new DockerLinter().lintText("FROM debian\\nCMD echo hi\\n", { filePath: require("node:path").resolve("Dockerfile") });
      process.stdout.write(JSON.stringify(r.messages.map((m) => m.ruleId)));`;
    return spawnSync(process.execPath, ["-e", script], { cwd: dir, env: { ...process.env, DEBUG: undefined, ...env }, encoding: "utf8" });
  };

  it("lints through Linter, with the same findings, and says so under DEBUG=docker-lint", () => {
    const quiet = lint({});
    expect(quiet.stderr).toBe("");
    const debug = lint({ DEBUG: "docker-lint" });
    expect(debug.stderr).toBe(`docker-lint: ESLint ${eslintVersion} has no lib/linter/file-report.js; linting every file through ESLint's Linter (same results, slower)\n`);
    expect(JSON.parse(debug.stdout)).toEqual(JSON.parse(quiet.stdout));
    expect(JSON.parse(quiet.stdout)).toContain("@docker-lint/require-image-tag");
  });
});
