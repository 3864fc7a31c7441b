/**
 * Loads the library from dist/docker-lint.bundle.cjs, the whole of dist/index.js in one file
 * (scripts/bundle.mjs), with V8's code cache. Resolving, reading and compiling some 60 modules
 * one by one took 60–75 ms of every start (the CLI's, ESLint's with the plugin, an Nx
 * executor's); this takes about 15. Null when there is no bundle, when `tsc` has rebuilt dist/
 * since it was made (see bundleIsCurrent), or with DOCKER_LINT_BUNDLE=0: the caller then
 * loads dist/index.js.
 *
 * CommonJS (dist/runtime/load-bundle.cjs), so that the bin, the package entry (dist/entry.cjs)
 * and the worker (lint-worker.cjs) share this one module, and with it one loaded bundle per
 * thread: the rule objects the CLI, the ESLint plugin and the Nx plugin see are the same.
 */
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import vm from "node:vm";
import type * as Library from "../index.js" with { "resolution-mode": "import" };
import { deferOptimisingCompiler } from "./v8-tiering.cjs";
// Loaded now for its first reading of the cores' idle time (see idle-cores.cts).
import "./idle-cores.cjs";

export const BUNDLE_FILE = "docker-lint.bundle.cjs";
export const CODE_CACHE_FILE = "docker-lint.bundle.cache";
/** The CLI's code cache: V8 keys a cache to the flags, and the CLI starts with TurboFan off (v8-tiering.cts). */
export const CLI_CODE_CACHE_FILE = "docker-lint.bundle.cli.cache";

/** FNV-1a over UTF-16 code units: a cheap fingerprint, not a security measure. */
export function fingerprint(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, "0");
}

/** The bundle's first line: `// docker-lint bundle of tsbuildinfo <fingerprint> <size> <mtimeMs>`. */
export const BUNDLE_STAMP = "// docker-lint bundle of tsbuildinfo ";

/**
 * The stamp for the dist/.tsbuildinfo at `file` (`none` without one).
 * @public (scripts/bundle.mjs loads it from dist/)
 */
export function tsbuildinfoStamp(file: string): string {
  const stat = statSync(file, { throwIfNoEntry: false });
  if (!stat) return "none";
  return `${fingerprint(readFileSync(file, "utf8"))} ${stat.size} ${stat.mtimeMs}`;
}

/**
 * Whether the bundle was made from dist/ as it is: tsc rewrites dist/.tsbuildinfo whenever it
 * emits, and the bundle's first line records that file's fingerprint, size and time. The same
 * size and time answer at the cost of a stat; otherwise (a copy: cp -r, npm pack) the contents
 * decide, so copies keep the bundle in use. Without a .tsbuildinfo (a published package) there
 * is no tsc to be ahead of the bundle.
 */
export function bundleIsCurrent(source: string, dist: string): boolean {
  if (!source.startsWith(BUNDLE_STAMP)) return false;
  const [fingerprintThen, sizeThen, timeThen] = source.slice(BUNDLE_STAMP.length, source.indexOf("\n")).split(" ");
  const file = path.join(dist, ".tsbuildinfo");
  const stat = statSync(file, { throwIfNoEntry: false });
  if (!stat) return true;
  if (String(stat.size) !== sizeThen) return false;
  if (String(stat.mtimeMs) === timeThen) return true;
  try {
    return fingerprint(readFileSync(file, "utf8")) === fingerprintThen;
  } catch {
    return false;
  }
}

/**
 * The bundle as the script V8 compiles (and caches): CommonJS's wrapper, plus __importUrl, since
 * Node 20 gives a vm script compiled from a code cache no import() of its own, so config files
 * (.mjs/.js) are imported through this module.
 */
export function wrapBundle(source: string): string {
  return `(function (exports, require, module, __filename, __dirname, __importUrl) {${source}\n})`;
}

let lastCacheUse: { file: string; rejected: boolean } | null = null;

/**
 * The code cache the last loadBundle() here handed V8, and whether V8 took it (for tests).
 * @public (tests/cli/v8-tiering.test.ts reads it from dist/ in a child process)
 */
export function codeCacheUse(): { file: string; rejected: boolean } | null {
  return lastCacheUse;
}

/** The bundle once loaded in this thread (each installed copy of the package has its own loader). */
let loaded: typeof Library | undefined;

/**
 * `cli`: for the CLI's own process (bin/docker-lint.js), which starts with TurboFan off (see
 * v8-tiering.cts) and so reads the code cache made under that flag.
 */
export function loadBundle({ cli = false }: { cli?: boolean } = {}): typeof Library | null {
  if (process.env.DOCKER_LINT_BUNDLE === "0") return null;
  if (loaded) return loaded;
  // This file is dist/runtime/load-bundle.cjs.
  const dist = path.dirname(__dirname);
  const file = path.join(dist, BUNDLE_FILE);
  let source: string;
  try {
    source = readFileSync(file, "utf8");
  } catch {
    return null;
  }
  if (!bundleIsCurrent(source, dist)) return null;
  // scripts/bundle.mjs sets this to have the cache written after a warm-up run.
  const writeCache = process.env.DOCKER_LINT_WRITE_CODE_CACHE;
  const cliFlags = cli && deferOptimisingCompiler();
  const cacheFile = cliFlags ? CLI_CODE_CACHE_FILE : CODE_CACHE_FILE;
  let cachedData: Buffer | undefined;
  if (!writeCache) {
    try {
      cachedData = readFileSync(path.join(dist, cacheFile));
    } catch {
      // No cache: V8 compiles as usual.
    }
  }
  let script: vm.Script;
  const module = { exports: {} as typeof Library };
  try {
    script = new vm.Script(wrapBundle(source), { filename: file, cachedData });
    if (cachedData) lastCacheUse = { file: cacheFile, rejected: script.cachedDataRejected === true };
    (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(file), module, file, dist, (url: string) => import(url));
  } catch {
    // A damaged bundle (a half-written copy, say): dist/index.js still holds the same code.
    return null;
  }
  if (writeCache) {
    // After the run, the cache holds every function the run compiled.
    process.once("exit", () => { writeFileSync(writeCache, script.createCachedData()); });
  }
  loaded = module.exports;
  return loaded;
}

/** @public (tests/cli/v8-tiering.test.ts reads it from dist/ in a child process) */
export { optimisingCompilerDeferred } from "./v8-tiering.cjs";
