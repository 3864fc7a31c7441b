/**
 * The Dockerfile lexer: parser directives, the escape character, comments, and where each
 * instruction begins and ends (continuation lines, comment lines inside them, heredoc bodies).
 * It works on offsets only; parser.ts turns them into nodes.
 *
 * Line breaks are \n, \r\n and a lone \r (BuildKit splits on \n only; a lone \r is so rare that
 * we keep the rule LineIndex uses). Where an instruction ends follows the parser the project
 * started on, which BuildKit agrees with on every file of the corpus; heredoc bodies follow
 * BuildKit (see lexHeredocBodies).
 */

const NL = 10, CR = 13, SPACE = 32, TAB = 9, HASH = 35, EQUALS = 61, BOM = 0xfeff;

export interface LexedDirective {
  /** `# name=value` line, from `#` to the end of the line. */
  start: number;
  end: number;
  name: string;
  value: string;
}

export interface LexedHeredoc {
  /** The delimiter word (quotes and `<<`/`<<-` removed). */
  name: string;
  /** `<<-`: leading tabs are stripped from the delimiter line. */
  chomp: boolean;
  /** The body: the lines between the opening line (or the previous delimiter) and this delimiter, without the last line break. */
  contentStart: number;
  contentEnd: number;
  /** The body has no lines at all (the instruction ends with its opening line). */
  noBody: boolean;
  /** No delimiter line was found before the end of the file. */
  unterminated: boolean;
}

export interface LexedInstruction {
  /** The keyword as written, escaped newlines inside it removed. */
  keyword: string;
  start: number;
  keywordEnd: number;
  end: number;
  /** End of the opening line (the first line break not escaped), or `end`. */
  openingEnd: number;
  heredocs: LexedHeredoc[];
}

export interface LexResult {
  escapeChar: string;
  directives: LexedDirective[];
  /** `[start, end)` of each comment, `#` included, in file order. */
  comments: Array<[number, number]>;
  instructions: LexedInstruction[];
}

function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** Parser directives at the top of the file: `# name=value` lines, up to the first other line. */
function lexDirectives(text: string): LexedDirective[] {
  const directives: LexedDirective[] = [];
  const length = text.length;
  directiveCheck: for (let i = text.charCodeAt(0) === BOM ? 1 : 0; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c === SPACE || c === TAB) continue;
    // A blank line, an instruction or EOF ends the directives.
    if (c !== HASH) break;
    let nameStart = -1;
    let nameEnd = -1;
    for (let j = i + 1; j < length; j++) {
      const d = text.charCodeAt(j);
      if (d === SPACE || d === TAB) {
        if (nameStart !== -1 && nameEnd === -1) nameEnd = j;
        continue;
      }
      if (d === CR || d === NL) break directiveCheck;
      if (d !== EQUALS) {
        // BuildKit's directive name is `[a-zA-Z][a-zA-Z0-9]*`, blanks only around it: `# hadolint
        // ignore=…` or `# my-key=…` is a comment, and the first comment ends the directives.
        if (nameEnd !== -1 || !(isAsciiLetter(d) || (nameStart !== -1 && d >= 48 && d <= 57))) break directiveCheck;
        if (nameStart === -1) nameStart = j;
        continue;
      }
      if (nameEnd === -1) nameEnd = j;
      // A plain comment (`# = x`) is not a directive and ends them.
      if (nameStart === -1) break directiveCheck;
      let valueStart = -1;
      let valueEnd = -1;
      let lineEnd = length;
      for (let k = j + 1; k < length; k++) {
        const e = text.charCodeAt(k);
        if (e === CR || e === NL) {
          if (valueStart !== -1 && valueEnd === -1) valueEnd = k;
          lineEnd = k;
          break;
        }
        if (e === SPACE || e === TAB) {
          if (valueStart !== -1 && valueEnd === -1) valueEnd = k;
        } else if (valueStart === -1) valueStart = k;
      }
      if (valueStart === -1) {
        valueStart = j + 1;
        valueEnd = lineEnd;
      } else if (valueEnd === -1) valueEnd = length;
      directives.push({ start: i, end: lineEnd, name: text.slice(nameStart, nameEnd), value: text.slice(valueStart, valueEnd) });
      // Go on after the value: trailing blanks then the line break, or the next line.
      i = text.charCodeAt(valueEnd) === CR ? valueEnd + 1 : valueEnd;
      continue directiveCheck;
    }
    break;
  }
  return directives;
}

