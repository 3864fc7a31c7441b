/**
 * The parser before language/lexer.ts, on dockerfile-ast 0.7.1: kept only as the oracle of the
 * differential tests (tests/language/lexer.test.ts). Frozen: do not change it.
 *
 * `[start, end)` offset `range`. dockerfile-ast is the parser of record: it finds directives,
 * the escape character, comments, instruction boundaries and heredoc bodies; we read each
 * instruction's words ourselves from its offsets.
 */
import { Instruction as AstInstructionClass, type Dockerfile as AstDockerfile, type Heredoc, type Instruction as AstInstruction } from "dockerfile-ast";
import { Parser as AstParser } from "dockerfile-ast/lib/parser.js";

export interface Position {
  line: number;
  column: number;
}
export interface SourceLocation {
  start: Position;
  end: Position;
}
export type Range = [number, number];

export interface BaseNode {
  type: string;
  loc: SourceLocation;
  range: Range;
}

/** A slice of source text with its own location, used as a report or fix target. */
export interface Span {
  value: string;
  loc: SourceLocation;
  range: Range;
}

export interface FlagNode extends Span {
  /** Flag name without dashes, lower-cased: `from`, `mount`, `platform`, `chmod` … */
  name: string;
  /** Value after `=`, or null for a bare `--flag`. */
  flagValue: string | null;
}

export interface HeredocNode {
  name: string;
  /** The heredoc body (lines between the opening line and the delimiter). */
  content: string;
  contentRange: Range | null;
}

export interface InstructionNode extends BaseNode {
  type: "Instruction";
  /** Upper-cased keyword: FROM, RUN, COPY … */
  keyword: string;
  /** The keyword as written, with its span (for casing fixes). */
  keywordSpan: Span;
  /** Arguments as written (continuations kept), with flags stripped. */
  rawArgs: string;
  /**
   * Arguments as the builder sees them: continuations joined, comment lines inside the
   * continuation removed, flags stripped.
   */
  args: string;
  /** Whitespace-separated arguments (after flags), each with its span. */
  argv: Span[];
  flags: FlagNode[];
  /** For CMD/ENTRYPOINT/RUN/SHELL/COPY/ADD/VOLUME: JSON (exec) form strings, or null in shell form. */
  json: string[] | null;
  /** Span of the whole arguments part after flags (or null when empty). */
  argsSpan: Span | null;
  heredocs: HeredocNode[];
  /** For ONBUILD: the wrapped trigger keyword (upper-cased), else null. */
  onbuildKeyword: string | null;
}

export interface CommentNode extends BaseNode {
  type: "Comment";
  /** Comment text after `#`, trimmed. */
  value: string;
}

export interface DirectiveNode extends BaseNode {
  type: "Directive";
  name: string;
  value: string;
}

export interface DockerfileNode extends BaseNode {
  type: "Dockerfile";
  body: Array<InstructionNode | CommentNode>;
  directives: DirectiveNode[];
  comments: CommentNode[];
  instructions: InstructionNode[];
  escapeChar: string;
  /** Line ending style seen first in the file. */
  eol: "\n" | "\r\n";
}

export type DockerfileAstNode = DockerfileNode | InstructionNode | CommentNode | DirectiveNode;

export const visitorKeys: Record<string, string[]> = {
  Dockerfile: ["body"],
  Instruction: [],
  Comment: [],
  Directive: [],
};

