/**
 * Git hooks, end to end: real `git commit`s in a temporary repository whose pre-commit hook runs
 * (a) the `.pre-commit-hooks.yaml` hook as the pre-commit framework would, and (b) lint-staged with
 * the README's configuration. A bad Dockerfile must block the commit; a good one must pass.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { DOCKERFILE_GLOB, DOCKERFILE_PATH_REGEX, isDockerfileName } from "@docker-lint/core";
import { BAD, GOOD, repoRoot, workspace, type Workspace } from "./workspace.js";

const bin = path.join(repoRoot, "node_modules/.bin");
const cliBuilt = existsSync(path.join(repoRoot, "packages/core/dist/cli/cli.js"));

const spaces: Workspace[] = [];
afterEach(() => {
  for (const w of spaces.splice(0)) w.remove();
});

function git(cwd: string, ...args: string[]) {
  const r = spawnSync("git", args, { cwd, encoding: "utf8", env: { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH}` } });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

/** A git repository with a pre-commit hook script and whatever extra files the hook needs. */
function repo(hook: string, files: Record<string, string> = {}, linkNodeModules = false): Workspace {
  const w = workspace({ ".gitignore": "node_modules\n", ...files }, { linkNodeModules });
  spaces.push(w);
  for (const args of [["init", "-q", "-b", "main"], ["config", "user.email", "test@example.com"], ["config", "user.name", "Test"], ["config", "commit.gpgsign", "false"], ["config", "core.hooksPath", ".git/hooks"]]) {
    expect(git(w.dir, ...args).status).toBe(0);
  }
  const hookFile = path.join(w.dir, ".git/hooks/pre-commit");
  writeFileSync(hookFile, hook);
  chmodSync(hookFile, 0o755);
  return w;
}

/** Stages the files and commits: returns whether the commit went in, and what the hook printed. */
function commit(w: Workspace, files: Record<string, string>): { committed: boolean; output: string } {
  for (const [rel, text] of Object.entries(files)) w.write(rel, text);
  expect(git(w.dir, "add", "--", ...Object.keys(files)).status).toBe(0);
  const r = git(w.dir, "commit", "-q", "-m", "change");
  return { committed: r.status === 0, output: r.output };
}

interface PreCommitHook {
  id: string;
  entry: string;
  language: string;
  files: string;
  exclude?: string;
  types?: string[];
  additional_dependencies?: string[];
}

const hooks = parseYaml(readFileSync(path.join(repoRoot, ".pre-commit-hooks.yaml"), "utf8")) as PreCommitHook[];
const dockerLintHook = hooks.find((h) => h.id === "docker-lint")!;

/**
 * What pre-commit does for a hook at commit time: take the staged files, keep those the hook's
 * `files` regex matches (re.search) and its `exclude` regex doesn't, and, when any remain, run the
 * entry with them appended; the commit fails when the entry exits non-zero. A `script` hook's
 * entry is a file in the hook repository's clone, here this repository. (tools/release/pre-commit.test.ts
 * runs the real pre-commit.)
 */
function preCommitScript(hook: PreCommitHook): string {
  return `#!/usr/bin/env node
const { execFileSync, spawnSync } = require("node:child_process");
const hook = ${JSON.stringify({ entry: hook.entry, files: hook.files, exclude: hook.exclude ?? "^$" })};
const staged = execFileSync("git", ["diff", "--cached", "--name-only", "--diff-filter=ACMR", "-z"], { encoding: "utf8" }).split("\\0").filter(Boolean);
const files = staged.filter((f) => new RegExp(hook.files).test(f) && !new RegExp(hook.exclude).test(f));
if (files.length === 0) process.exit(0);
const [entry, ...args] = hook.entry.split(/\\s+/);
const cmd = ${JSON.stringify(hook.language === "script" ? repoRoot + path.sep : "")} + entry;
const r = spawnSync(cmd, [...args, ...files], { stdio: "inherit", env: { ...process.env, PATH: ${JSON.stringify(bin)} + ":" + process.env.PATH } });
process.exit(r.status ?? 1);
`;
}

