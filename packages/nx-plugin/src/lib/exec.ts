/** Runs a process and collects its output; a timeout kills it (and says so) instead of hanging a task. */
import { spawn } from "node:child_process";

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Milliseconds; 0 or undefined: no limit. */
  timeoutMs?: number;
}

export interface RunResult {
  /** Exit code, or null when the process was killed or never started. */
  code: number | null;
  stdout: Buffer;
  stderr: string;
  timedOut: boolean;
  /** Set when the program could not be started (ENOENT, EACCES…). */
  spawnError?: string;
}

export function run(command: string, args: string[], options: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve) => {
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let timedOut = false;
    let settled = false;
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ["ignore", "pipe", "pipe"] });
    const timer =
      options.timeoutMs && options.timeoutMs > 0
        ? setTimeout(() => {
            timedOut = true;
            child.kill("SIGKILL");
          }, options.timeoutMs)
        : null;
    const finish = (result: RunResult) => {
      if (settled) return;
      settled = true;
      if (timer) clearTimeout(timer);
      resolve(result);
    };
    child.stdout.on("data", (b: Buffer) => out.push(b));
    child.stderr.on("data", (b: Buffer) => err.push(b));
    child.on("error", (e) => finish({ code: null, stdout: Buffer.alloc(0), stderr: "", timedOut, spawnError: e.message }));
    child.on("close", (code) => finish({ code, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString("utf8"), timedOut }));
  });
}

/** The last `n` non-empty lines of a tool's output, for failure messages. */
export function tail(text: string, n = 25): string {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== "");
  return lines.slice(-n).join("\n");
}
