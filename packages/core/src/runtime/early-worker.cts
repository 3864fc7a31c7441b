/**
 * The CLI's first lint worker, started before the engine loads when the command line itself
 * names enough files to share (a pre-commit hook's or an `xargs` file list). A worker takes
 * ~120 ms to boot and load the bundle; started by bin/docker-lint.js, it does so while this
 * thread loads the engine, reads the config and finds the files, rather than after, and so
 * lints a larger share (tools/bench/README.md). Folders are only known to hold enough files
 * after discovery: their worker starts then (lint-files.ts), as before.
 * CommonJS, one copy per thread, like the loader: the bin and the bundle share this module.
 */
import os from "node:os";
import path from "node:path";
import type { Worker } from "node:worker_threads";
import { deferOptimisingCompiler } from "./v8-tiering.cjs";

/**
 * Files per worker thread: from 300 files on, the CLI shares them with a worker (one more per
 * 300, while cores are free, up to MAX_WORKERS). A worker's start and its cold code cost about
 * as much as it saves at ~250 files on the 2-core machine of tools/bench; each holds its own
 * copy of the engine (~30 MB), hence the cap.
 */
export const FILES_PER_WORKER = 300;
const MAX_WORKERS = 4;

/** DOCKER_LINT_WORKERS caps the worker threads (0: none), e.g. where dist/'s worker file is absent. */
function maxWorkers(): number {
  const cap = Number.parseInt(process.env.DOCKER_LINT_WORKERS ?? "", 10);
  return Number.isInteger(cap) && cap >= 0 ? Math.min(cap, MAX_WORKERS) : MAX_WORKERS;
}

/** The worker threads the CLI asks for to lint `files` files: one per FILES_PER_WORKER, a core each. */
export function cliWorkerCount(files: number): number {
  return Math.min(os.availableParallelism() - 1, maxWorkers(), Math.floor(files / FILES_PER_WORKER));
}

/** What lint-worker.cts is started with; its job (files, config) comes later, by message. */
export interface WorkerStart {
  /** Whether the CLI's V8 flags are in force, so the worker reads the matching code cache. */
  cliFlags: boolean;
}

/** A lint worker: it loads the engine, then waits for its job. Unref'd until a job is posted. */
export function startLintWorker(start: WorkerStart): Worker {
  // Loaded here: most runs start no worker, and the CLI imports this module on every run.
  const { Worker } = require("node:worker_threads") as typeof import("node:worker_threads");
  const worker = new Worker(path.join(__dirname, "lint-worker.cjs"), { workerData: start });
  worker.unref();
  return worker;
}

let early: { worker: Worker; gone: () => void } | null = null;

/**
 * Starts the early worker when `argv` names at least FILES_PER_WORKER files. Options are not
 * parsed here: each option may take one value, so arguments without a leading `-`, less one per
 * option, are files at least.
 */
export function startEarlyWorker(argv: string[]): Worker | null {
  let files = 0;
  for (const arg of argv) files += arg.startsWith("-") ? -1 : 1;
  if (cliWorkerCount(files) < 1) return null;
  // The CLI runs with these flags; set now, so the worker starts under them too.
  const worker = startLintWorker({ cliFlags: deferOptimisingCompiler() });
  const gone = () => {
    if (early?.worker === worker) early = null;
  };
  early = { worker, gone };
  // A worker that failed to start is simply not used; lintFiles starts its own.
  worker.on("error", gone);
  worker.on("exit", gone);
  return worker;
}

/** The early worker, if one was started and is still there; each caller takes it at most once. */
export function takeEarlyWorker(): Worker | null {
  if (!early) return null;
  const { worker, gone } = early;
  early = null;
  worker.off("error", gone);
  worker.off("exit", gone);
  return worker;
}
