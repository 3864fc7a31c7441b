/**
 * Tools the install tests need from outside the repository (the pre-commit framework, a local npm
 * registry), installed once into a cache folder and reused between runs:
 * $DOCKER_LINT_TEST_CACHE, else $XDG_CACHE_HOME/docker-lint-tests, else ~/.cache/docker-lint-tests.
 * Each is installed into a temporary folder and renamed into place, so an interrupted install is
 * never mistaken for a finished one. When one cannot be installed (no network, no python3-venv),
 * the caller gets the reason and skips with it.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export const cacheDir = process.env.DOCKER_LINT_TEST_CACHE ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), ".cache"), "docker-lint-tests");

/** pre-commit from PyPI, in its own virtualenv. */
export const PRE_COMMIT_VERSION = "4.7.0";
/** The last verdaccio release that runs on Node 20. */
export const VERDACCIO_VERSION = "6.8.0";

export type Installed = { ok: true; bin: string } | { ok: false; reason: string };

export interface RunResult {
  status: number | null;
  output: string;
}

/** Runs a command to its end (asynchronously, so several can run at once); stdout and stderr together. */
export function run(cmd: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (b: Buffer) => (output += b.toString()));
    child.stderr.on("data", (b: Buffer) => (output += b.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 300_000);
    child.on("error", (err) => {
      clearTimeout(timer);
      resolve({ status: null, output: `${output}${err.message}` });
    });
    child.on("close", (status) => {
      clearTimeout(timer);
      resolve({ status, output });
    });
  });
}

function installOnce(name: string, bin: string, install: (dir: string) => RunResult | string | null): Installed {
  const dir = path.join(cacheDir, name);
  if (existsSync(path.join(dir, bin))) return { ok: true, bin: path.join(dir, bin) };
  mkdirSync(cacheDir, { recursive: true });
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const failed = install(tmp);
  if (failed !== null) {
    rmSync(tmp, { recursive: true, force: true });
    const why = typeof failed === "string" ? failed : failed.output.trim().split("\n").slice(-3).join(" | ");
    return { ok: false, reason: `cannot install ${name} into ${cacheDir}: ${why}` };
  }
  try {
    renameSync(tmp, dir);
  } catch {
    // Another test process finished the same install first.
    rmSync(tmp, { recursive: true, force: true });
  }
  return { ok: true, bin: path.join(dir, bin) };
}

function sync(cmd: string, args: string[], cwd: string): RunResult | null {
  const r = spawnSync(cmd, args, { cwd, encoding: "utf8", timeout: 300_000 });
  return r.status === 0 ? null : { status: r.status, output: `${r.stdout ?? ""}${r.stderr ?? ""}${r.error?.message ?? ""}` };
}

/** The pre-commit executable. A virtualenv records its own path, so it is made in place. */
export function preCommit(): Installed {
  const name = `pre-commit-${PRE_COMMIT_VERSION}`;
  const dir = path.join(cacheDir, name);
  const bin = path.join(dir, "bin", "pre-commit");
  if (existsSync(bin)) return { ok: true, bin };
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(cacheDir, { recursive: true });
  const failed = sync("python3", ["-m", "venv", dir], cacheDir) ?? sync(path.join(dir, "bin", "pip"), ["install", "-q", "--disable-pip-version-check", `pre-commit==${PRE_COMMIT_VERSION}`], dir);
  if (failed) {
    rmSync(dir, { recursive: true, force: true });
    return { ok: false, reason: `cannot install pre-commit ${PRE_COMMIT_VERSION} (python3 -m venv, then pip) into ${dir}: ${failed.output.trim().split("\n").slice(-2).join(" | ")}` };
  }
  return { ok: true, bin };
}

/** verdaccio's bin script (run it with node). */
export function verdaccio(): Installed {
  return installOnce(`verdaccio-${VERDACCIO_VERSION}`, "node_modules/verdaccio/bin/verdaccio", (dir) => {
    writeFileSync(path.join(dir, "package.json"), JSON.stringify({ private: true }));
    return sync("npm", ["install", "--no-audit", "--no-fund", "--no-package-lock", `verdaccio@${VERDACCIO_VERSION}`], dir);
  });
}

/**
 * A git repository with an identity and no signing, whatever the user's git config says; hooks in
 * .git/hooks unless `ownHooksPath` is false (pre-commit refuses to install with core.hooksPath set).
 */
export function gitInit(dir: string, { ownHooksPath = true } = {}): void {
  const steps = [["init", "-q", "-b", "main"], ["config", "user.email", "test@example.com"], ["config", "user.name", "Test"], ["config", "commit.gpgsign", "false"]];
  if (ownHooksPath) steps.push(["config", "core.hooksPath", ".git/hooks"]);
  for (const args of steps) {
    const r = spawnSync("git", args, { cwd: dir, encoding: "utf8" });
    if (r.status !== 0) throw new Error(`git ${args.join(" ")}: ${r.stderr}`);
  }
}

/** Stages `files` (written first) and commits; whether the commit went in, and what the hooks printed. */
export function commit(dir: string, files: Record<string, string>, env: NodeJS.ProcessEnv = process.env): { committed: boolean; output: string } {
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  const add = spawnSync("git", ["add", "-A"], { cwd: dir, encoding: "utf8" });
  if (add.status !== 0) throw new Error(`git add: ${add.stderr}`);
  const r = spawnSync("git", ["commit", "-q", "-m", "change"], { cwd: dir, encoding: "utf8", env });
  return { committed: r.status === 0, output: `${r.stdout}${r.stderr}` };
}

/** Dockerfiles every install test lints: one with problems (an untagged base image), one without. */
export const BAD_DOCKERFILE = "FROM golang:1.26.8 AS build\nRUN CGO_ENABLED=0 go build -o /app .\nFROM alpine\nCOPY --from=build /app /app\nUSER 65532\nENTRYPOINT [\"/app\"]\n";
export const GOOD_DOCKERFILE = "FROM golang:1.26.8 AS build\nRUN CGO_ENABLED=0 go build -o /app .\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /app /app\nUSER 65532\nENTRYPOINT [\"/app\"]\n";
/** The rule BAD_DOCKERFILE breaks, as every face reports it. */
export const BAD_RULE = "@docker-lint/require-image-tag";
