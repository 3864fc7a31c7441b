/**
 * Whether V8's optimising compiler (TurboFan) runs. A CLI run over a few hundred Dockerfiles
 * ends before TurboFan's code pays for its compiling (which competes for the second core with
 * V8's GC threads): on the 381-file corpus the CLI took about 35 % less CPU and 10 % less wall
 * time with it off. Longer runs gain from it (1810 files: 15 % faster with it), so the CLI turns
 * it back on when it finds LONG_RUN_FILES files or more.
 *
 * Only the CLI's own process does this (bin/docker-lint.js): a library never changes the flags
 * of its host (ESLint, Nx, an editor). V8 keys its code cache to the flags, so the CLI has a
 * code cache of its own (see load-bundle.ts).
 */
import v8 from "node:v8";

/** From this many files on, TurboFan pays for itself (where the two runs' times crossed). */
export const LONG_RUN_FILES = 600;

/** Shared by the loader (dist/load-bundle.cjs) and the bundle, which are separate module copies. */
const STATE = Symbol.for("@docker-lint/core deferred TurboFan");
type State = { deferred: boolean };
const state = ((globalThis as { [STATE]?: State })[STATE] ??= { deferred: false });

/** True when the user gave V8 tiering flags (`node --max-opt=2 …`; NODE_OPTIONS cannot): theirs win. */
function userSetTiering(): boolean {
  return process.execArgv.some((f) => /^--(no-)?(opt|turbofan|maglev|sparkplug)\b|^--max-opt\b/.test(f));
}

/**
 * Turns TurboFan off until resumeOptimisingCompiler(); false (nothing changed) when the user
 * set tiering flags or DOCKER_LINT_DEFER_OPT=0.
 */
export function deferOptimisingCompiler(): boolean {
  if (state.deferred) return true;
  if (process.env.DOCKER_LINT_DEFER_OPT === "0" || userSetTiering()) return false;
  v8.setFlagsFromString("--no-opt");
  state.deferred = true;
  return true;
}

/** Whether TurboFan is off by deferOptimisingCompiler(). */
export function optimisingCompilerDeferred(): boolean {
  return state.deferred;
}

/** Turns TurboFan back on, if deferOptimisingCompiler() turned it off. */
export function resumeOptimisingCompiler(): void {
  if (!state.deferred) return;
  v8.setFlagsFromString("--opt");
  state.deferred = false;
}
