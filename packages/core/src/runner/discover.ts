/**
 * Which files a `docker-lint [files | folders | globs]` run lints. Folders are walked by hand
 * (not globbed) so that ignored folders such as node_modules are never entered and each
 * folder's .gitignore is read once, on the way down.
 */
import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync, statSync, type Dirent } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { Ignore } from "ignore";
import { Minimatch } from "minimatch";
import { absolutePath, relativeInside, toPosix } from "../model/paths.js";
import { isDockerfileName } from "../names.js";
import { DEFAULT_IGNORES } from "../presets.js";

export { isDockerfileName };

/** A path argument that names nothing and matches nothing: a usage error. */
export class DiscoveryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DiscoveryError";
  }
}

export interface DiscoverOptions {
  cwd: string;
  /** The config's `ignores` globs and the folder they are relative to (the config file's folder). */
  ignores?: { globs: string[]; basePath: string };
  /**
   * Filled with the size of each file named explicitly (it was stat'ed to tell it from a
   * folder), so that readSourceFile need not stat it again.
   */
  sizes?: Map<string, number>;
  /**
   * Filled with the real paths (symlinks resolved) of the arguments that led to each file: the
   * folder it was found in, the glob's leading folder, or the file itself. --fix writes nowhere else.
   */
  roots?: Map<string, string[]>;
}

const SKIPPED_FOLDERS = new Set(["node_modules", ".git"]);
const GLOB_MAGIC = /[*?[\]{}()!]/;

let ignoreFactory: (() => Ignore) | null = null;
/** `ignore` takes ~15 ms to load: only pay for it when there is a .gitignore to read. */
function newIgnore(): Ignore {
  ignoreFactory ??= createRequire(import.meta.url)("ignore") as () => Ignore;
  return ignoreFactory();
}

type GlobMatcher = (relativePath: string) => boolean;

