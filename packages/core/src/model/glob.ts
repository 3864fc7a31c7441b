/**
 * The one glob matcher of the rules and the model, in two dialects:
 *
 * - option globs (image names, file names in rule options): `*` matches within a path segment,
 *   `**` across segments (a leading or inner `**\/` also matches no segment at all), every other
 *   character is literal, and case is ignored;
 * - path globs (`COPY` sources, as Docker reads them): `*` and `?` stay within a segment,
 *   `[…]` / `[!…]` are character classes, `\` escapes the next character, case counts.
 *
 * Globs are compiled by a scanner, never by pasting the text into a RegExp, so no input can
 * make an invalid pattern: an unclosed `[` is a literal `[`.
 */

/** `*`, `?` or `[`: the path is a glob, not a plain path. */
export function hasGlob(p: string): boolean {
  return /[*?[]/.test(p);
}

/** Glob to RegExp for rule options (see the dialects above). */
export function globToRegExp(glob: string): RegExp {
  // Rules compile their option globs on every file; the same few globs come back each time.
  let re = optionGlobs.get(glob);
  if (!re) {
    re = new RegExp(`^${compile(glob, "option")}$`, "i");
    optionGlobs.set(glob, re);
  }
  return re;
}

/**
 * Does the container path `path` match the path glob `glob`? With `orBelow`, a path inside a
 * matching folder matches too (`/out/*` picks up `/out/bin/app` when `/out/bin` is a folder).
 */
export function matchesPathGlob(glob: string, path: string, options: { orBelow?: boolean } = {}): boolean {
  return pathGlob(glob, options.orBelow === true).test(path);
}

/** Compiled globs by source; the RegExps have no `g`/`y` flag, so sharing them is safe. */
const optionGlobs = new Map<string, RegExp>();
const pathGlobs = new Map<string, RegExp>();

function pathGlob(glob: string, orBelow: boolean): RegExp {
  const key = `${orBelow ? "1" : "0"}${glob}`;
  let re = pathGlobs.get(key);
  if (!re) {
    re = new RegExp(`^${compile(glob, "path")}${orBelow ? "(?:/.*)?" : ""}$`);
    pathGlobs.set(key, re);
  }
  return re;
}

const SPECIAL = /[.*+?^${}()|[\]\\/-]/;
const escapeChar = (c: string) => (SPECIAL.test(c) ? `\\${c}` : c);

/** The RegExp source for a glob, one character at a time. */
function compile(glob: string, dialect: "option" | "path"): string {
  let out = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === "*") {
      if (dialect === "option" && glob[i + 1] === "*") {
        if (glob[i + 2] === "/") {
          out += "(?:.*/)?";
          i += 2;
        } else {
          out += ".*";
          i += 1;
        }
      } else out += "[^/]*";
      continue;
    }
    if (dialect === "path") {
      if (c === "?") {
        out += "[^/]";
        continue;
      }
      if (c === "\\" && i + 1 < glob.length) {
        out += escapeChar(glob[++i]!);
        continue;
      }
      if (c === "[") {
        const cls = charClass(glob, i);
        if (cls) {
          out += cls.source;
          i = cls.end;
          continue;
        }
      }
    }
    out += escapeChar(c);
  }
  return out;
}

/** A `[…]` class starting at `start`, as RegExp source, and the index of its `]`; null when unclosed. */
function charClass(glob: string, start: number): { source: string; end: number } | null {
  let i = start + 1;
  let negate = false;
  if (glob[i] === "!" || glob[i] === "^") {
    negate = true;
    i++;
  }
  let body = "";
  // As in Go's filepath.Match, a `]` right after `[` (or `[!`) closes an empty class: unmatched.
  for (; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === "]") return body === "" ? null : { source: `[${negate ? "^/" : ""}${body}]`, end: i };
    if (c === "\\" && i + 1 < glob.length) {
      const escaped = glob[++i]!;
      body += /[A-Za-z0-9]/.test(escaped) ? escaped : `\\${escaped}`;
      continue;
    }
    if (c === "/") return null; // a class never spans segments
    body += c === "-" ? "-" : c === "^" || c === "[" ? `\\${c}` : c;
  }
  return null;
}
