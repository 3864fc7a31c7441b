/** go.mod facts: read by the engine (language), handed to rules through the model. */
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { absolutePath, inFolder, isNormalAbsolute } from "./paths.js";

export interface GoModFacts {
  /** Path of the go.mod, relative to the Dockerfile's folder where possible (for messages). */
  path: string;
  module: string | null;
  /** The `go` line: `1.22` or `1.22.3`. */
  go: string | null;
  /** The `toolchain` line without the `go` prefix: `1.23.1`. */
  toolchain: string | null;
  /** Line numbers (1-based) of the go and toolchain lines, for messages. */
  goLine: number | null;
  toolchainLine: number | null;
  /**
   * Where the go.mod sits in the build context (`go.mod`, `svc/go.mod`), POSIX; null when it lies
   * outside the context or the context is unknown. Set by the engine's loader.
   */
  contextPath: string | null;
  /** `replace` directives whose target is a folder (`=> ../lib`), in file order. */
  localReplaces: LocalReplace[];
  /** The go.work the go command would pick up from the module's folder (nearest upward), or null. */
  work: GoWorkFacts | null;
  /** The module vendors its dependencies (`vendor/modules.txt`): builds read vendor/, not replacement folders. */
  vendored: boolean;
}

/** A `replace … => <folder>` directive of go.mod or go.work. */
export interface LocalReplace {
  /** The module replaced (without version). */
  module: string;
  /** The folder as written, relative to the file's folder unless absolute. */
  target: string;
  /** 1-based line in the file. */
  line: number;
}

export interface GoWorkFacts {
  /** Path of the go.work, relative to the Dockerfile's folder where possible (for messages). */
  path: string;
  /** Where it sits in the build context, or null (see GoModFacts.contextPath). */
  contextPath: string | null;
  /** `use` folders as written, with their lines. */
  uses: Array<{ dir: string; line: number }>;
  localReplaces: LocalReplace[];
}

const GO_MOD_LINE = /^[ \t]*(module|go|toolchain)[ \t]+([^\r\n]*)$/gm;

export function parseGoMod(text: string, path = "go.mod"): GoModFacts {
  const facts: GoModFacts = {
    path,
    module: null,
    go: null,
    toolchain: null,
    goLine: null,
    toolchainLine: null,
    contextPath: null,
    localReplaces: text.includes("=>") ? localReplaces(text) : [],
    work: null,
    vendored: false,
  };
  // Only the module, go and toolchain lines matter: find them without splitting the whole file
  // (require blocks run to hundreds of lines).
  let line = 1;
  let counted = 0;
  for (const match of text.matchAll(GO_MOD_LINE)) {
    const l = `${match[1]} ${match[2]!.replace(/\/\/.*$/, "")}`.trim();
    let m: RegExpMatchArray | null;
    const lineOfMatch = () => {
      for (let i = text.indexOf("\n", counted); i >= 0 && i < match.index; i = text.indexOf("\n", i + 1)) line++;
      counted = match.index!;
      return line;
    };
    if ((m = /^module\s+("?)([^\s"]+)\1$/.exec(l))) facts.module = m[2]!;
    else if ((m = /^go\s+(\d+(?:\.\d+){0,2}(?:(?:rc|beta)\d+)?)$/.exec(l))) {
      facts.go = m[1]!;
      facts.goLine = lineOfMatch();
    } else if ((m = /^toolchain\s+go(\d+(?:\.\d+){0,2}(?:(?:rc|beta)\d+)?)(?:[-+].*)?$/.exec(l))) {
      facts.toolchain = m[1]!;
      facts.toolchainLine = lineOfMatch();
    }
  }
  return facts;
}

/**
 * How the go command tells a folder from a module path on the right of `=>` (modfile.IsDirectoryPath):
 * `./`, `../`, `.`, `..` or absolute.
 */
export function isDirectoryTarget(target: string): boolean {
  return target === "." || target === ".." || target.startsWith("./") || target.startsWith("../") || target.startsWith("/");
}