/** The escape character: the first `# escape=` directive with `\` or a backtick, else `\`. */
function escapeCharOf(directives: LexedDirective[]): string {
  for (const d of directives) if (d.name.toLowerCase() === "escape" && (d.value === "\\" || d.value === "`")) return d.value;
  return "\\";
}

/** Offset of the start of line `line` (0-based), or the end of the text. */
function lineStartOffset(text: string, line: number): number {
  let offset = 0;
  for (let n = 0; n < line; n++) {
    const lf = text.indexOf("\n", offset);
    const cr = text.indexOf("\r", offset);
    if (lf < 0 && cr < 0) return text.length;
    if (cr >= 0 && (lf < 0 || cr < lf)) offset = text.charCodeAt(cr + 1) === NL ? cr + 2 : cr + 1;
    else offset = lf + 1;
  }
  return offset;
}

export interface RawArgument {
  value: string;
  start: number;
  end: number;
}

/**
 * The words of `text[from, to)` (an instruction after its keyword) as the builder reads them:
 * whitespace separates words, escape+newline continues the line (also with blanks between
 * them), comment lines inside a continuation are skipped, the escape character escapes the next
 * character (kept before `$`). Offsets are into `text`; a word ends before a continuation.
 */
export function rawArguments(text: string, from: number, to: number, escapeChar: string): RawArgument[] {
  const args: RawArgument[] = [];
  let start = false;
  let comment = false;
  let found = -1;
  let escapedWhitespaceDetected = false;
  let escaping = false;
  let escapeMarker = -1;
  let escapedArg = "";
  const push = (end: number) => args.push({ value: escapedArg, start: found, end });
  for (let i = from; i < to; i++) {
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
        push(escapeMarker === -1 ? i : escapeMarker);
        escapeMarker = -1;
        escapedArg = "";
        found = -1;
      }
    } else if (char === escapeChar) {
      const next = i + 1 < to ? text.charAt(i + 1) : "";
      if (next === " " || next === "\t") {
        whitespaceCheck: for (let j = i + 2; j < to; j++) {
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
          push(escapeMarker);
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
          push(escapeMarker);
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
  if (found !== -1) push(escapeMarker === -1 ? to : escapeMarker);
  return args;
}

/** The values rawArguments() gives for the whole of `text`. */
export function rawArgumentValues(text: string, escapeChar: string): string[] {
  return rawArguments(text, 0, text.length, escapeChar).map((a) => a.value);
}

/** The delimiter of a heredoc word (`<<EOF`, `<<-"EOF"`, `<<'EOF'`), or null when it names none. */
export function heredocName(word: string): string | null {
  let value = word.slice(2);
  if (value.startsWith("-")) value = value.slice(1);
  for (const quote of ['"', "'"]) {
    if (value.startsWith(quote)) {
      if (!value.endsWith(quote) || value.length < 2) return null;
      value = value.slice(1, -1);
    }
  }
  if (value.startsWith("<")) return null;
  return value;
}

/** The keywords whose heredocs the builder reads (also as an ONBUILD trigger). */
const HEREDOC_KEYWORDS = new Set(["RUN", "COPY", "ADD"]);

class Lexer {
  readonly comments: Array<[number, number]> = [];
  readonly instructions: LexedInstruction[] = [];
  readonly esc: number;
  constructor(
    readonly text: string,
    readonly escapeChar: string,
  ) {
    this.esc = escapeChar.charCodeAt(0);
  }

  run(from: number): void {
    const text = this.text;
    for (let i = from; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === SPACE || c === TAB || c === CR || c === NL) continue;
      i = c === HASH ? this.comment(i) : this.instruction(i);
    }
  }

  /** A comment runs to the end of its line. Returns the offset of its end. */
  comment(start: number): number {
    const text = this.text;
    const lf = text.indexOf("\n", start + 1);
    const cr = text.indexOf("\r", start + 1);
    const end = lf < 0 ? (cr < 0 ? text.length : cr) : cr < 0 ? lf : Math.min(lf, cr);
    this.comments.push([start, end]);
    return end;
  }

  add(keyword: string, start: number, keywordEnd: number, openingEnd: number, end: number, heredocs: LexedHeredoc[] = []): number {
    this.instructions.push({ keyword, start, keywordEnd, end, openingEnd, heredocs });
    return end;
  }

  /**
   * An instruction starting at `start`: the keyword runs to the first blank (an escaped line
   * break inside it is skipped), then the arguments. Returns the offset of its end.
   */
  instruction(start: number): number {
    const text = this.text;
    const length = text.length;
    const esc = this.esc;
    const escapeChar = this.escapeChar;
    let keyword = text.charAt(start);
    let keywordEnd = -1;
    let escapedKeyword = false;
    keywordCheck: for (let i = start + 1; i < length; i++) {
      const c = text.charCodeAt(i);
      if (c === esc) {
        escapedKeyword = true;
        const next = text.charCodeAt(i + 1);
        if (next === CR || next === NL) {
          if (keywordEnd === -1) keywordEnd = i;
          i++;
        } else if (next === SPACE || next === TAB) {
          for (let j = i + 2; j < length; j++) {
            const d = text.charCodeAt(j);
            if (d === SPACE || d === TAB) continue;
            if (d === CR || d === NL) {
              i = j;
              continue keywordCheck;
            }
            // An escaped blank followed by more text: the escape ends the keyword.
            keywordEnd = i + 1;
            keyword = keyword + escapeChar;
            i = j - 2;
            continue keywordCheck;
          }
          keywordEnd = i + 1;
          keyword = keyword + escapeChar;
          break keywordCheck;
        } else {
          keywordEnd = i + 1;
          keyword = keyword + escapeChar;
          escapedKeyword = false;
        }
      } else if (c === SPACE || c === TAB) {
        if (escapedKeyword) {
          // Blanks after an escaped line break: a blank line continues the keyword.
          for (let j = i + 1; j < length; j++) {
            const d = text.charCodeAt(j);
            if (d === SPACE || d === TAB) continue;
            if (d === CR || d === NL) {
              i = j;
              continue keywordCheck;
            }
            break;
          }
        }
        if (keywordEnd === -1) keywordEnd = i;
        return this.instructionArguments(keyword, start, keywordEnd, i);
      } else if (c === CR || c === NL) {
        if (escapedKeyword) continue;
        return this.add(keyword, start, i, i, i);
      } else {
        if (c === HASH && escapedKeyword) continue;
        keywordEnd = i + 1;
        keyword = keyword + text.charAt(i);
        escapedKeyword = false;
      }
    }
    if (keywordEnd === -1) keywordEnd = length;
    return this.add(keyword, start, keywordEnd, length, length);
  }

  /**
   * The arguments after the keyword, from `offset` (a blank): they end at the first line break
   * not escaped; comment lines inside a continuation are comments. Outside a continuation only
   * line breaks and the escape character matter, so this jumps from one to the next.
   */
  instructionArguments(keyword: string, start: number, keywordEnd: number, offset: number): number {
    const text = this.text;
    const length = text.length;
    const esc = this.esc;
    let escaped = false;
    // The next \n, \r and escape character at or after i: -2 not looked for yet, -1 none left.
    let nextLf = -2;
    let nextCr = -2;
    let nextEsc = -2;
    let i = offset + 1;
    while (i < length) {
      if (!escaped) {
        if (nextLf !== -1 && nextLf < i) nextLf = text.indexOf("\n", i);
        if (nextCr !== -1 && nextCr < i) nextCr = text.indexOf("\r", i);
        if (nextEsc !== -1 && nextEsc < i) nextEsc = text.indexOf(this.escapeChar, i);
        let next = length;
        if (nextLf >= 0 && nextLf < next) next = nextLf;
        if (nextCr >= 0 && nextCr < next) next = nextCr;
        if (nextEsc >= 0 && nextEsc < next) next = nextEsc;
        if (next === length) break;
        i = next;
      }
      const c = text.charCodeAt(i);
      if (c === CR || c === NL) {
        if (!escaped) return this.withHeredocs(keyword, start, keywordEnd, i);
        i++;
        continue;
      }
      if (c === esc) {
        const after = text.charCodeAt(i + 1);
        if (after === NL || after === CR) {
          escaped = true;
          i += 2;
          continue;
        }
        if (after === SPACE || after === TAB) {
          let j = i + 2;
          while (j < length && (text.charCodeAt(j) === SPACE || text.charCodeAt(j) === TAB)) j++;
          if (j >= length) break;
          const d = text.charCodeAt(j);
          if (d === CR || d === NL) escaped = true;
          i = j + 1;
          continue;
        }
        i++;
        continue;
      }
      // Only reached inside a continuation: a comment line is skipped, with its line break.
      if (c === HASH) i = this.comment(i) + 1;
      else {
        if (c !== SPACE && c !== TAB) escaped = false;
        i++;
      }
    }
    // The file ends on the opening line: heredocs named there have no body.
    return this.withHeredocs(keyword, start, keywordEnd, length);
  }

  /**
   * The opening line ends at `lineEnd`. For RUN, COPY and ADD (also behind ONBUILD) each heredoc
   * word on it (`<<EOF`, `<<-EOF`, `<<"EOF"`) takes the lines after it up to its delimiter line.
   */
  withHeredocs(keyword: string, start: number, keywordEnd: number, lineEnd: number): number {
    let upper = keyword.toUpperCase();
    let argsFrom = keywordEnd;
    const hasMarker = this.text.lastIndexOf("<<", lineEnd - 2) >= keywordEnd;
    if (hasMarker && upper === "ONBUILD") {
      const [trigger] = rawArguments(this.text, keywordEnd, lineEnd, this.escapeChar);
      if (trigger) {
        upper = this.text.slice(trigger.start, trigger.end).toUpperCase();
        argsFrom = trigger.end;
      }
    }
    if (!hasMarker || !HEREDOC_KEYWORDS.has(upper)) return this.add(keyword, start, keywordEnd, lineEnd, lineEnd);
    const names: string[] = [];
    let chomp = false;
    for (const { value } of rawArguments(this.text, argsFrom, lineEnd, this.escapeChar)) {
      if (!value.startsWith("<<") || value.length <= 2) continue;
      // One `<<-` word lets every delimiter of the line be indented with tabs.
      if (value.startsWith("<<-")) chomp = true;
      const name = heredocName(value);
      if (name !== null) names.push(name);
    }
    if (names.length === 0) return this.add(keyword, start, keywordEnd, lineEnd, lineEnd);
    const heredocs: LexedHeredoc[] = [];
    let offset = lineEnd;
    for (const name of names) {
      const h = this.heredocBody(name, chomp, offset);
      heredocs.push(h.heredoc);
      offset = h.end;
    }
    return this.add(keyword, start, keywordEnd, lineEnd, offset, heredocs);
  }

  /**
   * The body of heredoc `name` after the line break at `from`: whole lines, taken as they are
   * (no continuations, no comments), up to a line that is exactly the delimiter (after leading
   * tabs with `<<-`). Returns the heredoc and the offset where the instruction ends: the line
   * break after the delimiter, or the end of the text when there is none.
   */
  heredocBody(name: string, chomp: boolean, from: number): { heredoc: LexedHeredoc; end: number } {
    const text = this.text;
    const length = text.length;
    // Skip the line break at `from`.
    let lineStart = from >= length ? length : text.charCodeAt(from) === CR && text.charCodeAt(from + 1) === NL ? from + 2 : from + 1;
    const contentStart = lineStart;
    let previousBreak = from;
    while (lineStart < length) {
      let lineEnd = lineStart;
      while (lineEnd < length && text.charCodeAt(lineEnd) !== NL && text.charCodeAt(lineEnd) !== CR) lineEnd++;
      let wordStart = lineStart;
      if (chomp) while (wordStart < lineEnd && text.charCodeAt(wordStart) === TAB) wordStart++;
      if (lineEnd - wordStart === name.length && text.startsWith(name, wordStart)) {
        const contentEnd = Math.max(contentStart, previousBreak);
        // A delimiter at the very end of the text (no line break after it) ends there too.
        return { heredoc: { name, chomp, contentStart, contentEnd, noBody: false, unterminated: false }, end: lineEnd };
      }
      previousBreak = lineEnd;
      lineStart = lineEnd >= length ? length : text.charCodeAt(lineEnd) === CR && text.charCodeAt(lineEnd + 1) === NL ? lineEnd + 2 : lineEnd + 1;
    }
    const noBody = contentStart >= length;
    return { heredoc: { name, chomp, contentStart, contentEnd: length, noBody, unterminated: true }, end: length };
  }
}

export function lex(text: string): LexResult {
  const directives = lexDirectives(text);
  const escapeChar = escapeCharOf(directives);
  let bodyStart = 0;
  if (directives.length > 0) bodyStart = lineStartOffset(text, directives.length);
  else if (text.charCodeAt(0) === BOM) bodyStart = 1;
  const lexer = new Lexer(text, escapeChar);
  lexer.run(bodyStart);
  return { escapeChar, directives, comments: lexer.comments, instructions: lexer.instructions };
}
