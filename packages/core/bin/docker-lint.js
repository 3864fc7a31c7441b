#!/usr/bin/env node
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import vm from "node:vm";

const dist = fileURLToPath(new URL("../dist/", import.meta.url));

/**
 * The CLI from its one-file bundle and V8's code cache (scripts/bundle-cli.mjs), which start
 * about 70 ms sooner than dist/cli.js and its modules; null when there is no bundle, when
 * `tsc` has rebuilt dist/ since the bundle was made, or with DOCKER_LINT_BUNDLE=0.
 */
function bundledMain() {
  if (process.env.DOCKER_LINT_BUNDLE === "0") return null;
  const file = path.join(dist, "cli.bundle.cjs");
  let source;
  try {
    const bundled = statSync(file).mtimeMs;
    if ((statSync(path.join(dist, ".tsbuildinfo"), { throwIfNoEntry: false })?.mtimeMs ?? 0) > bundled) return null;
    source = readFileSync(file, "utf8");
  } catch {
    return null;
  }
  const cacheFile = path.join(dist, "cli.bundle.cache");
  const writeCache = process.env.DOCKER_LINT_WRITE_CODE_CACHE;
  let cachedData;
  if (!writeCache) {
    try {
      cachedData = readFileSync(cacheFile);
    } catch {
      // No cache: V8 compiles as usual.
    }
  }
  // The CommonJS wrapper, plus __importUrl: with a code cache, Node 20 gives vm scripts no
  // import(), so config files (.mjs/.js) are imported through this module instead.
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname, __importUrl) {${source}\n})`, {
    filename: file,
    cachedData,
  });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, dist, (url) => import(url));
  if (writeCache) {
    // After a run, the cache holds every function that run compiled (scripts/bundle-cli.mjs).
    process.once("beforeExit", () => writeFileSync(writeCache, script.createCachedData()));
  }
  return module.exports.main;
}

const main = bundledMain() ?? (await import("../dist/cli.js")).main;
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    // Last resort: never a stack trace for the user, but say what broke.
    process.stderr.write(`docker-lint: internal error: ${err && err.message ? err.message : String(err)}\n`);
    process.exitCode = 2;
  },
);