// Matches POSIX relative paths (folders with a trailing "/"). Patterns of the form "**/<name>/**",
// the usual kind (and the defaults), become a check of folder names, far cheaper than minimatch.
function globMatcher(globs: string[]): GlobMatcher {
  const folderNames = new Set<string>();
  const matchers: Minimatch[] = [];
  for (const g of globs) {
    const folder = /^\*\*\/([^/*?[\]{}()!]+)\/\*\*$/.exec(g);
    if (folder) folderNames.add(folder[1]!);
    else matchers.push(new Minimatch(g, { dot: true }));
  }
  return (rel) => {
    if (folderNames.size > 0) {
      const parts = rel.split("/");
      for (let i = 0; i < parts.length - 1; i++) if (folderNames.has(parts[i]!)) return true;
    }
    return matchers.some((m) => m.match(rel));
  };
}

/** .gitignore files, loaded once per folder, applied with git's precedence (deeper files win). */
class GitIgnores {
  readonly #perFolder = new Map<string, Ignore | null>();
  readonly #tops = new Map<string, string>();
  constructor(readonly cwd: string) {}

  /** The folder whose .gitignore is the outermost one that applies: the repository root, else cwd. */
  top(dir: string): string {
    const cached = this.#tops.get(dir);
    if (cached) return cached;
    let cur = dir;
    let top: string | null = null;
    for (;;) {
      if (existsSync(path.join(cur, ".git"))) {
        top = cur;
        break;
      }
      const up = path.dirname(cur);
      if (up === cur) break;
      cur = up;
    }
    top ??= relativeInside(this.cwd, dir) !== null || dir === this.cwd ? this.cwd : dir;
    this.#tops.set(dir, top);
    return top;
  }

  folder(dir: string): Ignore | null {
    if (this.#perFolder.has(dir)) return this.#perFolder.get(dir)!;
    let ig: Ignore | null = null;
    try {
      const text = readFileSync(path.join(dir, ".gitignore"), "utf8");
      ig = newIgnore().add(text);
    } catch {
      /* no .gitignore here (or unreadable): nothing ignored by this folder */
    }
    this.#perFolder.set(dir, ig);
    return ig;
  }

  /** The .gitignore chain for `dir`: every folder from `top` down to `dir`. */
  chain(dir: string, top: string): Array<{ dir: string; ig: Ignore }> {
    if (relativeInside(top, dir) === null && dir !== top) return [];
    const folders: string[] = [];
    for (let cur = dir; ; cur = path.dirname(cur)) {
      folders.push(cur);
      if (cur === top || path.dirname(cur) === cur) break;
    }
    const out: Array<{ dir: string; ig: Ignore }> = [];
    for (const f of folders.reverse()) {
      const ig = this.folder(f);
      if (ig) out.push({ dir: f, ig });
    }
    return out;
  }

  static ignored(chain: ReadonlyArray<{ dir: string; ig: Ignore }>, abs: string, isDir: boolean): boolean {
    for (let i = chain.length - 1; i >= 0; i--) {
      const { dir, ig } = chain[i]!;
      const rel = abs.startsWith(dir) && abs[dir.length] === path.sep ? toPosix(abs.slice(dir.length + 1)) : relativeInside(dir, abs);
      if (rel === null) continue;
      const r = ig.test(isDir ? `${rel}/` : rel);
      if (r.ignored) return true;
      if (r.unignored) return false;
    }
    return false;
  }

  /** For a file found by a glob: is it, or any folder above it up to the top, ignored? */
  ignoredPath(abs: string): boolean {
    const dir = path.dirname(abs);
    const top = this.top(dir);
    const folders: string[] = [];
    for (let cur = dir; cur !== top && path.dirname(cur) !== cur; cur = path.dirname(cur)) folders.push(cur);
    for (const f of folders.reverse()) if (GitIgnores.ignored(this.chain(path.dirname(f), top), f, true)) return true;
    return GitIgnores.ignored(this.chain(dir, top), abs, false);
  }
}

export class Discovery {
  readonly #cwd: string;
  readonly #gitIgnores: GitIgnores;
  readonly #configIgnores: { match: GlobMatcher; basePath: string } | null;
  readonly #defaultIgnores = globMatcher(DEFAULT_IGNORES);
  readonly #seen = new Set<string>();
  readonly #sizes: Map<string, number> | null;
  readonly #roots: Map<string, string[]> | null;
  /** The real path of the argument being added, for #roots. */
  #root = "";
  readonly files: string[] = [];

  constructor(options: DiscoverOptions) {
    this.#cwd = path.resolve(options.cwd);
    this.#sizes = options.sizes ?? null;
    this.#roots = options.roots ?? null;
    this.#gitIgnores = new GitIgnores(this.#cwd);
    const ig = options.ignores;
    this.#configIgnores = ig && ig.globs.length > 0 ? { match: globMatcher(ig.globs), basePath: path.resolve(ig.basePath) } : null;
  }

  #add(abs: string): void {
    if (this.#roots) {
      const roots = this.#roots.get(abs);
      if (!roots) this.#roots.set(abs, [this.#root]);
      else if (!roots.includes(this.#root)) roots.push(this.#root);
    }
    if (this.#seen.has(abs)) return;
    this.#seen.add(abs);
    this.files.push(abs);
  }

  /**
   * Config `ignores` (relative to the config's folder) and the default ignores (relative to
   * `base`). `relToBase`, when the caller knows it, saves computing it from `abs`.
   */
  #ignoredByGlobs(abs: string, isDir: boolean, base: string, relToBase?: string): boolean {
    const suffix = isDir ? "/" : "";
    if (this.#configIgnores) {
      const rel = relativeInside(this.#configIgnores.basePath, abs);
      if (rel !== null && this.#configIgnores.match(rel + suffix)) return true;
    }
    const rel = relToBase ?? relativeInside(base, abs);
    return rel !== null && this.#defaultIgnores(rel + suffix);
  }

  /** Adds the files one argument names. Throws DiscoveryError when it names nothing. */
  async add(arg: string): Promise<void> {
    const abs = absolutePath(this.#cwd, arg);
    let stat;
    let failure: NodeJS.ErrnoException | null = null;
    try {
      stat = statSync(abs);
    } catch (e) {
      stat = null;
      failure = e as NodeJS.ErrnoException;
    }
    if (stat?.isDirectory()) {
      this.#root = this.#roots ? realpathSync.native(abs) : "";
      const before = this.files.length;
      this.#walk(abs);
      // `docker-lint Dockerfile` meant a file: a folder of that name holding none is a mistake, not a clean run.
      if (this.files.length === before && isDockerfileName(path.basename(abs))) {
        throw new DiscoveryError(`${arg} is a folder, not a Dockerfile, and holds no Dockerfiles`);
      }
      return;
    }
    // An explicit file is always linted, whatever its name or ignore rules say, except a
    // `.dockerignore`: never a Dockerfile, though hooks' `Dockerfile.*` globs hand them over.
    if (stat?.isFile() && abs.endsWith(".dockerignore")) return;
    if (stat) {
      if (stat.isFile()) this.#sizes?.set(abs, stat.size);
      this.#root = this.#roots ? realpathSync.native(abs) : "";
      this.#add(abs); return;
    }
    if (failure?.code === "ELOOP") throw new DiscoveryError(`${arg} is a symlink loop (a link that leads back to itself)`);
    if (failure?.code === "ENOENT" && isDanglingLink(abs)) throw new DiscoveryError(`${arg} is a symlink to a file that does not exist`);
    if (failure && failure.code !== "ENOENT" && failure.code !== "ENOTDIR") {
      throw new DiscoveryError(`cannot open ${arg} (${failure.message.replace(/, \w+ '.*'$/s, "")})`);
    }
    if (GLOB_MAGIC.test(arg)) {
      const base = path.resolve(this.#cwd, globBase(toPosix(arg)));
      this.#root = this.#roots ? realPathOr(base) : "";
      return this.#glob(arg);
    }
    throw new DiscoveryError(`no such file or folder: ${arg}`);
  }

  #walk(root: string): void {
    // .gitignore files in the folders above `root` (up to the repository root) apply too.
    const top = this.#gitIgnores.top(root);
    const above = root === top ? [] : this.#gitIgnores.chain(path.dirname(root), top);
    this.#walkFolder(root, "", root, above);
  }

  /** `rel`: `dir` relative to `root`, POSIX, built on the way down rather than with path.relative. */
  #walkFolder(dir: string, rel: string, root: string, parentChain: Array<{ dir: string; ig: Ignore }>): void {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return; // an unreadable folder holds nothing we can lint
    }
    const own = entries.some((e) => e.name === ".gitignore" && !e.isDirectory()) ? this.#gitIgnores.folder(dir) : null;
    const chain = own ? [...parentChain, { dir, ig: own }] : parentChain;
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const abs = dir + path.sep + e.name;
      const entryRel = rel === "" ? e.name : `${rel}/${e.name}`;
      let isDir = e.isDirectory();
      let isFile = e.isFile();
      if (e.isSymbolicLink()) {
        // Linked files are followed; linked folders are not (they may form cycles).
        if (!isDockerfileName(e.name)) continue;
        try {
          isFile = statSync(abs).isFile();
        } catch {
          continue;
        }
        isDir = false;
      }
      if (isDir) {
        if (SKIPPED_FOLDERS.has(e.name)) continue;
        if (GitIgnores.ignored(chain, abs, true) || this.#ignoredByGlobs(abs, true, root, entryRel)) continue;
        this.#walkFolder(abs, entryRel, root, chain);
      } else if (isFile && isDockerfileName(e.name)) {
        if (GitIgnores.ignored(chain, abs, false) || this.#ignoredByGlobs(abs, false, root, entryRel)) continue;
        this.#add(abs);
      }
    }
  }

  async #glob(pattern: string): Promise<void> {
    const { default: fg } = await import("fast-glob");
    const posix = toPosix(pattern);
    const ignoreNodeModules = !posix.includes("node_modules");
    const found = await fg(posix, {
      cwd: this.#cwd,
      absolute: true,
      dot: true,
      onlyFiles: true,
      followSymbolicLinks: false,
      ignore: ignoreNodeModules ? ["**/node_modules/**", "**/.git/**"] : ["**/.git/**"],
    });
    if (found.length === 0) throw new DiscoveryError(`no files match the pattern: ${pattern}`);
    // Default ignores are relative to the glob's fixed leading folders, so `.devcontainer/*` still works.
    const base = path.resolve(this.#cwd, globBase(posix));
    // A glob whose last segment is only wildcards (`dir/**`, `*`) picks Dockerfiles by name;
    // one that spells a name (`*.df`, `Dockerfile-*`) means exactly the files it matches.
    const last = posix.split("/").pop() ?? "";
    const byName = /^[*?]*$/.test(last);
    for (const file of found.map((file) => path.normalize(file)).sort()) {
      if (byName && !isDockerfileName(path.basename(file))) continue;
      if (this.#gitIgnores.ignoredPath(file) || this.#ignoredByGlobs(file, false, base)) continue;
      this.#add(file);
    }
  }
}

function isDanglingLink(abs: string): boolean {
  try {
    return lstatSync(abs).isSymbolicLink();
  } catch {
    return false;
  }
}

function realPathOr(abs: string): string {
  try {
    return realpathSync.native(abs);
  } catch {
    return abs;
  }
}

function globBase(pattern: string): string {
  const parts = pattern.split("/");
  const fixed: string[] = [];
  for (const p of parts.slice(0, -1)) {
    if (GLOB_MAGIC.test(p)) break;
    fixed.push(p);
  }
  return fixed.join("/") || ".";
}

/** The files to lint for `args` (the current folder when empty), in a stable order, without duplicates. */
export async function discoverFiles(args: string[], options: DiscoverOptions): Promise<string[]> {
  const d = new Discovery(options);
  for (const arg of args.length > 0 ? args : ["."]) await d.add(arg);
  return d.files;
}
