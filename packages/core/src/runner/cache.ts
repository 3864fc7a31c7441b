/**
 * `--cache`: results of unchanged files are replayed instead of linted again (as ESLint's
 * --cache). A file's entry holds for as long as its key does, and the key covers everything its
 * result depends on: the tool version, the effective config (and --rule), the file's bytes, and
 * the go.mod files it can see. These are recomputed from disk on every run, so an entry is
 * never stale: a new go.mod closer to the file, or an edited one, makes a miss.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { findGoMod, findGoWork, isVendored } from "../model/gomod.js";
import type { LintResult } from "./lint.js";
import { decodeSource } from "./read-source.js";

export const DEFAULT_CACHE_LOCATION = ".docker-lint-cache";

interface CacheFile {
  /** Version, config and rules, hashed: a cache made under another one is dropped whole. */
  run: string;
  entries: Record<string, { key: string; result: Omit<LintResult, "source"> }>;
}

const sha = (...parts: Array<string | Buffer>) => {
  const h = createHash("sha256");
  for (const p of parts) h.update(p).update("\0");
  return h.digest("hex");
};

function fileHash(file: string): string {
  try {
    return sha(readFileSync(file));
  } catch {
    return "-";
  }
}

/** Paths mentioned as `…/go.mod` in the text: COPY sources that can point the lookup at another module. */
const GO_MOD_MENTION = /[^\s"'[\],=]*go\.mod\b/g;

export interface GoModOptions {
  goMod?: string | false;
  buildContext?: string;
  dockerignore?: string | false;
  goWork?: string | false;
}

/**
 * What the go.mod lookup of `file` can read, as one string: each go.mod the text names (resolved
 * against the build context, as the lookup does) and the one found upward, each with its content hash.
 * A superset of what the lookup uses, so any change to the go.mod it reads changes this.
 */
export function goModState(file: string, text: string, options: GoModOptions): string {
  if (options.goMod !== undefined) return "fixed";
  const dir = path.dirname(file);
  const context = options.buildContext ? path.resolve(dir, options.buildContext) : dir;
  const parts: string[] = [];
  for (const mention of new Set(text.match(GO_MOD_MENTION) ?? [])) {
    if (mention === "go.mod" || mention === "./go.mod") continue;
    const p = path.resolve(context, mention.replace(/^\.?\//, ""));
    parts.push(`${p}=${existsSync(p) ? fileHash(p) : "none"}`);
  }
  const upward = findGoMod(file, { buildContext: options.buildContext });
  parts.push(`up:${upward ?? "none"}=${upward ? fileHash(upward) : ""}`);
  // The go.work above the module and its vendor folder change what the module can build from.
  if (upward && options.goWork === undefined) {
    const work = findGoWork(path.dirname(upward));
    parts.push(`work:${work ?? "none"}=${work ? fileHash(work) : ""}`);
  }
  if (upward) parts.push(`vendor:${isVendored(path.dirname(upward)) ? "yes" : "no"}`);
  return parts.join("\n");
}

/** The ignore files the source code can read for `file` (see model/dockerignore.ts), with their hashes. */
export function dockerignoreState(file: string, options: GoModOptions): string {
  if (options.dockerignore !== undefined) return "fixed";
  const dir = path.dirname(file);
  const context = options.buildContext ? path.resolve(dir, options.buildContext) : dir;
  return [`${file}.dockerignore`, path.join(context, ".dockerignore")].map((p) => `${p}=${existsSync(p) ? fileHash(p) : "none"}`).join("\n");
}

export class LintCache {
  readonly #file: string;
  readonly #run: string;
  readonly #goModOptions: GoModOptions;
  #entries: CacheFile["entries"] = {};
  #dirty = false;

  /** `run`: what every result depends on besides the file (version, config, --rule), as text. */
  constructor(location: string, run: string, goModOptions: GoModOptions) {
    // A folder (existing, or named with a trailing slash) gets the default file name inside.
    const isDir = location.endsWith("/") || location.endsWith(path.sep) || (existsSync(location) && statSync(location).isDirectory());
    this.#file = isDir ? path.join(location, DEFAULT_CACHE_LOCATION) : location;
    this.#run = sha(run);
    this.#goModOptions = goModOptions;
    try {
      const stored = JSON.parse(readFileSync(this.#file, "utf8")) as Partial<CacheFile>;
      if (stored.run === this.#run && stored.entries && typeof stored.entries === "object") this.#entries = stored.entries;
      else this.#dirty = true;
    } catch {
      // No cache yet, or an unreadable one: start empty.
    }
  }

  get file(): string {
    return this.#file;
  }

  /** The key of `file` as it is now, with its text (null when it cannot be read: not cached). */
  keyOf(file: string): { key: string; text: string } | null {
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch {
      return null;
    }
    const read = decodeSource(bytes);
    if (!read.ok) return null;
    const text = read.text;
    return { key: sha(bytes, goModState(file, text, this.#goModOptions), dockerignoreState(file, this.#goModOptions)), text };
  }

  /** The stored result of `file` when its key is unchanged. */
  lookup(file: string, key: string, text: string): LintResult | null {
    const entry = this.#entries[file];
    if (!entry || entry.key !== key) return null;
    const result: LintResult = { ...entry.result };
    // ESLint's results carry the source when there are messages and no output.
    if (result.messages.length > 0 && result.output === undefined) result.source = text;
    return result;
  }

  store(file: string, key: string, result: LintResult): void {
    // Unreadable or unparsable files are linted again next time (the cause is outside the file's bytes).
    if (result.fatalErrorCount > 0 || result.output !== undefined) return;
    const { source: _source, ...rest } = result;
    this.#entries[file] = { key, result: rest };
    this.#dirty = true;
  }

  /** Forgets files that no longer exist, writes the cache (atomically) when it changed. */
  save(): void {
    const kept = Object.entries(this.#entries).filter(([file]) => existsSync(file));
    if (kept.length < Object.keys(this.#entries).length) {
      this.#entries = Object.fromEntries(kept);
      this.#dirty = true;
    }
    if (!this.#dirty) return;
    mkdirSync(path.dirname(this.#file), { recursive: true });
    const tmp = `${this.#file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify({ run: this.#run, entries: this.#entries } satisfies CacheFile));
    renameSync(tmp, this.#file);
    this.#dirty = false;
  }
}
