/**
 * Lints files from disk in the order given, optionally sharing them with worker threads: every
 * thread takes the next file from one shared counter, so none waits for another and the
 * workers' start-up overlaps with linting. A worker loads the same one-file bundle and code
 * cache as the CLI (see lint-worker.cts), so it starts in tens of milliseconds; the CLI uses one
 * per 300 files (cli.ts), where each saves more than its start costs (tools/bench/README.md).
 * The CLI's first worker may have been started before the engine loaded (early-worker.cts).
 */
import type { Worker } from "node:worker_threads";
import type { DockerLinter, DockerLintConfig, LintResult } from "./lint.js";
import type { ReadFile } from "./read-source.js";
import type { RuleEntry } from "../presets.js";
import { debugEnabled } from "../debug.js";
import type { ShellcheckComment } from "./shellcheck.js";
import type { ShellcheckRun } from "./shellcheck-files.js";
// The loader's own modules, also from the bundle (scripts/bundle.mjs keeps them out of it).
import { cliWorkerCount as earlyCliWorkerCount, FILES_PER_WORKER, startLintWorker, takeEarlyWorker } from "../runtime/early-worker.cjs";
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
  /** ShellCheck's comments on the files' scripts, when the shellcheck rule is on (see DockerLinter). */
  shellcheckResults?: Array<[string, ShellcheckComment[]]>;
}

/** ShellCheck running on the files' scripts (shellcheck-files.ts): a file waits for its scripts. */
export type ShellcheckWait = Pick<ShellcheckRun, "take" | "checked" | "whenChecked" | "pause" | "done" | "results">;

/** The job lint-worker.cts receives by message, once it has loaded the engine. */
export interface WorkerJob {
  init: LinterInit;
  files: string[];
  fix: boolean;
  /** The shared counter every thread takes its next file index from. */
  next: Int32Array;
  sizes?: Map<string, number>;
}

/**
 * cli.ts takes it from here: this module is bundled with the CLI, the runtime module is not.
 * Declared by its type so the published declarations never name the runtime module, whose
 * types need @types/node.
 */
export const cliWorkerCount: (files: number) => number = earlyCliWorkerCount;

/**
 * Lints, in order, the files whose scripts ShellCheck has checked, coming back to the others as
 * their batches finish; stops early, once ShellCheck is done, when `share` and FILES_PER_WORKER
 * files or more are left, so that worker threads may take a share. Returns the files left.
 */
async function lintChecked(count: number, shellcheck: ShellcheckWait, lint: (index: number) => void, share: boolean): Promise<number[]> {
  // Files whose scripts were not checked when their turn came, in order; those before `head` are linted.
  const waiting: number[] = [];
  let head = 0;
  let i = 0;
  for (;;) {
    if (shellcheck.done && share && waiting.length - head + count - i >= FILES_PER_WORKER) break;
    // Those that waited first, as soon as they may go.
    if (head < waiting.length && shellcheck.checked(waiting[head]!)) {
      lint(waiting[head++]!);
    } else if (i < count) {
      if (shellcheck.checked(i)) lint(i);
      else waiting.push(i);
      i++;
    } else if (head < waiting.length) {
      await shellcheck.whenChecked(waiting[head]!);
      continue;
    } else {
      break;
    }
    const pause = shellcheck.pause();
    if (pause) await pause;
  }
  const rest = waiting.slice(head);
  for (; i < count; i++) rest.push(i);
  return rest;
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
 * `shellcheck`: ShellCheck is running on the files' scripts. This thread then lints the files
 * whose scripts are checked, in order, and comes back to the others, with no worker while
 * ShellCheck has the cores; when it is done, worker threads (given its results) may share the
 * files left. Results are in the order of `files` either way.
 */
export async function lintFiles(
  linter: DockerLinter,
  init: LinterInit,
  files: string[],
  options: LintFilesOptions = {},
  shellcheck?: ShellcheckWait,
): Promise<FileLintResult[]> {
  const fix = options.fix ?? false;
  const sizes = options.sizes;
  const onFile = options.onFile;
  const lintOne = (file: string, read?: ReadFile) => {
    const item = linter.lintFile(file, { fix, knownSize: sizes?.get(file), read });
    onFile?.();
    return item;
  };
  const results: Array<FileLintResult | undefined> = new Array<FileLintResult | undefined>(files.length);
  const requested = options.parallel === true ? 1 : (options.parallel || 0);
  // The files no thread has taken yet, by index.
  let rest: number[];
  let workerCount: number;
  if (shellcheck) {
    // Files ShellCheck's pass has read and parsed already are not read again.
    rest = await lintChecked(files.length, shellcheck, (i) => (results[i] = lintOne(files[i]!, shellcheck.take(i))), requested >= 1);
    // Until now the cores were busy with this run's own ShellCheck: no probe can tell others' load.
    workerCount = Math.min(requested, Math.floor(rest.length / FILES_PER_WORKER));
    if (workerCount >= 1) init = { ...init, shellcheckResults: shellcheck.results() };
  } else {
    rest = Array.from(files.keys());
    workerCount = Math.min(requested, files.length - 1);
  }
  const early = takeEarlyWorker();
  if (!shellcheck && workerCount >= 1) workerCount = workersFor(workerCount, idleCores({ ownWorkers: early !== null }));
  // A config with functions (from a .mjs config) cannot be sent to a worker: lint here alone.
  if (!(workerCount >= 1) || !canClone(init)) {
    void early?.terminate();
    // With ShellCheck, files are left only once it is done: every one of them may go.
    for (const i of rest) results[i] = lintOne(files[i]!, shellcheck?.take(i));
    return results as FileLintResult[];
  }

  // Every thread takes the next of `rest` from one shared counter; the workers are sent those files only.
  const restFiles = rest.length === files.length ? files : rest.map((i) => files[i]!);
  const next = new Int32Array(new SharedArrayBuffer(4));
  const job: WorkerJob = { init, files: restFiles, fix, next, sizes };
  let missing = rest.length;
  let byWorkers = 0;
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
      const index = rest[m.index]!;
      if (results[index] === undefined) missing--;
      results[index] = m.item;
      byWorkers++;
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
      const taken = Atomics.add(next, 0, 1);
      if (taken >= rest.length) break;
      const i = rest[taken]!;
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
  if (debugEnabled()) {
    process.stderr.write(`docker-lint: ${workerCount} worker thread(s) linted ${byWorkers} of the last ${rest.length} of ${files.length} files\n`);
  }
  return results as FileLintResult[];
}
