/**
 * The build context's ignore file, as BuildKit reads it: `<Dockerfile>.dockerignore` next to the
 * Dockerfile wins over `.dockerignore` at the context root. Patterns follow Docker's matcher:
 * `*` and `?` stay within a path segment, `**` spans segments, `[…]` classes, `\` escapes, a
 * leading `/` or `./` is dropped, and `!` re-includes. Only the engine reads the file; rules see
 * the parsed facts on the source code.
 */
import { readFileSync, statSync } from "node:fs";
import path from "node:path";

export interface DockerignoreFacts {
  /** The file read, relative to the Dockerfile's folder (for messages). */
  path: string;
  /** Exclusion patterns, cleaned, in file order (`!` exceptions are in `exceptions`). */
  patterns: string[];
  /** `!` lines: BuildKit's CopyIgnoredFile check stands back when there is any. */
  exceptions: string[];
}

export function parseDockerignore(text: string, displayPath = ".dockerignore"): DockerignoreFacts {
  const patterns: string[] = [];
  const exceptions: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    let line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const exception = line.startsWith("!");
    if (exception) line = line.slice(1).trim();
    const cleaned = cleanPath(line);
    if (cleaned === "") continue;
    (exception ? exceptions : patterns).push(cleaned);
  }
  return { path: displayPath, patterns, exceptions };
}

/** Docker's filepath.Clean for context paths: `./a//b/` → `a/b`, `/` and `.` → `.`. */
export function cleanPath(p: string): string {
  const normal = path.posix.normalize(p.replace(/^\/+/, ""));
  const trimmed = normal.replace(/\/+$/, "");
  return trimmed === "" ? "." : trimmed;
}

/** Patterns that ignore the context root itself (BuildKit reports `COPY . …` only for these). */
const ROOT_PATTERNS = new Set(["*", "**", "**/*"]);

/**
 * Is the context path `source` (as a COPY source names it) excluded by the patterns? A path under
 * an excluded folder is excluded too. `!` exceptions are not applied: callers stand back when
 * there are any, as BuildKit does.
 */
export function isIgnored(facts: DockerignoreFacts, source: string): boolean {
  const p = cleanPath(source);
  if (p === ".") return facts.patterns.some((pattern) => ROOT_PATTERNS.has(pattern));
  return facts.patterns.some((pattern) => patternRegExp(pattern).test(p));
}

const compiled = new Map<string, RegExp>();

function patternRegExp(pattern: string): RegExp {
  let re = compiled.get(pattern);
  if (!re) {
    re = new RegExp(`^${compile(pattern)}(?:/.*)?$`);
    if (compiled.size > 10_000) compiled.clear();
    compiled.set(pattern, re);
  }
  return re;
}

const SPECIAL = /[.*+?^${}()|[\]\\/-]/;
const escaped = (c: string) => (SPECIAL.test(c) ? `\\${c}` : c);

/** RegExp source for one pattern, scanned a character at a time (an unclosed `[` is literal). */
function compile(pattern: string): string {
  let out = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === "*") {
      if (pattern[i + 1] === "*") {
        i++;
        if (pattern[i + 1] === "/") {
          out += "(?:.*/)?";
          i++;
        } else out += ".*";
      } else out += "[^/]*";
    } else if (c === "?") out += "[^/]";
    else if (c === "\\" && i + 1 < pattern.length) out += escaped(pattern[++i]!);
    else if (c === "[") {
      const close = pattern.indexOf("]", i + 2);
      if (close < 0) {
        out += "\\[";
        continue;
      }
      let body = pattern.slice(i + 1, close);
      const negate = body.startsWith("!") || body.startsWith("^");
      if (negate) body = body.slice(1);
      out += `[${negate ? "^" : ""}${body.replace(/[\\\]^]/g, (m) => `\\${m}`)}]`;
      i = close;
    } else out += escaped(c);
  }
  return out;
}

/**
 * The ignore file BuildKit would use for `dockerfile` with the context folder `contextDir`, parsed;
 * null when there is none or it cannot be read. Parsed files are reused while mtime and size hold.
 */
export function readDockerignore(dockerfile: string, contextDir: string): DockerignoreFacts | null {
  for (const candidate of [`${dockerfile}.dockerignore`, path.join(contextDir, ".dockerignore")]) {
    const facts = readCached(candidate, path.dirname(dockerfile));
    if (facts) return facts;
  }
  return null;
}

const cache = new Map<string, { mtimeMs: number; size: number; facts: DockerignoreFacts }>();

/** `file`'s facts, named relative to `from` (the Dockerfile's folder); null when there is no such file. */
function readCached(file: string, from: string): DockerignoreFacts | null {
  try {
    // throwIfNoEntry: most folders have no ignore file, and building the ENOENT error costs more than the stat.
    const st = statSync(file, { throwIfNoEntry: false });
    if (!st?.isFile()) return null;
    // Named only when found: most lookups find nothing.
    const displayPath = path.relative(from, file) || file;
    let entry = cache.get(file);
    if (!entry || entry.mtimeMs !== st.mtimeMs || entry.size !== st.size) {
      entry = { mtimeMs: st.mtimeMs, size: st.size, facts: parseDockerignore(readFileSync(file, "utf8"), displayPath) };
      if (cache.size > 10_000) cache.clear();
      cache.set(file, entry);
    }
    return { ...entry.facts, path: displayPath };
  } catch {
    return null;
  }
}
