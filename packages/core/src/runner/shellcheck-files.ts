/**
 * The CLI's side of ShellCheck: every file's RUN scripts are collected first (a parse of each
 * file) and handed to ShellCheck in batches as they are found, so its processes start within
 * milliseconds; the lint then runs while they do, each file waiting only for the batches that
 * hold its own scripts.
 */
import { parse } from "../language/ast.js";
import { readPragmas } from "../language/pragmas.js";
import { shellcheckScripts } from "../model/shellcheck-scripts.js";
import { readSourceFile } from "./read-source.js";
import { ShellcheckBatches, shellcheckExecutable, warnMissing } from "./shellcheck.js";

export interface ShellcheckRun {
  /** Null when file `index`'s scripts are checked (and the lint may go on), else a promise of that. */
  before(index: number): Promise<void> | null;
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
  let lastYield = performance.now();
  try {
    for (let i = 0; i < files.length; i++) {
      const file = files[i]!;
      const read = readSourceFile(file, sizes?.get(file));
      if (!read.ok) continue;
      const text = read.text.charCodeAt(0) === 0xfeff ? read.text.slice(1) : read.text;
      const parsed = parse(text);
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
    before(index) {
      const waiting = batches.ready(needed[index]!);
      if (waiting) return waiting;
      // Linting holds the event loop: look in now and then while ShellCheck still runs.
      if (!batches.idle && performance.now() - lastYield > YIELD_EVERY_MS) {
        lastYield = performance.now();
        return yieldToEvents();
      }
      return null;
    },
    close: () => {
      batches.close();
    },
  };
}
