/** Test helpers: temp folders with files, and the host tools some tests need. */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/** Creates a temp folder holding `files` (path → content); removed by the returned cleanup. */
export function tempTree(files: Record<string, string>, prefix = "nx-plugin-test-"): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  writeTree(dir, files);
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function writeTree(dir: string, files: Record<string, string>): void {
  for (const [rel, content] of Object.entries(files)) {
    const p = path.join(dir, rel);
    mkdirSync(path.dirname(p), { recursive: true });
    writeFileSync(p, content);
  }
}

function has(cmd: string, args: string[]): boolean {
  const r = spawnSync(cmd, args, { stdio: "ignore", timeout: 20_000 });
  return r.status === 0;
}

export const hostGo = has("go", ["version"]);

/**
 * For the tests' own docker commands: a wedged engine makes a synchronous call wait for ever, and
 * a blocked thread lets no test timeout fire, so the call itself gives up.
 */
export const DOCKER_TIMEOUT_MS = 120_000;
export const hostGcc = has("gcc", ["--version"]);

export function goVersion(): string {
  return execFileSync("go", ["env", "GOVERSION"], { encoding: "utf8" }).trim().replace(/^go/, "").split(" ")[0]!;
}

export const REPO_ROOT = path.resolve(__dirname, "..", "..", "..");
