/**
 * Loads the library from dist/docker-lint.bundle.cjs, the whole of dist/index.js in one file
 * (scripts/bundle.mjs), with V8's code cache. Resolving, reading and compiling some 60 modules
 * one by one took 60–75 ms of every start (the CLI's, ESLint's with the plugin, an Nx
 * executor's); this takes about 15. Null when there is no bundle, when `tsc` has rebuilt dist/
 * since it was made, or with DOCKER_LINT_BUNDLE=0: the caller then imports dist/index.js.
 */
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import vm from "node:vm";
import type * as Library from "./index.js";

export const BUNDLE_FILE = "docker-lint.bundle.cjs";
export const CODE_CACHE_FILE = "docker-lint.bundle.cache";

export function loadBundle(): typeof Library | null {
  if (process.env.DOCKER_LINT_BUNDLE === "0") return null;
  const dist = path.dirname(fileURLToPath(import.meta.url));
  const file = path.join(dist, BUNDLE_FILE);
  let source: string;
  try {
    const bundled = statSync(file).mtimeMs;
    if ((statSync(path.join(dist, ".tsbuildinfo"), { throwIfNoEntry: false })?.mtimeMs ?? 0) > bundled) return null;
    source = readFileSync(file, "utf8");
  } catch {
    return null;
  }
  // scripts/bundle.mjs sets this to have the cache written after a warm-up run.
  const writeCache = process.env.DOCKER_LINT_WRITE_CODE_CACHE;
  let cachedData: Buffer | undefined;
  if (!writeCache) {
    try {
      cachedData = readFileSync(path.join(dist, CODE_CACHE_FILE));
    } catch {
      // No cache: V8 compiles as usual.
    }
  }
  // CommonJS's wrapper, plus __importUrl: Node 20 gives a vm script compiled from a code cache
  // no import() of its own, so config files (.mjs/.js) are imported through this module.
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname, __importUrl) {${source}\n})`, {
    filename: file,
    cachedData,
  });
  const module = { exports: {} as typeof Library };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(file), module, file, dist, (url: string) => import(url));
  if (writeCache) {
    // After the run, the cache holds every function the run compiled.
    process.once("beforeExit", () => writeFileSync(writeCache, script.createCachedData()));
  }
  return module.exports;
}
