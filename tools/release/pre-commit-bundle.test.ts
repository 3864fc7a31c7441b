/**
 * pre-commit/docker-lint.cjs, the committed file the pre-commit hook runs: it must be what
 * pre-commit/build.mjs makes from the current sources, and it must lint on its own, with only the
 * files a clone of this repository has (no node_modules, no dist/), exactly as the CLI does.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { BAD_DOCKERFILE, BAD_RULE, GOOD_DOCKERFILE, repoRoot } from "./test-tools.js";

const hookFile = path.join(repoRoot, "pre-commit/docker-lint.cjs");
const cliBuilt = existsSync(path.join(repoRoot, "packages/core/dist/index.js"));

describe("pre-commit/docker-lint.cjs", () => {
  it("is up to date with the sources (else: npm run build:hook, and commit it)", () => {
    const r = spawnSync(process.execPath, [path.join(repoRoot, "pre-commit/build.mjs"), "--check"], { cwd: repoRoot, encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
  }, 60_000);

  it("is the executable entry of the script hook", () => {
    const hooks = parseYaml(readFileSync(path.join(repoRoot, ".pre-commit-hooks.yaml"), "utf8")) as Array<{ id: string; entry: string; language: string }>;
    expect(hooks.find((h) => h.id === "docker-lint")).toMatchObject({ entry: "pre-commit/docker-lint.cjs", language: "script" });
    expect(statSync(hookFile).mode & 0o111).not.toBe(0);
    // Git records the executable bit: pre-commit runs the file itself.
    const tracked = spawnSync("git", ["ls-files", "-s", "pre-commit/docker-lint.cjs"], { cwd: repoRoot, encoding: "utf8" }).stdout;
    expect(tracked).toMatch(/^100755 /);
  });

  describe.runIf(cliBuilt)("in a copy of the clone's files", () => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), "docker-lint-hook-"));
    afterAll(() => rmSync(tmp, { recursive: true, force: true }));
    // What a clone has of docker-lint: the hook file and the core's package.json (for --version).
    const clone = path.join(tmp, "clone");
    mkdirSync(path.join(clone, "pre-commit"), { recursive: true });
    mkdirSync(path.join(clone, "packages/core"), { recursive: true });
    copyFileSync(hookFile, path.join(clone, "pre-commit/docker-lint.cjs"));
    copyFileSync(path.join(repoRoot, "packages/core/package.json"), path.join(clone, "packages/core/package.json"));
    const project = path.join(tmp, "project");
    const files: Record<string, string> = { "svc/bad/Dockerfile": BAD_DOCKERFILE, "svc/good/Dockerfile": GOOD_DOCKERFILE };
    // From 300 files on the CLI would share the work with worker threads; the hook lints alone.
    for (let i = 0; i < 310; i++) files[`many/${i}/Dockerfile`] = i % 2 ? BAD_DOCKERFILE : GOOD_DOCKERFILE;
    for (const [rel, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(project, rel)), { recursive: true });
      writeFileSync(path.join(project, rel), text);
    }
    const hook = (...args: string[]) => spawnSync(path.join(clone, "pre-commit/docker-lint.cjs"), args, { cwd: project, encoding: "utf8" });
    const cli = (...args: string[]) => spawnSync(process.execPath, [path.join(repoRoot, "packages/core/bin/docker-lint.js"), ...args], { cwd: project, encoding: "utf8" });

    it("reports the bad file by rule, exit 1, and passes the good one, exit 0", () => {
      const bad = hook("svc/bad/Dockerfile", "svc/good/Dockerfile");
      expect(bad.stderr).toBe("");
      expect(bad.status).toBe(1);
      expect(bad.stdout).toContain(BAD_RULE);
      expect(bad.stdout).toContain(path.join("svc", "bad", "Dockerfile"));
      expect(bad.stdout).not.toContain(path.join("svc", "good", "Dockerfile"));
      expect(hook("svc/good/Dockerfile").status).toBe(0);
    });

    it("reports what the CLI reports, on 312 files", () => {
      const fromHook = hook("-f", "json", ".");
      const fromCli = cli("-f", "json", ".");
      expect(fromHook.status).toBe(1);
      expect(JSON.parse(fromHook.stdout)).toEqual(JSON.parse(fromCli.stdout));
    });

    it("reads the version from the clone's packages/core/package.json", () => {
      const { version } = JSON.parse(readFileSync(path.join(repoRoot, "packages/core/package.json"), "utf8")) as { version: string };
      expect(hook("--version").stdout.trim()).toBe(version);
    });
  });
});
