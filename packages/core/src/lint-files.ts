/**
 * Lints files from disk in the order given, optionally sharing them with one worker thread: both
 * threads take the next file from one shared counter, so neither waits for the other and the
 * worker's start-up overlaps with linting. Off by default: on the 2-core machine we measure on,
 * the worker made a 381-file run slower (V8's own GC and compiler threads already use the
 * second core); see tools/bench/README.md.
 */
import { Worker } from "node:worker_threads";
import { toResult, type DockerLinter, type DockerLintConfig, type LintResult } from "./lint.js";
import type { RuleEntry } from "./presets.js";
import { readSourceFile } from "./read-source.js";

export interface FileLintResult {
  file: string;
  result: LintResult;
  /** The text that was linted, when `fix` produced an output (to write the fix against). */
  text?: string;
}

export interface LintFilesOptions {
  fix?: boolean;
  /** Share the files with one worker thread (default false). */
  parallel?: boolean;
}

/** What a worker needs to build the same linter. */
export interface LinterInit {
  config: DockerLintConfig;
  options: { cwd?: string; extraRules?: Record<string, RuleEntry>; basePath?: string };
}

/** Reads and lints one file; unreadable, binary or oversized files get one fatal message. */
export function lintOne(linter: DockerLinter, file: string, fix: boolean): FileLintResult {
  const read = readSourceFile(file);
  if (!read.ok) return { file, result: toResult(file, [read.problem], []) };
  const result = linter.lintText(read.text, { filePath: file, fix });
  return result.output !== undefined ? { file, result, text: read.text } : { file, result };
}

function canClone(value: unknown): boolean {
  try {
    structuredClone(value);
    return true;
  } catch {
    return false;
  }
}

export async function lintFiles(linter: DockerLinter, init: LinterInit, files: string[], options: LintFilesOptions = {}): Promise<FileLintResult[]> {
  const fix = options.fix ?? false;
  const results: Array<FileLintResult | undefined> = new Array(files.length);
  // A config with functions (from a .mjs config) cannot be sent to a worker: lint here alone.
  if (!options.parallel || files.length < 2 || !canClone(init)) {
    for (let i = 0; i < files.length; i++) results[i] = lintOne(linter, files[i]!, fix);
    return results as FileLintResult[];
  }

  const next = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(new URL("./lint-worker.js", import.meta.url), { workerData: { init, files, fix, next } });
  let missing = files.length;
  let workerGone = false;
  let wake: (() => void) | null = null;
  worker.on("message", (m: { index: number; item: FileLintResult }) => {
    if (results[m.index] === undefined) missing--;
    results[m.index] = m.item;
    wake?.();
  });
  const gone = () => {
    workerGone = true;
    wake?.();
  };
  worker.on("error", gone);
  worker.on("exit", gone);

  for (;;) {
    const i = Atomics.add(next, 0, 1);
    if (i >= files.length) break;
    results[i] = lintOne(linter, files[i]!, fix);
    missing--;
  }
  // The worker may still be finishing the files it took: wait for them, unless it is gone.
  while (missing > 0 && !workerGone) await new Promise<void>((resolve) => (wake = resolve));
  wake = null;
  worker.removeAllListeners();
  // A worker that failed late (e.g. while loading) has nothing left to do here.
  worker.on("error", () => {});
  // A worker still loading never took a file; stop it rather than wait for it.
  void worker.terminate();
  for (let i = 0; i < files.length; i++) results[i] ??= lintOne(linter, files[i]!, fix);
  return results as FileLintResult[];
}