/** Maps LSP positions (0-based line/character) to offsets and 1-based locations. */
export class LineIndex {
  readonly lineStarts: number[] = [0];
  constructor(readonly text: string) {
    if (!text.includes("\r")) {
      // The usual case: only \n ends lines, and indexOf finds them faster than a loop over chars.
      for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) this.lineStarts.push(i + 1);
      return;
    }
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.lineStarts.push(i + 1);
      } else if (c === 10) {
        this.lineStarts.push(i + 1);
      }
    }
  }
  offset(pos: { line: number; character: number }): number {
    const start = this.lineStarts[pos.line] ?? this.text.length;
    return Math.min(start + pos.character, this.text.length);
  }
  #lastLine = 0;
  position(offset: number): Position {
    // Spans are mostly made in file order: try the line of the previous lookup first.
    const starts = this.lineStarts;
    const last = this.#lastLine;
    if (starts[last]! <= offset && (last + 1 >= starts.length || starts[last + 1]! > offset)) {
      return { line: last + 1, column: offset - starts[last]! + 1 };
    }
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    this.#lastLine = lo;
    return { line: lo + 1, column: offset - this.lineStarts[lo]! + 1 };
  }
  span(start: number, end: number): Span {
    return { value: this.text.slice(start, end), range: [start, end], loc: { start: this.position(start), end: this.position(end) } };
  }
  fromLsp(r: { start: { line: number; character: number }; end: { line: number; character: number } }): Span {
    return this.span(this.offset(r.start), this.offset(r.end));
  }
}

const JSON_KEYWORDS = new Set(["CMD", "ENTRYPOINT", "RUN", "SHELL", "COPY", "ADD", "VOLUME"]);

/** Joins continuation lines the way the builder does: drop escape+newline and comment lines inside. */
export function joinContinuations(raw: string, escapeChar: string): string {
  // Most instructions are one line: nothing to join.
  if (!raw.includes("\n") && !raw.includes("\r")) return raw.trimEnd();
  const lines = raw.split(/\r\n|\r|\n/);
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!;
    if (i > 0 && /^\s*#/.test(line)) continue;
    if (i > 0 && line.trim() === "") continue;
    if (line.trimEnd().endsWith(escapeChar) && i < lines.length - 1) {
      line = line.trimEnd().slice(0, -1);
    }
    out.push(line);
  }
  return out.join(" ").trimEnd();
}

function parseJsonForm(args: string): string[] | null {
  const t = args.trim();
  if (!t.startsWith("[") || !t.endsWith("]")) return null;
  try {
    const v: unknown = JSON.parse(t);
    if (Array.isArray(v) && v.every((s) => typeof s === "string")) return v as string[];
  } catch {
    /* shell form that happens to start with "[" */
  }
  return null;
}

export interface ParseError {
  message: string;
  line: number;
  column: number;
}

export type ParseResult = { ok: true; ast: DockerfileNode } | { ok: false; errors: ParseError[] };

/** Rejects input that is not a text Dockerfile: NUL bytes or U+FFFD from a failed UTF-8 decode. */
export function checkText(text: string): ParseError | null {
  const nul = text.indexOf("\u0000");
  if (nul >= 0) {
    const idx = new LineIndex(text).position(nul);
    return { message: "File looks binary (contains a NUL byte); not a Dockerfile", ...idx };
  }
  const bad = text.indexOf("\uFFFD");
  if (bad >= 0) {
    const idx = new LineIndex(text).position(bad);
    return { message: "File is not valid UTF-8", ...idx };
  }
  return null;
}

interface LspPosition {
  line: number;
  character: number;
}
interface LspRange {
  start: LspPosition;
  end: LspPosition;
}

/** The parts of dockerfile-ast's Parser that its subclass below relies on (private in its typings). */
interface AstParserInternals {
  document: { positionAt(offset: number): LspPosition };
  buffer: string;
  escapeChar: string;
  parse(buffer: string): AstDockerfile;
}

const AstParserClass = AstParser as unknown as {
  new (): AstParserInternals;
  createInstruction(document: unknown, dockerfile: unknown, escapeChar: string, lineRange: LspRange, instruction: string, instructionRange: LspRange): AstInstruction;
};

/**
 * dockerfile-ast re-tokenises an instruction's arguments on every getRawArguments() call; its
 * constructors and getHeredocs() call it many times, over the whole heredoc body. The text never
 * changes, so while we build heredoc instructions, memoise it. The prototype is restored right
 * after (synchronously), so other users of dockerfile-ast in the process never see the change.
 */
