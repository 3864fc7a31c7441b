/**
 * The CLI's side of ShellCheck: every file's RUN scripts are collected first (a parse of each
 * file) and handed to ShellCheck in batches as they are found, so its processes start within
 * milliseconds; the lint then runs while they do, taking the files whose scripts are checked
 * and coming back to the others.
 */
import { parse } from "../language/ast.js";
import { readPragmas } from "../language/pragmas.js";
import { shellcheckScripts } from "../model/shellcheck-scripts.js";
import { readSourceFile, withoutBom, type ReadFile } from "./read-source.js";
import { knownShellcheckResults, ShellcheckBatches, shellcheckExecutable, warnMissing, type ShellcheckComment } from "./shellcheck.js";

/**
 * Files whose read and parse are kept for the lint, at most: the lint then need not read and parse
 * them again. Bounded, since each holds its syntax tree until linted; files past it are read again.
 */
const KEPT_READS = 500;

export interface ShellcheckRun {
  /** File `index` as read and parsed for its scripts, once (then forgotten); undefined if not kept. */
  take(index: number): ReadFile | undefined;
  /** Whether file `index`'s scripts are checked, so that it may be linted. */
  checked(index: number): boolean;
  /** A promise that file `index`'s scripts are checked. */
  whenChecked(index: number): Promise<void>;
  /** While ShellCheck runs, now and then a pause for the event loop (which linting holds), else null. */
  pause(): Promise<void> | null;
  /** Whether every file's scripts are checked: the rest of the lint may then go to worker threads. */
  readonly done: boolean;
  /** The comments on every script checked, for a worker thread (see DockerLinter's `shellcheckResults`). */
  results(): Array<[string, ShellcheckComment[]]>;
  /** Stops any ShellCheck still running (after the lint, or when it failed). */
  close(): void;
}

/** Yield to the event loop this often, so finished processes are read and the next batches start. */
const YIELD_EVERY_MS = 10;

const yieldToEvents = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Starts ShellCheck on the files' scripts; null without ShellCheck (the rule then finds nothing). */
export async function startFilesShellcheck(files: string[], sizes?: Map<string, number>, jobs?: number): Promise<ShellcheckRun | null> {
  const program = shellcheckExecutable();
  if (!program) {
    warnMissing();
    return null;
  }
  const batches = new ShellcheckBatches(program, jobs);
  const needed = new Int32Array(files.length);
  const kept = new Map<number, ReadFile>();
  let lastYield = performance.now();
  try {
    for (let i = 0; i < files.length; i++) {
      const file = files[i]!;
      const read: ReadFile = readSourceFile(file, sizes?.get(file));
      if (!read.ok) continue;
      const text = withoutBom(read.text);
      const parsed = parse(text);
      if (i < KEPT_READS) kept.set(i, Object.assign(read, { parsed }));
      if (!parsed.ok) continue;
      needed[i] = batches.add(shellcheckScripts(parsed.ast, text, readPragmas(parsed.ast, text).shell).map((s) => s.text));
      if (performance.now() - lastYield > YIELD_EVERY_MS) {
        await yieldToEvents();
        lastYield = performance.now();
      }
    }
    batches.flush();
  } catch (error) {
    batches.close();
    throw error;
  }
  return {
    take(index) {
      const read = kept.get(index);
      kept.delete(index);
      return read;
    },
    checked: (index) => batches.done(needed[index]!),
    whenChecked: (index) => batches.ready(needed[index]!) ?? Promise.resolve(),
    pause() {
      // Linting holds the event loop: look in now and then while ShellCheck still runs, so
      // finished processes are read and the next batches start.
      if (!batches.idle && performance.now() - lastYield > YIELD_EVERY_MS) {
        lastYield = performance.now();
        return yieldToEvents();
      }
      return null;
    },
    get done() {
      return batches.idle;
    },
    results: knownShellcheckResults,
    close: () => {
      batches.close();
    },
  };
}
