/**
 * Builds the AST from the lexer's offsets: each instruction's flags, words, arguments and JSON
 * form, and the syntax problems the builder would stop at.
 */
import { lex, type LexedInstruction } from "./lexer.js";
import { LineIndex } from "./line-index.js";
import type { CommentNode, DirectiveNode, DockerfileNode, FlagNode, HeredocNode, InstructionNode, Span } from "./nodes.js";
import { syntaxProblems } from "./syntax.js";

const NL = 10, CR = 13, SPACE = 32, TAB = 9, HASH = 35, DOUBLE_QUOTE = 34, SINGLE_QUOTE = 39;

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

export function parseJsonForm(args: string): string[] | null {
  const t = args.trim();
  if (!t.startsWith("[") || !t.endsWith("]")) return null;
  try {
    const v: unknown = JSON.parse(t);
    if (Array.isArray(v) && v.every((s) => typeof s === "string")) return v;
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


export function parse(text: string): ParseResult {
  const bad = checkText(text);
  if (bad) return { ok: false, errors: [bad] };
  const index = new LineIndex(text);
  const lexed = lex(text);
  const escapeChar = lexed.escapeChar;
  const directives: DirectiveNode[] = lexed.directives.map((d) => {
    const s = index.span(d.start, d.end);
    return { type: "Directive", name: d.name.toLowerCase(), value: d.value, loc: s.loc, range: s.range };
  });
  const comments: CommentNode[] = lexed.comments.map(([start, end]) => {
    const s = index.span(start, end);
    return { type: "Comment", value: s.value.slice(1).trim(), loc: s.loc, range: s.range };
  });
  const instructions = lexed.instructions.map((i) => toInstruction(i, index, escapeChar));
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
      problems: syntaxProblems(lexed, instructions, index),
      range: [0, text.length],
      loc: { start: { line: 1, column: 1 }, end: index.position(text.length) },
    },
  };
}

const FLAG_KEYWORDS = new Set(["FROM", "RUN", "COPY", "ADD", "HEALTHCHECK"]);


/**
 * Splits `text[from, to)` (instruction arguments) into words with their offsets: whitespace
 * separates words, escape+newline continues a line, comment lines inside a continuation are
 * skipped, quotes keep whitespace inside a word.
 * Char codes, not one-char strings: this runs over every byte of every file.
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

function toInstruction(i: LexedInstruction, index: LineIndex, escapeChar: string): InstructionNode {
  const whole = index.span(i.start, i.end);
  const keywordSpan = index.span(i.start, i.keywordEnd);
  const keyword = i.keyword.toUpperCase();
  const afterKeyword = keywordSpan.range[1];
  const heredocs: HeredocNode[] = i.heredocs.map((h) =>
    // An empty body (or none) has no range.
    h.noBody || h.contentEnd === h.contentStart
      ? { name: h.name, content: "", contentRange: null }
      : { name: h.name, content: index.text.slice(h.contentStart, h.contentEnd), contentRange: [h.contentStart, h.contentEnd] },
  );
  // With heredocs, the instruction's own words are on the opening line only: up to its first
  // line break not escaped, so flags continued onto the next line still count (as in BuildKit).
  const scanEnd = heredocs.length > 0 ? i.openingEnd : whole.range[1];
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
  const args = joinContinuations(heredocs.length > 0 ? index.text.slice(argsStart, Math.max(argsStart, scanEnd)).trimEnd() : rawArgs, escapeChar);
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