const instructionPrototype = AstInstructionClass.prototype as unknown as { getRawArguments(): unknown[] };
const rawArgumentsUncached = instructionPrototype.getRawArguments;
const rawArgumentsCache = new WeakMap<object, unknown[]>();
function rawArgumentsMemoised(this: object): unknown[] {
  let args = rawArgumentsCache.get(this);
  if (!args) {
    args = rawArgumentsUncached.call(this);
    rawArgumentsCache.set(this, args);
  }
  // Callers splice the array (flags are removed from it): hand out a copy.
  return args.slice();
}
function withRawArgumentsMemo<T>(fn: () => T): T {
  if (instructionPrototype.getRawArguments === rawArgumentsMemoised) return fn();
  instructionPrototype.getRawArguments = rawArgumentsMemoised;
  try {
    return fn();
  } finally {
    instructionPrototype.getRawArguments = rawArgumentsUncached;
  }
}

/**
 * An instruction as dockerfile-ast's parser delimits it, by offsets. dockerfile-ast builds a
 * typed instruction object for every instruction (twice when it looks for heredocs), and those
 * constructors tokenise flags, properties and JSON we never read: that was most of the parse
 * time. This stands in for it; the typed object is built only when heredocs need it.
 */
class LazyInstruction {
  #range: LspRange | null = null;
  #real: AstInstruction | null = null;
  readonly escapeChar: string;
  constructor(
    readonly parser: AstParserInternals,
    readonly dockerfile: AstDockerfile,
    /** The keyword as written (escaped newlines removed). */
    readonly instruction: string,
    readonly start: number,
    readonly keywordEnd: number,
    readonly end: number,
  ) {
    this.escapeChar = parser.escapeChar;
  }
  getKeyword(): string {
    return this.instruction.toUpperCase();
  }
  /** Heredoc operators can only appear if `<<` does. */
  hasHeredocMarker(): boolean {
    const i = this.parser.buffer.indexOf("<<", this.keywordEnd);
    return i >= 0 && i < this.end;
  }
  // dockerfile-ast's Dockerfile and ImageTemplate ask for ranges when sorting comments into stages.
  getRange(): LspRange {
    const doc = this.parser.document;
    this.#range ??= { start: doc.positionAt(this.start), end: doc.positionAt(this.end) };
    return this.#range;
  }
  getInstructionRange(): LspRange {
    const doc = this.parser.document;
    return { start: doc.positionAt(this.start), end: doc.positionAt(this.keywordEnd) };
  }
  /** dockerfile-ast's typed instruction (Run, Copy …), as its own parser would have built it. */
  real(): AstInstruction {
    this.#real ??= withRawArgumentsMemo(() =>
      AstParserClass.createInstruction(this.parser.document, this.dockerfile, this.escapeChar, this.getRange(), this.instruction, this.getInstructionRange()),
    );
    return this.#real;
  }
  getHeredocs(): Heredoc[] {
    const real = this.real() as unknown as { getHeredocs(): Heredoc[] };
    return withRawArgumentsMemo(() => real.getHeredocs());
  }
  // Called by the parser's heredoc scan (on the opening line): only the values of arguments
  // starting with `<<` matter to it. For RUN/COPY/ADD those are what rawArgumentValues gives
  // (flags, which the typed object drops, never start with `<<`); others ask the typed object.
  getArguments(): unknown[] {
    if (!this.hasHeredocMarker()) return [];
    const keyword = this.getKeyword();
    if (keyword === "RUN" || keyword === "COPY" || keyword === "ADD") {
      return rawArgumentValues(this.parser.buffer.slice(this.keywordEnd, this.end), this.escapeChar).map((value) => ({ getValue: () => value }));
    }
    return withRawArgumentsMemo(() => this.real().getArguments());
  }
  getTriggerInstruction(): AstInstruction | null {
    return this.hasHeredocMarker() ? (this.real() as unknown as { getTriggerInstruction(): AstInstruction | null }).getTriggerInstruction() : null;
  }
}

