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

type Token = { kind: "word"; value: string; raw: string } | { kind: "op"; value: string };

function tokenize(text: string): Token[] {
  // Heredoc bodies of CRLF files keep their \r; BuildKit reads lines without it.
  const src = text.includes("\r\n") ? text.replace(/\r\n/g, "\n") : text;
  const tokens: Token[] = [];
  let i = 0;
  const n = src.length;
  while (i < n) {
    const c = src[i]!;
    if (c === " " || c === "\t") {
      i++;
      continue;
    }
    if (c === "\n" || c === ";") {
      tokens.push({ kind: "op", value: ";" });
      i++;
      continue;
    }
    if (c === "\\" && src[i + 1] === "\n") {
      i += 2;
      continue;
    }
    if (c === "#" ) {
      // A comment runs to the end of the line.
      while (i < n && src[i] !== "\n") i++;
      continue;
    }
    if (c === "&" || c === "|") {
      const two = src.slice(i, i + 2);
      if (two === "&&" || two === "||") {
        tokens.push({ kind: "op", value: two });
        i += 2;
      } else {
        tokens.push({ kind: "op", value: c });
        i++;
      }
      continue;
    }
    if (c === "(" || c === ")") {
      tokens.push({ kind: "op", value: ";" });
      i++;
      continue;
    }
    // A word: runs until unquoted whitespace or operator.
    let value = "";
    const start = i;
    while (i < n) {
      const ch = src[i]!;
      if (ch === " " || ch === "\t" || ch === "\n" || ch === ";" || ch === "&" || ch === "|" || ch === "(" || ch === ")") break;
      if (ch === "\\") {
        if (src[i + 1] === "\n") {
          i += 2;
          continue;
        }
        value += src[i + 1] ?? "";
        i += 2;
        continue;
      }
      if (ch === "'") {
        const end = src.indexOf("'", i + 1);
        const stop = end < 0 ? n : end;
        value += src.slice(i + 1, stop);
        i = stop + 1;
        continue;
      }
      if (ch === '"') {
        i++;
        while (i < n && src[i] !== '"') {
          if (src[i] === "\\" && (src[i + 1] === '"' || src[i + 1] === "\\" || src[i + 1] === "$")) {
            value += src[i + 1];
            i += 2;
            continue;
          }
          value += src[i];
          i++;
        }
        i++;
        continue;
      }
      if (ch === "$" && src[i + 1] === "(") {
        // Command substitution: keep it as one opaque piece of the word.
        let depth = 0;
        const s = i;
        while (i < n) {
          if (src[i] === "(") depth++;
          else if (src[i] === ")") {
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
      value += ch;
      i++;
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
  let words: Array<{ value: string; raw: string }> = [];
  const flush = () => {
    // Reserved words open compound commands (`if …; then go build …; fi`): the command follows them.
    while (words.length > 0 && RESERVED_PREFIX.has(words[0]!.raw)) words.shift();
    if (words.length === 0) return;
    const env: Record<string, string> = {};
    let k = 0;
    while (k < words.length && ASSIGNMENT.test(words[k]!.raw)) {
      const w = words[k]!.value;
      const eq = w.indexOf("=");
      env[w.slice(0, eq)] = w.slice(eq + 1);
      k++;
    }
    let argv = words.slice(k).map((w) => w.value);
    // `env A=1 cmd` and `sudo`-like wrappers: fold their assignments into env.
    if (argv[0] === "env") {
      let j = 1;
      while (j < argv.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(argv[j]!)) {
        const eq = argv[j]!.indexOf("=");
        env[argv[j]!.slice(0, eq)] = argv[j]!.slice(eq + 1);
        j++;
      }
      argv = argv.slice(j);
    }
    out.push({ env, argv, text: words.map((w) => w.raw).join(" ") });
    words = [];
  };
  for (const t of tokenize(script)) {
    if (t.kind === "op") flush();
    else words.push({ value: t.value, raw: t.raw });
  }
  flush();
  return out;
}

/** The shells whose heredoc/`-c` script we read as shell. */
export const SHELLS = new Set(["sh", "bash", "ash", "dash", "zsh", "/bin/sh", "/bin/bash", "/bin/ash", "/usr/bin/env"]);
