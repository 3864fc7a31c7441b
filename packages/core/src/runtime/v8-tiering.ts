/**
 * Whether V8's optimising compiler (TurboFan) runs. The CLI's process runs without it: over the
 * runs it makes (hundreds to thousands of Dockerfiles) TurboFan's code never pays for its
 * compiling, which competes for the cores with V8's GC threads and the CLI's worker thread.
 * Measured on this project's 2-core machine (tools/bench/README.md): 381 files, one thread: CPU
 * 725 -> 505 ms; 3620 files, with the worker: 1710 -> 1255 ms wall.
 *
 * Only the CLI's own process does this (bin/docker-lint.js): a library never changes the flags
 * of its host (ESLint, Nx, an editor). V8 keys its code cache to the flags, so the CLI has a
 * code cache of its own (see load-bundle.ts).
 */
import v8 from "node:v8";

/** Shared by the loader (dist/load-bundle.cjs) and the bundle, which are separate module copies. */
const STATE = Symbol.for("@docker-lint/core deferred TurboFan");
type State = { deferred: boolean };
const state = ((globalThis as { [STATE]?: State })[STATE] ??= { deferred: false });

/** True when the user gave V8 tiering flags (`node --max-opt=2 …`; NODE_OPTIONS cannot): theirs win. */
function userSetTiering(): boolean {
  return process.execArgv.some((f) => /^--(no-)?(opt|turbofan|maglev|sparkplug)\b|^--max-opt\b/.test(f));
}

/**
 * Turns TurboFan off for the rest of the process (worker threads included); false (nothing
 * changed) when the user set tiering flags or DOCKER_LINT_DEFER_OPT=0.
 */
export function deferOptimisingCompiler(): boolean {
  if (state.deferred) return true;
  if (process.env.DOCKER_LINT_DEFER_OPT === "0" || userSetTiering()) return false;
  v8.setFlagsFromString("--no-opt");
  state.deferred = true;
  return true;
}

/** Whether TurboFan is off by deferOptimisingCompiler() (in this thread's view: a worker asks its own copy). */
export function optimisingCompilerDeferred(): boolean {
  return state.deferred;
}