/**
 * The argument values dockerfile-ast's Instruction.getRawArguments() gives for `text` (the
 * instruction after its keyword), without the LSP ranges it also builds: a line-for-line port of
 * its loop (dockerfile-ast 0.7), kept in step by the heredoc tests and the corpus comparison.
 */
export function rawArgumentValues(text: string, escapeChar: string): string[] {
  const args: string[] = [];
  let start = false;
  let comment = false;
  let found = -1;
  let escapedWhitespaceDetected = false;
  let escaping = false;
  let escapeMarker = -1;
  let escapedArg = "";
  for (let i = 0; i < text.length; i++) {
    const char = text.charAt(i);
    if (char === " " || char === "\t" || char === "\r" || char === "\n") {
      if (escaping) {
        escapedWhitespaceDetected = true;
        if (char === "\r" || char === "\n") {
          escapedWhitespaceDetected = false;
          if (comment) {
            comment = false;
            start = true;
          }
        }
        continue;
      } else if (found !== -1) {
        args.push(escapedArg);
        escapeMarker = -1;
        escapedArg = "";
        found = -1;
      }
    } else if (char === escapeChar) {
      const next = text.charAt(i + 1);
      if (next === " " || next === "\t") {
        whitespaceCheck: for (let j = i + 2; j < text.length; j++) {
          switch (text.charAt(j)) {
            case " ":
            case "\t":
              continue;
            case "\r":
              j++;
            // falls through
            case "\n":
              comment = false;
              escaping = true;
              start = true;
              if (found !== -1) escapeMarker = i;
              i = j;
              break whitespaceCheck;
            default:
              escapeMarker = i;
              if (found === -1) i = j - 1;
              break whitespaceCheck;
          }
        }
      } else if (next === "\r" || next === "\n") {
        comment = false;
        escaping = true;
        start = true;
        if (found !== -1 && escapeMarker === -1) escapeMarker = i;
        i += next === "\r" ? 2 : 1;
      } else {
        if (escapedWhitespaceDetected && escapeMarker !== -1) {
          args.push(escapedArg);
          escapedArg = "";
          found = -1;
        }
        escapeMarker = -1;
        escapedWhitespaceDetected = false;
        escaping = false;
        if (next === "$") escapedArg = escapedArg + char + next;
        else if (next === "") break;
        else escapedArg = escapedArg + next;
        if (found === -1) found = i;
        i++;
      }
    } else if (!comment) {
      if (start && char === "#") comment = true;
      else {
        if (escapedWhitespaceDetected && escapeMarker !== -1) {
          args.push(escapedArg);
          escapedArg = "";
          found = -1;
        }
        escapedWhitespaceDetected = false;
        escaping = false;
        escapeMarker = -1;
        escapedArg = escapedArg + char;
        if (found === -1) found = i;
      }
      start = false;
    }
  }
  if (found !== -1) args.push(escapedArg);
  return args;
}

const NL = 10, CR = 13, SPACE = 32, TAB = 9, HASH = 35, DOUBLE_QUOTE = 34, SINGLE_QUOTE = 39;

/** dockerfile-ast's Dockerfile.addInstruction(), which its typings leave out. */
type AddInstruction = { addInstruction(instruction: never): void };

/** The parser methods the ports below call (dockerfile-ast's or ours). */
interface OffsetParserMethods {
  processArguments(dockerfile: AstDockerfile, instruction: string, instructionEnd: number, start: number, offset: number): number;
  processHeredocs(instruction: LazyInstruction, offset: number): number;
  processComment(dockerfile: AstDockerfile, start: number): number;
  createInstruction(dockerfile: AstDockerfile, instruction: string, start: number, keywordEnd: number, end: number): LazyInstruction;
}

