/**
 * A small POSIX-shell splitter: enough to read build commands out of RUN lines
 * (`A=1 go build -o x ./cmd && echo ok`, `export CGO_ENABLED=0; go build`, heredoc scripts).
 * It does not expand variables or run anything; quotes are removed, `$VAR` kept as text.
 */

export interface ShellCommand {
  /** Leading `NAME=value` assignments that apply to this command only. */
  env: Record<string, string>;
  /** The command and its arguments, quotes removed. */
  argv: string[];
  /** The source text of this simple command. */
  text: string;
}

export type Token = { kind: "word"; value: string; raw: string } | { kind: "op"; value: string };

const TAB = 9, NL = 10, SPACE = 32, HASH = 35, DOLLAR = 36, AMP = 38, SQUOTE = 39, DQUOTE = 34, LPAREN = 40, RPAREN = 41, SEMI = 59, BACKSLASH = 92, PIPE = 124;

/** Characters that end an unquoted word. */
function endsWord(c: number): boolean {
  return c === SPACE || c === TAB || c === NL || c === SEMI || c === AMP || c === PIPE || c === LPAREN || c === RPAREN;
}

/** Text with none of these is plain words separated by blanks (most ARG, ENV and COPY arguments). */
const SHELL_SYNTAX = /[\n\r;\\#&|()'"]/;

// Char codes and slices of whole runs, not one-character strings: this reads every RUN of every file.
export function tokenize(text: string): Token[] {
  if (!SHELL_SYNTAX.test(text)) {
    const tokens: Token[] = [];
    const words = text.split(/[ \t]+/);
    for (let i = 0; i < words.length; i++) if (words[i] !== "") tokens.push({ kind: "word", value: words[i]!, raw: words[i]! });
    return tokens;
  }
  // Heredoc bodies of CRLF files keep their \r; BuildKit reads lines without it.
  const src = text.includes("\r\n") ? text.replace(/\r\n/g, "\n") : text;
  const tokens: Token[] = [];
  let i = 0;
  const n = src.length;
  while (i < n) {
    const c = src.charCodeAt(i);
    if (c === SPACE || c === TAB) {
      i++;
      continue;
    }
    if (c === NL || c === SEMI) {
      tokens.push({ kind: "op", value: ";" });
      i++;
      continue;
    }
    // A line continuation, or one that ends the text (a RUN whose last line ends in `\` at the
    // end of the file): no word, as the build runs the line without it.
    if (c === BACKSLASH && (i + 1 === n || src.charCodeAt(i + 1) === NL)) {
      i += 2;
      continue;
    }
    if (c === HASH) {
      // A comment runs to the end of the line.
      const nl = src.indexOf("\n", i);
      i = nl < 0 ? n : nl;
      continue;
    }
    if (c === AMP || c === PIPE) {
      if (src.charCodeAt(i + 1) === c) {
        tokens.push({ kind: "op", value: c === AMP ? "&&" : "||" });
        i += 2;
      } else {
        tokens.push({ kind: "op", value: c === AMP ? "&" : "|" });
        i++;
      }
      continue;
    }
    if (c === LPAREN || c === RPAREN) {
      tokens.push({ kind: "op", value: ";" });
      i++;
      continue;
    }
    // A word: runs until unquoted whitespace or operator.
    let value = "";
    const start = i;
    while (i < n) {
      const ch = src.charCodeAt(i);
      if (endsWord(ch)) break;
      if (ch === BACKSLASH) {
        if (src.charCodeAt(i + 1) === NL) {
          i += 2;
          continue;
        }
        value += src[i + 1] ?? "";
        i += 2;
        continue;
      }
      if (ch === SQUOTE) {
        const end = src.indexOf("'", i + 1);
        const stop = end < 0 ? n : end;
        value += src.slice(i + 1, stop);
        i = stop + 1;
        continue;
      }
      if (ch === DQUOTE) {
        i++;
        while (i < n) {
          const d = src.charCodeAt(i);
          if (d === DQUOTE) break;
          if (d === BACKSLASH) {
            const e = src.charCodeAt(i + 1);
            if (e === DQUOTE || e === BACKSLASH || e === DOLLAR) {
              value += String.fromCharCode(e);
              i += 2;
            } else {
              value += "\\";
              i++;
            }
            continue;
          }
          let j = i + 1;
          while (j < n) {
            const f = src.charCodeAt(j);
            if (f === DQUOTE || f === BACKSLASH) break;
            j++;
          }
          value += src.slice(i, j);
          i = j;
        }
        i++;
        continue;
      }
      if (ch === DOLLAR && src.charCodeAt(i + 1) === LPAREN) {
        // Command substitution: keep it as one opaque piece of the word.
        let depth = 0;
        const s = i;
        while (i < n) {
          const d = src.charCodeAt(i);
          if (d === LPAREN) depth++;
          else if (d === RPAREN) {
            depth--;
            if (depth === 0) {
              i++;
              break;
            }
          }
          i++;
        }
        value += src.slice(s, i);
        continue;
      }
      // A run of ordinary characters.
      let j = i + 1;
      while (j < n) {
        const f = src.charCodeAt(j);
        if (endsWord(f) || f === BACKSLASH || f === SQUOTE || f === DQUOTE || f === DOLLAR) break;
        j++;
      }
      value += src.slice(i, j);
      i = j;
    }
    tokens.push({ kind: "word", value, raw: src.slice(start, i) });
  }
  return tokens;
}

const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;
const RESERVED_PREFIX = new Set(["if", "then", "elif", "else", "fi", "do", "done", "while", "until", "{", "}", "!"]);

/** Splits a shell script into simple commands (pipelines and lists split apart). */
export function splitCommands(script: string): ShellCommand[] {
  const out: ShellCommand[] = [];
  const tokens = tokenize(script);
  // Commands are runs of word tokens between operators: read them in place, by index.
  const word = (i: number) => tokens[i] as Extract<Token, { kind: "word" }>;
  let from = 0;
  const flush = (to: number) => {
    let first = from;
    from = to + 1;
    // Reserved words open compound commands (`if …; then go build …; fi`): the command follows them.
    while (first < to && RESERVED_PREFIX.has(word(first).raw)) first++;
    if (first >= to) return;
    const env: Record<string, string> = {};
    let k = first;
    for (; k < to && ASSIGNMENT.test(word(k).raw); k++) {
      const w = word(k).value;
      const eq = w.indexOf("=");
      env[w.slice(0, eq)] = w.slice(eq + 1);
    }
    let argv: string[] = [];
    for (let i = k; i < to; i++) argv.push(word(i).value);
    // `env A=1 cmd` and `sudo`-like wrappers: fold their assignments into env.
    if (argv[0] === "env") {
      let j = 1;
      while (j < argv.length && ASSIGNMENT.test(argv[j]!)) {
        const eq = argv[j]!.indexOf("=");
        env[argv[j]!.slice(0, eq)] = argv[j]!.slice(eq + 1);
        j++;
      }
      argv = argv.slice(j);
    }
    let text = word(first).raw;
    for (let i = first + 1; i < to; i++) text += ` ${word(i).raw}`;
    out.push({ env, argv, text });
  };
  for (let i = 0; i < tokens.length; i++) if (tokens[i]!.kind === "op") flush(i);
  flush(tokens.length);
  return out;
}

/** The shells whose heredoc/`-c` script we read as shell. */
export const SHELLS = new Set(["sh", "bash", "ash", "dash", "zsh", "/bin/sh", "/bin/bash", "/bin/ash", "/usr/bin/env"]);
