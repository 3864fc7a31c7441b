/**
 * Lints files from disk in the order given, optionally sharing them with worker threads: every
 * thread takes the next file from one shared counter, so none waits for another and the
 * workers' start-up overlaps with linting. A worker loads the same one-file bundle and code
 * cache as the CLI (see lint-worker.cts), so it starts in tens of milliseconds; the CLI uses one
 * per 300 files (cli.ts), where each saves more than its start costs (tools/bench/README.md).
 */
import { Worker } from "node:worker_threads";
import type { DockerLinter, DockerLintConfig, LintResult } from "./lint.js";
import type { RuleEntry } from "../presets.js";
import { DIST_URL } from "../runtime/dist-dir.js";
// The loader's own modules, also from the bundle (scripts/bundle.mjs keeps them out of it).
import { idleCores, workersFor } from "../runtime/idle-cores.cjs";
import { optimisingCompilerDeferred } from "../runtime/v8-tiering.cjs";

export interface FileLintResult {
  file: string;
  result: LintResult;
  /** The text that was linted, when `fix` produced an output (to write the fix against). */
  text?: string;
}

export interface LintFilesOptions {
  fix?: boolean;
  /**
   * Share the files with worker threads: `true` for one, or at most how many (default none). Only
   * as many start as there are cores others leave idle (runtime/idle-cores.cts).
   */
  parallel?: boolean | number;
  /** Sizes of files already found to be regular files (discovery's), which saves a stat each. */
  sizes?: Map<string, number>;
  /** Called once per file linted, in either thread (for a progress line). */
  onFile?: () => void;
}

/** What a worker needs to build the same linter. */
export interface LinterInit {
  config: DockerLintConfig;
  options: { cwd?: string; extraRules?: Record<string, RuleEntry>; basePath?: string };
  /** ESLint has checked the config's options in this thread already (see DockerLinter). */
  optionsChecked?: boolean;
}

/** What lint-worker.cts receives. */
export interface WorkerData {
  init: LinterInit;
  files: string[];
  fix: boolean;
  next: Int32Array;
  sizes?: Map<string, number>;
  /** Whether the CLI's V8 flags are in force, so the worker reads the matching code cache. */
  cliFlags: boolean;
}

function canClone(value: unknown): boolean {
  try {
    structuredClone(value);
    return true;
  } catch {
    return false;
  }
}

/**
 * `before(i)`: what file i waits for before it is linted (its ShellCheck results), or null to go
 * on; only without worker threads.
 */
export async function lintFiles(
  linter: DockerLinter,
  init: LinterInit,
  files: string[],
  options: LintFilesOptions = {},
  before?: (index: number) => Promise<void> | null,
): Promise<FileLintResult[]> {
  const fix = options.fix ?? false;
  const sizes = options.sizes;
  const onFile = options.onFile;
  const lintOne = (file: string) => {
    const item = linter.lintFile(file, { fix, knownSize: sizes?.get(file) });
    onFile?.();
    return item;
  };
  const results: Array<FileLintResult | undefined> = new Array<FileLintResult | undefined>(files.length);
  if (before) {
    for (let i = 0; i < files.length; i++) {
      const waiting = before(i);
      if (waiting) await waiting;
      results[i] = lintOne(files[i]!);
    }
    return results as FileLintResult[];
  }
  const requested = Math.min(options.parallel === true ? 1 : (options.parallel || 0), files.length - 1);
  const workerCount = requested >= 1 ? workersFor(requested, idleCores()) : 0;
  // A config with functions (from a .mjs config) cannot be sent to a worker: lint here alone.
  if (!(workerCount >= 1) || !canClone(init)) {
    for (let i = 0; i < files.length; i++) results[i] = lintOne(files[i]!);
    return results as FileLintResult[];
  }

  const next = new Int32Array(new SharedArrayBuffer(4));
  const workerData: WorkerData = { init, files, fix, next, sizes, cliFlags: optimisingCompilerDeferred() };
  let missing = files.length;
  let running = workerCount;
  let wake: (() => void) | null = null;
  const workers: Worker[] = [];
  for (let w = 0; w < workerCount; w++) {
    const worker = new Worker(new URL("runtime/lint-worker.cjs", DIST_URL), { workerData });
    let gone = false;
    worker.on("message", (m: { index: number; item: FileLintResult }) => {
      if (results[m.index] === undefined) missing--;
      results[m.index] = m.item;
      onFile?.();
      wake?.();
    });
    const end = () => {
      if (gone) return;
      gone = true;
      running--;
      wake?.();
    };
    worker.on("error", end);
    worker.on("exit", end);
    workers.push(worker);
  }

  try {
    for (;;) {
      const i = Atomics.add(next, 0, 1);
      if (i >= files.length) break;
      results[i] = lintOne(files[i]!);
      missing--;
    }
    // The workers may still be finishing the files they took: wait for them, unless they are gone.
    while (missing > 0 && running > 0) await new Promise<void>((resolve) => (wake = resolve));
  } finally {
    // Also when a file failed here (a bad rule option, say): no worker goes on linting for nothing.
    wake = null;
    for (const worker of workers) {
      worker.removeAllListeners();
      // A worker that failed late (e.g. while loading) has nothing left to do here.
      worker.on("error", () => {});
      // A worker still loading never took a file; stop it rather than wait for it.
      void worker.terminate();
    }
  }
  for (let i = 0; i < files.length; i++) results[i] ??= lintOne(files[i]!);
  return results as FileLintResult[];
}