/** dockerfile-ast's parser, recording offsets instead of building typed instructions and LSP ranges. */
export class OffsetParser extends (AstParserClass as unknown as new () => object) {
  readonly commentOffsets: Array<[number, number]> = [];
  #document: unknown = null;
  constructor(readonly lineStarts: number[]) {
    super();
  }
  // dockerfile-ast's parse() makes a TextDocument, which scans the whole text again for line
  // starts on the first position lookup; hand it ours (the same starts: \r\n, \r and \n end lines).
  get document(): unknown {
    return this.#document;
  }
  set document(document: unknown) {
    const d = document as { _lineOffsets?: number[] } | null;
    if (d && typeof d === "object" && "_lineOffsets" in d && d._lineOffsets === undefined) d._lineOffsets = this.lineStarts;
    this.#document = document;
  }
  #ownDockerfile: AstDockerfile | null = null;
  /**
   * At the end of parse(), dockerfile-ast sorts comments into build stages (comments × stages
   * range comparisons) for its own stage APIs, which we never call: skip that on our private
   * Dockerfile object (not on its prototype, which other users share).
   */
  #claim(dockerfile: AstDockerfile): void {
    if (this.#ownDockerfile === dockerfile) return;
    this.#ownDockerfile = dockerfile;
    (dockerfile as unknown as { organizeComments(): void }).organizeComments = () => {};
  }
  createInstruction(dockerfile: AstDockerfile, instruction: string, start: number, keywordEnd: number, end: number): LazyInstruction {
    this.#claim(dockerfile);
    return new LazyInstruction(this as unknown as AstParserInternals, dockerfile, instruction, start, keywordEnd, end);
  }
  /**
   * dockerfile-ast's processInstruction() (0.7), line for line, on char codes and locals instead
   * of one-char strings and `this.buffer` reads: it and processArguments() walk every byte of a
   * file, and took a tenth of the CLI's time. tests/model/ast.test.ts runs both versions on the
   * corpus, the oracles and generated text and requires the same AST.
   */
  processInstruction(dockerfile: AstDockerfile, char: string, start: number): number {
    const self = this as unknown as AstParserInternals & OffsetParserMethods;
    const buffer = self.buffer;
    const length = buffer.length;
    const escapeChar = self.escapeChar;
    const esc = escapeChar.charCodeAt(0);
    let instruction = char;
    let instructionEnd = -1;
    let escapedInstruction = false;
    instructionCheck: for (let i = start + 1; i < length; i++) {
      const c = buffer.charCodeAt(i);
      if (c === esc) {
        escapedInstruction = true;
        const next = buffer.charCodeAt(i + 1);
        if (next === CR || next === NL) {
          if (instructionEnd === -1) instructionEnd = i;
          i++;
        } else if (next === SPACE || next === TAB) {
          for (let j = i + 2; j < length; j++) {
            const d = buffer.charCodeAt(j);
            if (d === SPACE || d === TAB) continue;
            if (d === CR || d === NL) {
              i = j;
              continue instructionCheck;
            }
            // found an argument, mark end of instruction
            instructionEnd = i + 1;
            instruction = instruction + escapeChar;
            i = j - 2;
            continue instructionCheck;
          }
          // reached EOF
          instructionEnd = i + 1;
          instruction = instruction + escapeChar;
          break instructionCheck;
        } else {
          instructionEnd = i + 1;
          instruction = instruction + escapeChar;
          // reset and consider it as one contiguous word
          escapedInstruction = false;
        }
      } else if (c === SPACE || c === TAB) {
        if (escapedInstruction) {
          // on an escaped newline, need to search for non-whitespace
          for (let j = i + 1; j < length; j++) {
            const d = buffer.charCodeAt(j);
            if (d === SPACE || d === TAB) continue;
            if (d === CR || d === NL) {
              i = j;
              continue instructionCheck;
            }
            break;
          }
          escapedInstruction = false;
        }
        if (instructionEnd === -1) instructionEnd = i;
        i = self.processArguments(dockerfile, instruction, instructionEnd, start, i);
        (dockerfile as unknown as AddInstruction).addInstruction(self.createInstruction(dockerfile, instruction, start, instructionEnd, i) as never);
        return i;
      } else if (c === CR || c === NL) {
        if (escapedInstruction) continue;
        if (instructionEnd === -1) instructionEnd = i;
        (dockerfile as unknown as AddInstruction).addInstruction(self.createInstruction(dockerfile, instruction, start, i, i) as never);
        return i;
      } else {
        if (c === HASH && escapedInstruction) continue;
        instructionEnd = i + 1;
        instruction = instruction + buffer.charAt(i);
        escapedInstruction = false;
      }
    }
    // reached EOF
    if (instructionEnd === -1) instructionEnd = length;
    (dockerfile as unknown as AddInstruction).addInstruction(self.createInstruction(dockerfile, instruction, start, instructionEnd, length) as never);
    return length;
  }
  /**
   * dockerfile-ast's processArguments() (0.7), ported as processInstruction() above. Outside a
   * line continuation only newlines and the escape character change anything, so it jumps from
   * one to the next (each found once by indexOf) instead of visiting every character.
   */
  processArguments(dockerfile: AstDockerfile, instruction: string, instructionEnd: number, start: number, offset: number): number {
    const self = this as unknown as AstParserInternals & OffsetParserMethods;
    const buffer = self.buffer;
    const length = buffer.length;
    const escapeChar = self.escapeChar;
    const esc = escapeChar.charCodeAt(0);
    let escaped = false;
    // The next \n, \r and escape character at or after i: -2 not looked for yet, -1 none left.
    let nextLf = -2;
    let nextCr = -2;
    let nextEsc = -2;
    let i = offset + 1;
    while (i < length) {
      if (!escaped) {
        if (nextLf !== -1 && nextLf < i) nextLf = buffer.indexOf("\n", i);
        if (nextCr !== -1 && nextCr < i) nextCr = buffer.indexOf("\r", i);
        if (nextEsc !== -1 && nextEsc < i) nextEsc = buffer.indexOf(escapeChar, i);
        let next = length;
        if (nextLf >= 0 && nextLf < next) next = nextLf;
        if (nextCr >= 0 && nextCr < next) next = nextCr;
        if (nextEsc >= 0 && nextEsc < next) next = nextEsc;
        if (next === length) return length;
        i = next;
      }
      const c = buffer.charCodeAt(i);
      if (c === CR || c === NL) {
        if (!escaped) return self.processHeredocs(self.createInstruction(dockerfile, instruction, start, instructionEnd, i), i);
        i++;
        continue;
      }
      if (c === esc) {
        const after = buffer.charCodeAt(i + 1);
        if (after === NL || after === CR) {
          escaped = true;
          i += 2;
          continue;
        }
        if (after === SPACE || after === TAB) {
          let j = i + 2;
          while (j < length && (buffer.charCodeAt(j) === SPACE || buffer.charCodeAt(j) === TAB)) j++;
          // reached EOF
          if (j >= length) return length;
          const d = buffer.charCodeAt(j);
          if (d === CR || d === NL) escaped = true;
          i = j + 1;
          continue;
        }
        i++;
        continue;
      }
      // Only reached inside a continuation (escaped): a comment line is skipped, with its newline.
      if (c === HASH) i = self.processComment(dockerfile, i) + 1;
      else {
        if (c !== SPACE && c !== TAB) escaped = false;
        i++;
      }
    }
    return length;
  }
  // dockerfile-ast decides where a comment starts; it ends at the end of its line, as in its
  // processComment(). Only the offsets are kept: no Comment objects, no LSP ranges.
  processComment(dockerfile: AstDockerfile, start: number): number {
    this.#claim(dockerfile);
    const buffer = (this as unknown as AstParserInternals).buffer;
    const lf = buffer.indexOf("\n", start + 1);
    const cr = buffer.indexOf("\r", start + 1);
    const end = lf < 0 ? (cr < 0 ? buffer.length : cr) : cr < 0 ? lf : Math.min(lf, cr);
    this.commentOffsets.push([start, end]);
    return end;
  }
}

