/**
 * Reads a file (or stdin's bytes) as Dockerfile text, or explains in one message why it can't:
 * unreadable, not a regular file, too large, binary, or not UTF-8.
 */
import { readFileSync, statSync } from "node:fs";
import type { LintMessage } from "./lint.js";
import type { ParseResult } from "../language/ast.js";

/** Real Dockerfiles are a few KiB (the largest in our corpus is 20 KiB); beyond this, refuse. */
export const MAX_SOURCE_BYTES = 1024 * 1024;

export type SourceRead = { ok: true; text: string } | { ok: false; problem: LintMessage };

/** The text without its byte order mark: what is parsed and linted (ESLint strips it too, and restores it on output). */
export function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * A file read (and maybe parsed) already, as DockerLinter.lintFile's `read`: readSourceFile's
 * result, with the parser's result for its text without the BOM when the reader parsed it
 * (shellcheck-files.ts).
 */
export type ReadFile = SourceRead & { parsed?: ParseResult };

/** A fatal, rule-less message as ESLint gives for parse errors; line 0 means "no position". */
export function fatalMessage(message: string, line = 0, column = 0): LintMessage {
  return { ruleId: null, fatal: true, severity: 2, message, line, column, nodeType: null };
}

function reason(e: unknown): string {
  // Node's message repeats the path ("…, open '/x/Dockerfile'"); the report names the file already.
  return (e instanceof Error ? e.message : String(e)).replace(/, \w+ '.*'$/s, "");
}

/**
 * `knownSize`: the size of a file the caller has just stat'ed and found regular (discovery does,
 * for files named on the command line), which saves a stat.
 */
export function readSourceFile(file: string, knownSize?: number): SourceRead {
  // Two calls (stat, then Node's one-call UTF-8 read), not open/fstat/read/close: this runs per file.
  try {
    if (knownSize === undefined) {
      const stat = statSync(file);
      if (stat.isDirectory()) return { ok: false, problem: fatalMessage("This is a folder, not a Dockerfile. Name the file, or pass the folder to search it.") };
      if (!stat.isFile()) return { ok: false, problem: fatalMessage("This is not a regular file, so it is not linted. Pass the Dockerfile itself.") };
      knownSize = stat.size;
    }
    if (knownSize > MAX_SOURCE_BYTES) return { ok: false, problem: tooLarge(knownSize) };
    const text = readFileSync(file, "utf8");
    // The lenient read turns bad UTF-8 into U+FFFD: only then look at the bytes themselves.
    if (text.includes("\uFFFD") || text.includes("\u0000")) return decodeSource(readFileSync(file));
    return { ok: true, text };
  } catch (e) {
    return { ok: false, problem: fatalMessage(`Cannot read the file (${reason(e)}). Check that it exists and is readable.`) };
  }
}

function tooLarge(size: number): LintMessage {
  const mib = (size / 1024 / 1024).toFixed(1);
  return fatalMessage(`The file is ${mib} MiB; files over 1 MiB are not linted as Dockerfiles. Lint the real Dockerfile instead.`);
}

// ignoreBOM keeps a BOM in the text: the runner strips it for linting and restores it in fixed output.
const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

function position(bytes: Uint8Array, index: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < index; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: index - lineStart + 1 };
}

/**
 * "LE with a byte order mark", "BE without a byte order mark" …, or null when the bytes do not
 * look like UTF-16. Without a BOM: text that is mostly ASCII has a NUL in every other byte.
 */
export function utf16Kind(bytes: Uint8Array): string | null {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return "LE with a byte order mark";
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return "BE with a byte order mark";
  const pairs = Math.min(Math.floor(bytes.length / 2), 4096);
  if (pairs < 2) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < pairs; i++) {
    if (bytes[2 * i] === 0) evenNul++;
    if (bytes[2 * i + 1] === 0) oddNul++;
  }
  if (oddNul >= pairs * 0.9 && evenNul === 0) return "LE without a byte order mark";
  if (evenNul >= pairs * 0.9 && oddNul === 0) return "BE without a byte order mark";
  return null;
}

export function decodeSource(bytes: Uint8Array): SourceRead {
  if (bytes.length > MAX_SOURCE_BYTES) return { ok: false, problem: tooLarge(bytes.length) };
  const utf16 = utf16Kind(bytes);
  if (utf16) {
    return { ok: false, problem: fatalMessage(`The file is UTF-16 (${utf16}); Docker reads Dockerfiles as UTF-8. Re-save it as UTF-8.`) };
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    const at = position(bytes, nul);
    return { ok: false, problem: fatalMessage("The file looks binary (it contains a NUL byte), so it is not a Dockerfile. Lint text files only.", at.line, at.column) };
  }
  try {
    return { ok: true, text: strictUtf8.decode(bytes) };
  } catch {
    // The lenient decoding puts U+FFFD where the first bad byte sequence is.
    const lenient = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
    const bad = lenient.indexOf("\uFFFD");
    const before = lenient.slice(0, Math.max(0, bad));
    const line = before.split("\n").length;
    const column = before.length - before.lastIndexOf("\n");
    return { ok: false, problem: fatalMessage("The file is not valid UTF-8 (e.g. Latin-1 bytes). Re-save it as UTF-8.", line, column) };
  }
}