/** One go.mod/go.work word: `"a b"` and `` `a` `` unquoted. */
function unquote(word: string): string {
  return /^(["`]).*\1$/.test(word) && word.length >= 2 ? word.slice(1, -1) : word;
}

/** Words of a directive line without its `//` comment. */
function directiveWords(line: string): string[] {
  const comment = line.indexOf("//");
  return (comment >= 0 ? line.slice(0, comment) : line).trim().split(/[ \t]+/).filter((w) => w !== "");
}

/** Lines of a file with their 1-based numbers, inside and outside `verb ( … )` blocks. */
function* directiveLines(text: string): Generator<{ verb: string; words: string[]; line: number }> {
  let block: string | null = null;
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const words = directiveWords(lines[i]!);
    if (words.length === 0) continue;
    if (block !== null) {
      if (words[0] === ")") block = null;
      else yield { verb: block, words, line: i + 1 };
      continue;
    }
    if (words.length === 2 && words[1] === "(") {
      block = words[0]!;
      continue;
    }
    yield { verb: words[0]!, words: words.slice(1), line: i + 1 };
  }
}

/** `replace mod [v] => folder` directives (single lines and blocks) whose target is a folder. */
function localReplaces(text: string): LocalReplace[] {
  const found: LocalReplace[] = [];
  for (const { verb, words, line } of directiveLines(text)) {
    if (verb !== "replace") continue;
    const arrow = words.indexOf("=>");
    // `mod [version] => target [version]`: a folder target has no version.
    if (arrow < 1 || arrow > 2 || words.length !== arrow + 2) continue;
    const target = unquote(words[arrow + 1]!);
    if (isDirectoryTarget(target)) found.push({ module: unquote(words[0]!), target, line });
  }
  return found;
}

/** Parses a go.work: its `use` folders and folder `replace`s. */
export function parseGoWork(text: string, path = "go.work"): GoWorkFacts {
  const uses: GoWorkFacts["uses"] = [];
  for (const { verb, words, line } of directiveLines(text)) {
    if (verb === "use" && words.length === 1) uses.push({ dir: unquote(words[0]!), line });
  }
  return { path, contextPath: null, uses, localReplaces: text.includes("=>") ? localReplaces(text) : [] };
}

/** path.relative(from, to) for `to` a go.mod in `from` or one of its parents (the usual case), else path.relative. */
export function relativeGoModPath(from: string, to: string): string {
  if (isNormalAbsolute(from) && isNormalAbsolute(to)) {
    const toDir = to.slice(0, to.lastIndexOf("/"));
    const name = to.slice(toDir.length + 1);
    if (from === toDir) return name;
    if (from.startsWith(`${toDir}/`) && from !== to && !from.startsWith(`${to}/`)) {
      // One `../` per folder between them.
      let up = "";
      for (let i = toDir.length; i < from.length; i++) if (from.charCodeAt(i) === 47) up += "../";
      return up + name;
    }
  }
  return relative(from, to);
}

function isFile(p: string): boolean {
  // throwIfNoEntry: a missing go.mod is the common case, and building the ENOENT error costs more than the stat.
  return statSync(p, { throwIfNoEntry: false })?.isFile() ?? false;
}

/**
 * Finds the go.mod a Dockerfile builds: first the go.mod files its COPY instructions name
 * (relative to the build context), then the Dockerfile's folder and its parents up to the
 * repository root (a folder holding `.git`) or `stopAt`.
 */
export function findGoMod(
  dockerfilePath: string,
  opts: { buildContext?: string; copiedGoMods?: string[]; stopAt?: string } = {},
): string | null {
  const dir = dirname(absolutePath(dockerfilePath));
  const context = opts.buildContext ? resolve(dir, opts.buildContext) : dir;
  for (const rel of opts.copiedGoMods ?? []) {
    const p = resolve(context, rel.replace(/^\.?\//, ""));
    if (isFile(p)) return p;
  }
  if (!opts.stopAt) return findUpwardCached(dir, "go.mod", activeLookupCache ?? sharedLookupCache());
  let cur = dir;
  const stop = opts.stopAt ? resolve(opts.stopAt) : null;
  for (;;) {
    const candidate = join(cur, "go.mod");
    if (isFile(candidate)) return candidate;
    if (existsSync(join(cur, ".git")) || cur === stop) return null;
    const up = dirname(cur);
    if (up === cur) return null;
    cur = up;
  }
}

/** Remembered upward lookups: folder → the go.mod found from there (null: none). */
export type GoModLookupCache = Map<string, { at: number; found: string | null }>;

/** How long a remembered lookup holds: long enough for a lint run, short enough for a long-lived linter to see new files. */
const LOOKUP_TTL_MS = 1000;
let activeLookupCache: GoModLookupCache | null = null;
let defaultLookupCache: GoModLookupCache = new Map();

/**
 * Lookups outside DockerLinter (ESLint running the language, an editor) share one process-wide
 * cache with the same TTL: ESLint lints file after file from the same folders too.
 */
function sharedLookupCache(): GoModLookupCache {
  // A long-lived process visits folders without end: start over now and then.
  if (defaultLookupCache.size > 10_000) defaultLookupCache = new Map();
  return defaultLookupCache;
}

/**
 * Runs `fn` with upward go.mod lookups remembered in `cache`. Dockerfiles of a monorepo share
 * their parent folders, so a run asks about the same folders hundreds of times.
 */
export function withGoModLookupCache<T>(cache: GoModLookupCache, fn: () => T): T {
  const previous = activeLookupCache;
  activeLookupCache = cache;
  try {
    return fn();
  } finally {
    activeLookupCache = previous;
  }
}

/** The nearest `name` (go.mod, go.work) in `dir` or above, up to the repository root (a folder holding `.git`). */
function findUpwardCached(dir: string, name: string, cache: GoModLookupCache): string | null {
  const now = Date.now();
  const hit = cache.get(dir);
  if (hit && now - hit.at < LOOKUP_TTL_MS) return hit.found;
  let found: string | null;
  const candidate = inFolder(dir, name);
  if (isFile(candidate)) found = candidate;
  else if (existsSync(inFolder(dir, ".git"))) found = null;
  else {
    const up = dirname(dir);
    found = up === dir ? null : findUpwardCached(up, name, cache);
  }
  cache.set(dir, { at: now, found });
  return found;
}

/**
 * Parsed go.mod files by path; reused while the file's mtime and size stay the same, which is
 * taken on trust for LOOKUP_TTL_MS after a check (as the lookups are).
 */
const goModCache = new Map<string, { mtimeMs: number; size: number; checkedAt: number; facts: GoModFacts }>();

export function readGoMod(path: string, displayPath = path): GoModFacts | null {
  try {
    // Monorepos share one go.mod between many Dockerfiles: parse each once per change.
    let entry = goModCache.get(path);
    const now = Date.now();
    if (!entry || now - entry.checkedAt >= LOOKUP_TTL_MS) {
      const st = statSync(path);
      if (!entry || entry.mtimeMs !== st.mtimeMs || entry.size !== st.size) {
        entry = { mtimeMs: st.mtimeMs, size: st.size, checkedAt: now, facts: parseGoMod(readFileSync(path, "utf8"), displayPath) };
        if (goModCache.size > 10_000) goModCache.clear();
        goModCache.set(path, entry);
      } else entry.checkedAt = now;
    }
    return { ...entry.facts, path: displayPath };
  } catch {
    return null;
  }
}

/**
 * The go.work the go command would use for the module in `moduleDir`: the nearest one in that
 * folder or above, up to the repository root (a folder holding `.git`).
 */
export function findGoWork(moduleDir: string): string | null {
  if (goWorkLookups.size > 10_000) goWorkLookups.clear();
  return findUpwardCached(moduleDir, "go.work", goWorkLookups);
}

/** Reads and parses a go.work; null when it cannot be read. */
export function readGoWork(path: string, displayPath = path): GoWorkFacts | null {
  const facts = remembered(goWorks, path, () => {
    try {
      return parseGoWork(readFileSync(path, "utf8"), path);
    } catch {
      return null;
    }
  });
  return facts && { ...facts, path: displayPath };
}

/** Does the module in `moduleDir` vendor its dependencies (`vendor/modules.txt`)? */
export function isVendored(moduleDir: string): boolean {
  return remembered(vendored, moduleDir, () => isFile(join(moduleDir, "vendor", "modules.txt")));
}

// Many Dockerfiles share a module: its go.work and vendor folder are looked up once per LOOKUP_TTL_MS.
const goWorkLookups: GoModLookupCache = new Map();
const goWorks = new Map<string, { at: number; value: GoWorkFacts | null }>();
const vendored = new Map<string, { at: number; value: boolean }>();

function remembered<T>(cache: Map<string, { at: number; value: T }>, key: string, compute: () => T): T {
  const now = Date.now();
  const hit = cache.get(key);
  if (hit && now - hit.at < LOOKUP_TTL_MS) return hit.value;
  const value = compute();
  if (cache.size > 10_000) cache.clear();
  cache.set(key, { at: now, value });
  return value;
}

/** Compares dotted Go versions (`1.22` < `1.22.0` treated equal, `1.22rc1` < `1.22`). */
export function compareGoVersions(a: string, b: string): number {
  const parse = (v: string) => {
    const m = /^(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:(rc|beta)(\d+))?/.exec(v);
    if (!m) return [0, 0, 0, 0];
    const pre = m[4] ? (m[4] === "beta" ? -200 : -100) + Number(m[5]) : 0;
    return [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0), pre];
  };
  const pa = parse(a);
  const pb = parse(b);
  for (let i = 0; i < 4; i++) if (pa[i] !== pb[i]) return pa[i]! - pb[i]!;
  return 0;
}

/** The Go version a golang image tag names, or null: `1.22.3-alpine3.20` → `1.22.3`. */
export function goVersionFromTag(tag: string | null): string | null {
  if (!tag) return null;
  const m = /^(\d+\.\d+(?:\.\d+)?(?:(?:rc|beta)\d+)?)(?:-|$)/.exec(tag);
  return m ? m[1]! : null;
}