export function parse(text: string): ParseResult {
  return parseWith(OffsetParser, text);
}

/** parse() with another parser class: tests run dockerfile-ast's own lexer methods through it. */
export function parseWith(Parser: typeof OffsetParser, text: string): ParseResult {
  const bad = checkText(text);
  if (bad) return { ok: false, errors: [bad] };
  const index = new LineIndex(text);
  const parser = new Parser(index.lineStarts);
  let df: AstDockerfile;
  try {
    df = (parser as unknown as AstParserInternals).parse(text);
  } catch (e) {
    return { ok: false, errors: [{ message: `Cannot parse Dockerfile: ${(e as Error).message}`, line: 1, column: 1 }] };
  }
  const escapeChar = df.getEscapeCharacter();
  const directives: DirectiveNode[] = df.getDirectives().map((d) => {
    const s = index.fromLsp(d.getRange());
    return { type: "Directive", name: d.getName().toLowerCase(), value: d.getValue(), loc: s.loc, range: s.range };
  });
  const comments: CommentNode[] = parser.commentOffsets.map(([start, end]) => {
    const s = index.span(start, end);
    // The text after the first `#`, as dockerfile-ast's Comment.getContent() gives it.
    return { type: "Comment", value: s.value.slice(1).trim(), loc: s.loc, range: s.range };
  });
  const instructions = (df.getInstructions() as unknown as LazyInstruction[]).map((i) => toInstruction(i, index, escapeChar));
  const body = [...instructions, ...comments].sort((a, b) => a.range[0] - b.range[0]);
  const eol = /\r\n/.test(text.slice(0, (text.indexOf("\n") + 1) || text.length)) ? "\r\n" : "\n";
  return {
    ok: true,
    ast: {
      type: "Dockerfile",
      body,
      directives,
      comments,
      instructions,
      escapeChar,
      eol,
      range: [0, text.length],
      loc: { start: { line: 1, column: 1 }, end: index.position(text.length) },
    },
  };
}

