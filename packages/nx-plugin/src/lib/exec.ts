/**
 * Runs a process and collects its output; a timeout kills it (and says so) instead of hanging a
 * task. Every child and every resource registered with `onInterrupt` is cleaned up when the
 * process gets SIGINT or SIGTERM (Ctrl-C in `nx run`), so no container, image or temp folder
 * outlives an interrupted run.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Milliseconds; 0 or undefined: no limit. */
  timeoutMs?: number;
  /** Called with each output line (stdout and stderr) as it arrives, for live progress. */
  onLine?: (line: string) => void;
  /** Kills the process when aborted (a concurrent step failed); the result then has `aborted`. */
  signal?: AbortSignal;
  /**
   * Stop it with SIGINT, and SIGKILL only after this many milliseconds (on a timeout, an abort or
   * an interrupt). For `docker build` and `docker create`: the engine finishes an image export or
   * a container whose client is killed, and names it after the clean-up has run; interrupted, the
   * client waits for the engine.
   */
  gracefulStopMs?: number;
}

export interface RunResult {
  /** Exit code, or null when the process was killed or never started. */
  code: number | null;
  stdout: Buffer;
  stderr: string;
  timedOut: boolean;
  /** Set when the program could not be started (ENOENT, EACCES…). */
  spawnError?: string;
  aborted?: boolean;
}

/** Running children, with how long each may take to stop after SIGINT (0: killed at once). */
const running = new Map<ChildProcess, number>();
/** Synchronous clean-ups, newest last; run in reverse on a signal. */
const cleanups = new Set<() => void>();
const SIGNALS = ["SIGINT", "SIGTERM"] as const;
let installed = false;

function onSignal(signal: NodeJS.Signals): void {
  // Children first: a docker build or run whose client is gone stops, and its names are free.
  // Those that stop gracefully get SIGINT and their time to exit (a build may be naming its image).
  const graceful = [...running].filter(([, ms]) => ms > 0);
  for (const [child] of graceful) child.kill("SIGINT");
  if (graceful.length > 0) {
    process.stderr.write(`waiting for docker to stop what it started, so it can be removed (Ctrl-C again: stop at once)…\n`);
    waitForExitSync(graceful.map(([child]) => child.pid).filter((pid) => pid !== undefined), Math.max(...graceful.map(([, ms]) => ms)));
  }
  for (const [child] of running) child.kill("SIGKILL");
  for (const fn of [...cleanups].reverse()) {
    try {
      fn();
    } catch {
      /* best effort: the other clean-ups still run */
    }
  }
  process.exit(signal === "SIGINT" ? 130 : 143);
}

/**
 * Blocks until the processes have exited (or are zombies: nobody reaps while this thread waits),
 * at most `ms`. A signal handler must finish before Nx's own exits the process, so it cannot await.
 */
function waitForExitSync(pids: number[], ms: number): void {
  // A process's state from /proc where there is one (slim images have no ps), else from ps (macOS).
  const script = [
    "alive() {",
    '  if [ -d "/proc/$1" ]; then s=$(sed "s/.*) //" "/proc/$1/stat" 2>/dev/null) || return 1; s=${s%% *}',
    '  else s=$(ps -o stat= -p "$1" 2>/dev/null) || return 1; fi',
    '  [ -n "$s" ] && [ "${s#Z}" = "$s" ]',
    "}",
    'for p in "$@"; do while alive "$p"; do sleep 0.1; done; done',
  ].join("\n");
  spawnSync("sh", ["-c", script, "sh", ...pids.map(String)], { stdio: "ignore", timeout: ms });
}

function listen(): void {
  const busy = running.size > 0 || cleanups.size > 0;
  if (busy && !installed) {
    // Before any other listener (Nx's may exit at once): the clean-up must run first.
    for (const s of SIGNALS) process.prependListener(s, onSignal);
    installed = true;
  } else if (!busy && installed) {
    for (const s of SIGNALS) process.removeListener(s, onSignal);
    installed = false;
  }
}

/** Registers a synchronous clean-up for SIGINT/SIGTERM; call the result once it is done normally. */
export function onInterrupt(fn: () => void): () => void {
  cleanups.add(fn);
  listen();
  return () => {
    cleanups.delete(fn);
    listen();
  };
}

function lineSplitter(onLine: (line: string) => void): { push: (b: Buffer) => void; flush: () => void } {
  let rest = "";
  return {
    push(b) {
      const lines = (rest + b.toString("utf8")).split(/\r?\n|\r/);
      rest = lines.pop()!;
      for (const l of lines) if (l.trim()) onLine(l);
    },
    flush() {
      if (rest.trim()) onLine(rest);
      rest = "";
    },
  };
}

export function run(command: string, args: string[], options: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve) => {
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let timedOut = false;
    let settled = false;
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ["ignore", "pipe", "pipe"] });
    running.set(child, options.gracefulStopMs ?? 0);
    listen();
    // SIGINT first when the process stops gracefully, SIGKILL once its time is up.
    let killTimer: NodeJS.Timeout | null = null;
    const stop = () => {
      if (!options.gracefulStopMs) {
        child.kill("SIGKILL");
        return;
      }
      child.kill("SIGINT");
      killTimer ??= setTimeout(() => child.kill("SIGKILL"), options.gracefulStopMs);
    };
    const lines = options.onLine ? [lineSplitter(options.onLine), lineSplitter(options.onLine)] : null;
    const timer =
      options.timeoutMs && options.timeoutMs > 0
        ? setTimeout(() => {
            timedOut = true;
            stop();
          }, options.timeoutMs)
        : null;
    options.signal?.addEventListener("abort", stop, { once: true });
    if (options.signal?.aborted) stop();
    const finish = (result: RunResult) => {
      if (settled) return;
      settled = true;
      running.delete(child);
      listen();
      if (timer) clearTimeout(timer);
      if (killTimer) clearTimeout(killTimer);
      options.signal?.removeEventListener("abort", stop);
      if (options.signal?.aborted) result.aborted = true;
      for (const l of lines ?? []) l.flush();
      resolve(result);
    };
    child.stdout.on("data", (b: Buffer) => {
      out.push(b);
      lines?.[0]!.push(b);
    });
    child.stderr.on("data", (b: Buffer) => {
      err.push(b);
      lines?.[1]!.push(b);
    });
    child.on("error", (e) => { finish({ code: null, stdout: Buffer.alloc(0), stderr: "", timedOut, spawnError: e.message }); });
    child.on("close", (code) => { finish({ code, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString("utf8"), timedOut }); });
  });
}

/** The last `n` non-empty lines of a tool's output, for failure messages. */
export function tail(text: string, n = 25): string {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== "");
  return lines.slice(-n).join("\n");
}
