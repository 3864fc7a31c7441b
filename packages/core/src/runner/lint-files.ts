/**
 * Lints files from disk in the order given, optionally sharing them with worker threads: every
 * thread takes the next file from one shared counter, so none waits for another and the
 * workers' start-up overlaps with linting. A worker loads the same one-file bundle and code
 * cache as the CLI (see lint-worker.cts), so it starts in tens of milliseconds; the CLI uses one
 * per 300 files (cli.ts), where each saves more than its start costs (tools/bench/README.md).
 * The CLI's first worker may have been started before the engine loaded (early-worker.cts).
 */
import { availableParallelism } from "node:os";
import type { Worker } from "node:worker_threads";
import type { DockerLinter, DockerLintConfig, LintResult } from "./lint.js";
import type { RuleEntry } from "../presets.js";
// The loader's own modules, also from the bundle (scripts/bundle.mjs keeps them out of it).
import { FILES_PER_WORKER, maxWorkers, startLintWorker, takeEarlyWorker } from "../runtime/early-worker.cjs";
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

/** The job lint-worker.cts receives by message, once it has loaded the engine. */
export interface WorkerJob {
  init: LinterInit;
  files: string[];
  fix: boolean;
  /** The shared counter every thread takes its next file index from. */
  next: Int32Array;
  sizes?: Map<string, number>;
}

/** The worker threads the CLI asks for to lint `files` files: one per FILES_PER_WORKER, a core each. */
export function cliWorkerCount(files: number): number {
  return Math.min(availableParallelism() - 1, maxWorkers(), Math.floor(files / FILES_PER_WORKER));
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
  const early = takeEarlyWorker();
  const workerCount = requested >= 1 ? workersFor(requested, idleCores({ ownWorkers: early !== null })) : 0;
  // A config with functions (from a .mjs config) cannot be sent to a worker: lint here alone.
  if (!(workerCount >= 1) || !canClone(init)) {
    void early?.terminate();
    for (let i = 0; i < files.length; i++) results[i] = lintOne(files[i]!);
    return results as FileLintResult[];
  }

  const next = new Int32Array(new SharedArrayBuffer(4));
  const job: WorkerJob = { init, files, fix, next, sizes };
  let missing = files.length;
  let running = workerCount;
  let wake: (() => void) | null = null;
  const workers: Worker[] = [];
  for (let w = 0; w < workerCount; w++) {
    const worker = (w === 0 ? early : null) ?? startLintWorker({ cliFlags: optimisingCompilerDeferred() });
    // Held until the lint is done: this thread waits for its messages.
    worker.ref();
    worker.postMessage(job);
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