const FLAG_KEYWORDS = new Set(["FROM", "RUN", "COPY", "ADD", "HEALTHCHECK"]);


/**
 * Splits `text[from, to)` (instruction arguments) into words with their offsets: whitespace
 * separates words, escape+newline continues a line, comment lines inside a continuation are
 * skipped, quotes keep whitespace inside a word. (dockerfile-ast's getArguments() does this too,
 * but slowly.) Char codes, not one-char strings: this runs over every byte of every file.
 */
function words(text: string, from: number, to: number, escapeChar: string, untilFirstNonFlag = false): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  const esc = escapeChar.charCodeAt(0);
  const isNewlineAt = (j: number) => {
    if (j >= to) return false;
    const c = text.charCodeAt(j);
    return c === NL || c === CR;
  };
  let i = from;
  // `from` sits right after the keyword: only later (continuation) lines can be comment lines.
  let lineStart = false;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (c === NL || c === CR) {
      i++;
      lineStart = true;
      continue;
    }
    if (c === SPACE || c === TAB) {
      i++;
      continue;
    }
    if (c === esc && isNewlineAt(i + 1)) {
      i++;
      continue;
    }
    if (lineStart && c === HASH) {
      while (i < to && text.charCodeAt(i) !== NL) i++;
      continue;
    }
    lineStart = false;
    const start = i;
    let quote = 0;
    while (i < to) {
      const ch = text.charCodeAt(i);
      if (quote !== 0) {
        if (ch === esc && i + 1 < to && !isNewlineAt(i + 1)) i += 2;
        else {
          if (ch === quote) quote = 0;
          i++;
        }
        continue;
      }
      if (ch === SPACE || ch === TAB || ch === NL || ch === CR) break;
      if (ch === esc && isNewlineAt(i + 1)) break;
      if (ch === esc && i + 1 < to) {
        i += 2;
        continue;
      }
      if (ch === DOUBLE_QUOTE || ch === SINGLE_QUOTE) quote = ch;
      i++;
    }
    out.push({ start, end: i });
    if (untilFirstNonFlag && !(text.charCodeAt(start) === 45 && text.charCodeAt(start + 1) === 45)) break;
  }
  return out;
}