describe.skipIf(!cliBuilt)(".pre-commit-hooks.yaml", () => {
  it("declares a script hook: the committed CLI build, run from the hook repository's clone", () => {
    expect(dockerLintHook).toMatchObject({ entry: "pre-commit/docker-lint.cjs", language: "script" });
    expect(dockerLintHook.additional_dependencies).toBeUndefined();
    expect(existsSync(path.join(repoRoot, dockerLintHook.entry))).toBe(true);
  });

  it("matches the Dockerfile names the CLI and the ESLint configs lint, and no others", () => {
    const matches = (f: string) => new RegExp(dockerLintHook.files).test(f) && !new RegExp(dockerLintHook.exclude!).test(f);
    expect(dockerLintHook.files).toBe(DOCKERFILE_PATH_REGEX);
    const names = ["Dockerfile", "Dockerfile.prod", "Dockerfile-windows", "api.Dockerfile", "api.dockerfile", "Containerfile", "Dockerfile.dockerignore",
      "Dockerfile-dev.dockerignore", "Dockerfile.prod.dockerignore", ".dockerignore", "Makefile", "Dockerfiles", "Dockerfile_dev", "NotADockerfile", ".dockerfile"];
    for (const n of names) {
      expect(matches(n), n).toBe(isDockerfileName(n));
      expect(matches(`svc/${n}`), `svc/${n}`).toBe(isDockerfileName(n));
    }
    expect(matches("svc/Dockerfiles/README.md")).toBe(false);
  });

  it("blocks a commit with a bad Dockerfile and lets a good one through", () => {
    const w = repo(preCommitScript(dockerLintHook));
    const bad = commit(w, { "svc/Dockerfile": BAD });
    expect(bad.committed).toBe(false);
    expect(bad.output).toContain("@docker-lint/require-image-tag");
    expect(bad.output).toContain(path.join("svc", "Dockerfile"));
    const good = commit(w, { "svc/Dockerfile": GOOD });
    expect(good.output).toBe("");
    expect(good.committed).toBe(true);
  });

  it("does not run for commits without Dockerfiles, and skips .dockerignore files", () => {
    const w = repo(preCommitScript(dockerLintHook));
    // A bad Dockerfile in the work tree that is not staged must not matter.
    w.write("Dockerfile", BAD);
    expect(commit(w, { "README.md": "hi\n", "Dockerfile.dockerignore": "FROM nothing\n" }).committed).toBe(true);
  });
});

/** The README's lint-staged configuration, by heading. */
function readmeLintStaged(kind: "docker-lint" | "eslint"): string {
  const readme = readFileSync(path.join(repoRoot, "packages/eslint-plugin/README.md"), "utf8");
  const block = new RegExp(`<!-- lintstagedrc: ${kind} -->\\s*\`\`\`json\\n([\\s\\S]*?)\`\`\``).exec(readme);
  if (!block) throw new Error(`README has no .lintstagedrc.json example for ${kind}`);
  return block[1]!;
}

function readmeEslintConfig(): string {
  const readme = readFileSync(path.join(repoRoot, "packages/eslint-plugin/README.md"), "utf8");
  return /```js\n(\/\/ eslint\.config\.mjs\n[\s\S]*?)```/.exec(readme)![1]!;
}

const LINT_STAGED_HOOK = `#!/bin/sh\nexec "${path.join(bin, "lint-staged")}"\n`;

describe("lint-staged (README configuration)", () => {
  it.each(["docker-lint", "eslint"] as const)("with %s: globs core's Dockerfile names", (kind) => {
    expect(Object.keys(JSON.parse(readmeLintStaged(kind)) as object)).toEqual([DOCKERFILE_GLOB]);
  });
});

describe.skipIf(!cliBuilt)("lint-staged (README configuration)", () => {
  it.each(["docker-lint", "eslint"] as const)("with %s: blocks a bad Dockerfile, passes a good one", (kind) => {
    const extra: Record<string, string> = { ".lintstagedrc.json": readmeLintStaged(kind) };
    if (kind === "eslint") extra["eslint.config.mjs"] = readmeEslintConfig();
    const w = repo(LINT_STAGED_HOOK, extra, true);
    expect(git(w.dir, "add", ".").status).toBe(0);
    expect(git(w.dir, "commit", "-q", "-m", "setup").status).toBe(0);

    const bad = commit(w, { "services/api/Dockerfile": BAD });
    expect(bad.committed, bad.output).toBe(false);
    expect(bad.output).toContain("@docker-lint/require-image-tag");
    const badSuffixed = commit(w, { "services/api/Dockerfile": GOOD, "services/api/Dockerfile-windows": BAD });
    expect(badSuffixed.committed, badSuffixed.output).toBe(false);
    expect(badSuffixed.output).toContain("Dockerfile-windows");
    const good = commit(w, { "services/api/Dockerfile": GOOD, "services/api/Dockerfile-windows": GOOD, "services/api/Dockerfile.dockerignore": "*.md\n" });
    expect(good.committed, good.output).toBe(true);
  });
});
