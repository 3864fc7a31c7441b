/**
 * How many cores others leave idle, measured rather than assumed: a worker thread pays only on a
 * core nobody else wants (on a loaded machine it slowed long runs down; tools/bench/README.md).
 * The kernel's idle time over every core (os.cpus(), /proc/stat on Linux) is read when this
 * module loads (the loader requires it first thing, so in the CLI at start) and again when asked:
 * the idle share of that window, in cores. The thread asking was busy all along, so on an
 * otherwise idle 2-core machine the answer is about 1. CommonJS, one copy per thread, like the
 * loader (scripts/bundle.mjs keeps the bundle from holding a second one).
 */
import os from "node:os";

/** Below this, the kernel's 10 ms accounting ticks make the figure mostly noise. */
const MIN_WINDOW_MS = 30;

function idleMs(): number {
  let idle = 0;
  for (const cpu of os.cpus()) idle += cpu.times.idle;
  return idle;
}

/** This process's CPU time (every thread's), in ms. */
function processMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

let since = { at: performance.now(), idle: idleMs(), own: processMs() };

/**
 * Idle cores since this module loaded or since the last call (then the window starts again);
 * null when the window is too short to tell. `ownWorkers`: this process had worker threads of
 * its own running in the window (the CLI's early worker, booting), and the cores they used count
 * as idle, less the one this thread kept busy: they are not someone else's load.
 */
export function idleCores({ ownWorkers = false }: { ownWorkers?: boolean } = {}): number | null {
  const now = { at: performance.now(), idle: idleMs(), own: processMs() };
  const elapsed = now.at - since.at;
  if (elapsed < MIN_WINDOW_MS) return null;
  let idle = (now.idle - since.idle) / elapsed;
  if (ownWorkers) idle += Math.max(0, (now.own - since.own) / elapsed - 1);
  since = now;
  return idle;
}

/**
 * Workers to start when `requested` are allowed: one per core at least 70 % idle (a worker that
 * gets less loses to its start-up and to the switching between threads), all when unknown.
 */
export function workersFor(requested: number, idle: number | null): number {
  if (idle === null) return requested;
  return Math.max(0, Math.min(requested, Math.floor(idle + 0.3)));
}