function toInstruction(i: LazyInstruction, index: LineIndex, escapeChar: string): InstructionNode {
  const whole = index.span(i.start, i.end);
  const keywordSpan = index.span(i.start, i.keywordEnd);
  const keyword = i.getKeyword();
  const afterKeyword = keywordSpan.range[1];
  const heredocs: HeredocNode[] = [];
  if (i.hasHeredocMarker()) {
    for (const h of i.getHeredocs()) {
      const cr = h.getContentRange();
      const s = cr ? index.fromLsp(cr) : null;
      heredocs.push({ name: h.getName(), content: s ? s.value : "", contentRange: s ? s.range : null });
    }
  }
  // With heredocs, the instruction's own words are on the opening line only.
  let scanEnd = whole.range[1];
  if (heredocs.length > 0) {
    const nl = index.text.slice(afterKeyword, scanEnd).search(/\r?\n/);
    if (nl >= 0) scanEnd = afterKeyword + nl;
  }
  // RUN arguments are most of a Dockerfile's words and rules read RUNs through the model's
  // shell commands: scan only up to the first argument now, the rest when `argv` is read.
  const lazyArgv = keyword === "RUN";
  const all = words(index.text, afterKeyword, scanEnd, escapeChar, lazyArgv);
  const flags: FlagNode[] = [];
  let k = 0;
  if (FLAG_KEYWORDS.has(keyword)) {
    while (k < all.length && index.text.startsWith("--", all[k]!.start)) {
      const s = index.span(all[k]!.start, all[k]!.end);
      const body = s.value.slice(2);
      const eq = body.indexOf("=");
      flags.push({ ...s, name: (eq < 0 ? body : body.slice(0, eq)).toLowerCase(), flagValue: eq < 0 ? null : body.slice(eq + 1) });
      k++;
    }
  }
  const argWords = all.slice(k);
  const argsStart = argWords.length > 0 ? argWords[0]!.start : whole.range[1];
  const argv: Span[] | null = lazyArgv ? null : argWords.map((w) => index.span(w.start, w.end));
  const rawArgs = index.text.slice(argsStart, whole.range[1]).trimEnd();
  const argsSpan = rawArgs ? index.span(argsStart, argsStart + rawArgs.length) : null;
  const args = joinContinuations(heredocs.length > 0 ? rawArgs.split(/\r\n|\r|\n/)[0]! : rawArgs, escapeChar);
  const json = JSON_KEYWORDS.has(keyword) ? parseJsonForm(args) : null;
  let onbuildKeyword: string | null = null;
  if (keyword === "ONBUILD") onbuildKeyword = args.trim().split(/\s+/)[0]?.toUpperCase() ?? null;
  const node: InstructionNode = {
    type: "Instruction",
    keyword,
    keywordSpan,
    rawArgs,
    args,
    argv: argv ?? [],
    flags,
    json,
    argsSpan,
    heredocs,
    onbuildKeyword,
    loc: whole.loc,
    range: whole.range,
  };
  if (!argv) {
    // An own enumerable accessor, replaced by the value on first read: the node still looks and
    // serialises like a plain object.
    const rest = argWords.length > 0 ? argsStart : -1;
    Object.defineProperty(node, "argv", {
      enumerable: true,
      configurable: true,
      get(this: InstructionNode) {
        const value = rest < 0 ? [] : words(index.text, rest, scanEnd, escapeChar).map((w) => index.span(w.start, w.end));
        Object.defineProperty(this, "argv", { value, enumerable: true, configurable: true, writable: true });
        return value;
      },
      set(this: InstructionNode, value: Span[]) {
        Object.defineProperty(this, "argv", { value, enumerable: true, configurable: true, writable: true });
      },
    });
  }
  return node;
}
