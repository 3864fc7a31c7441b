/**
 * Whether V8's optimising compiler (TurboFan) runs. The CLI's process runs without it: over the
 * runs it makes (hundreds to thousands of Dockerfiles) TurboFan's code does not pay for its
 * compiling, which competes for the cores with V8's GC threads and the CLI's worker threads
 * (measured in tools/bench/README.md).
 *
 * Only the CLI's own process does this (bin/docker-lint.js): a library never changes the flags
 * of its host (ESLint, Nx, an editor). V8 keys its code cache to the flags, so the CLI has a
 * code cache of its own (see load-bundle.cts). CommonJS, one copy per thread: the loader uses it,
 * and the bundle requires this very file rather than holding a copy (scripts/bundle.mjs).
 */
import v8 from "node:v8";

let deferred = false;

/** True when the user gave V8 tiering flags (`node --max-opt=2 …`; NODE_OPTIONS cannot): theirs win. */
function userSetTiering(): boolean {
  return process.execArgv.some((f) => /^--(no-)?(opt|turbofan|maglev|sparkplug)\b|^--max-opt\b/.test(f));
}

/**
 * Turns TurboFan off for the rest of the process (worker threads included); false (nothing
 * changed) when the user set tiering flags or DOCKER_LINT_DEFER_OPT=0.
 */
export function deferOptimisingCompiler(): boolean {
  if (deferred) return true;
  if (process.env.DOCKER_LINT_DEFER_OPT === "0" || userSetTiering()) return false;
  v8.setFlagsFromString("--no-opt");
  deferred = true;
  return true;
}

/** Whether this thread turned TurboFan off (a worker's loader answers for the worker). */
export function optimisingCompilerDeferred(): boolean {
  return deferred;
}
