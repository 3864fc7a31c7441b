#!/usr/bin/env node
/**
 * Builds what the package loads at run time (after `tsc -b`; see src/runtime/load-bundle.cts):
 * - dist/docker-lint.bundle.cjs: dist/index.js and everything it loads in one file. ESLint stays
 *   outside: its Linter and the few parts the lean runner shares come from the installed package.
 *   So do the loader's own CommonJS modules (dist/runtime/*.cjs, one copy per thread).
 * - dist/entry-exports.cjs: the library's export names, for Node's CommonJS lexer, so that
 *   `import { DockerLinter } from "@docker-lint/core"` finds them without lexing the whole
 *   bundle (which cost ~110 ms of CPU on every ESM import of the package; see src/entry.cts).
 * - dist/docker-lint.bundle.cache: V8's code cache for the bundle, taken after the CLI has linted
 *   the repository's own Dockerfiles and every rule page's examples with every rule on, so the
 *   functions a run needs are not compiled again, whichever rules it has on. V8
 *   rejects it when the Node version or flags differ, and the bundle is then compiled as usual.
 * - dist/docker-lint.bundle.cli.cache: the same for the CLI's process, which runs with other V8
 *   flags (src/runtime/v8-tiering.ts).
 * Usage: node packages/core/scripts/bundle.mjs [--if-stale]
 *   --if-stale: only when tsc has rebuilt dist/ since the last bundle (the loader's own test).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

const packageDir = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const dist = path.join(packageDir, "dist");
const bundle = path.join(dist, "docker-lint.bundle.cjs");
const cache = path.join(dist, "docker-lint.bundle.cache");
const cliCache = path.join(dist, "docker-lint.bundle.cli.cache");
const exportNames = path.join(dist, "entry-exports.cjs");

// The loader's own staleness test (dist/runtime/load-bundle.cjs, built by tsc before this runs).
const { BUNDLE_STAMP, bundleIsCurrent, tsbuildinfoStamp } = await import(pathToFileURL(path.join(dist, "runtime/load-bundle.cjs")).href);
if (process.argv.includes("--if-stale") && existsSync(cache) && existsSync(cliCache) && existsSync(exportNames) && existsSync(bundle) && bundleIsCurrent(readFileSync(bundle, "utf8"), dist)) {
  process.exit(0);
}
const stamp = `${BUNDLE_STAMP}${tsbuildinfoStamp(path.join(dist, ".tsbuildinfo"))}`;

/** One CommonJS file in dist/ from `entry`; `firstLine` goes above everything. */
const bundleOptions = (entry, firstLine = "", distVar = "") => ({
  entryPoints: [path.join(dist, entry)],
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  // import.meta.url in the sources means "this file": the output sits in dist/ beside them.
  define: { "import.meta.url": "__fileUrl" },
  banner: { js: `${firstLine}var __fileUrl = require("node:url").pathToFileURL(__filename).href;${distVar}` },
  logLevel: "warning",
  legalComments: "none",
});

/** The bundle requires the loader's CommonJS modules (src/runtime/*.cts) from dist/runtime/, where tsc put them. */
const loaderModulesOutside = {
  name: "loader-modules-outside",
  setup(b) {
    b.onResolve({ filter: /^\.\.?\/.*runtime\/[\w-]+\.cjs$/ }, (args) => ({ path: `./runtime/${path.basename(args.path)}`, external: true }));
  },
};

// Written aside and renamed into place: a test may be starting the CLI meanwhile.
const { outputFiles } = await build({
  // First line: the stamp bundleIsCurrent() reads.
  // The bundle sits in dist/ itself, so src/runtime/dist-dir.ts is told where dist/ is.
  ...bundleOptions("index.js", `${stamp}\n`, 'var __DOCKER_LINT_DIST_URL = require("node:url").pathToFileURL(__dirname + "/").href;'),
  outfile: bundle,
  write: false,
  // ESLint is the fallback runner and the source of FileReport/FileContext: one copy, the user's.
  external: ["eslint", "eslint/*"],
  plugins: [loaderModulesOutside],
  // Whitespace and syntax only: names stay, so stack traces (DEBUG=docker-lint) stay readable.
  minifyWhitespace: true,
  minifySyntax: true,
});
rmSync(cache, { force: true });
rmSync(cliCache, { force: true });
writeFileSync(`${bundle}.tmp`, outputFiles[0].contents);
renameSync(`${bundle}.tmp`, bundle);

// The export names, in the form esbuild gives them at the end of a CommonJS bundle: never run.
const names = Object.keys(await import(pathToFileURL(path.join(dist, "index.js")).href)).sort();
writeFileSync(`${exportNames}.tmp`, `// The export names of dist/index.js, for Node's CommonJS lexer (scripts/bundle.mjs).\n0 && (module.exports = { ${names.join(", ")} });\n`);
renameSync(`${exportNames}.tmp`, exportNames);

// Warm-up input: the example services and the test fixtures (the shared corpus is not needed).
const repoRoot = path.resolve(packageDir, "../..");
const warmUp = [];
const collect = (dir, depth) => {
  if (depth > 6 || !existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) collect(p, depth + 1);
    else if (/^(Dockerfile|Containerfile)|\.[Dd]ockerfile$/.test(entry.name) && statSync(p).size < 100_000) warmUp.push(p);
  }
};
collect(path.join(repoRoot, "examples"), 0);
collect(path.join(packageDir, "tests", "fixtures"), 0);

// Two warm-up runs, one per code cache (V8 keys a cache to the flags): the CLI's, made with
// TurboFan deferred as the CLI runs (src/runtime/v8-tiering.ts), and the library's (ESLint, Nx, the API).
const caches = [
  { file: cliCache, env: { DOCKER_LINT_DEFER_OPT: "1" } },
  { file: cache, env: { DOCKER_LINT_DEFER_OPT: "0" } },
];
const out = mkdtempSync(path.join(tmpdir(), "docker-lint-bundle-"));
try {
  // Every rule page's examples, linted with every rule on (ShellCheck aside: it would only add
  // seconds), so each rule's code is in the cache: with only the few Dockerfiles above and the
  // recommended rules, a run with `extends: "all"` compiled the other rules' code as it went.
  const docs = path.join(packageDir, "docs", "rules");
  for (const page of existsSync(docs) ? readdirSync(docs) : []) {
    for (const example of readFileSync(path.join(docs, page), "utf8").matchAll(/```dockerfile\n([\s\S]*?)```/g)) {
      const dir = path.join(out, "examples", String(warmUp.length));
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, "Dockerfile"), example[1]);
      warmUp.push(path.join(dir, "Dockerfile"));
    }
  }
  writeFileSync(path.join(out, "docker-lint.config.json"), JSON.stringify({ extends: "all", rules: { shellcheck: "off" } }));
  const bin = path.join(packageDir, "bin", "docker-lint.js");
  const args = [bin, "--no-progress", "--format", "json", "--output-file", path.join(out, "report.json"), ...warmUp];
  for (const { file, env } of caches) {
    const run = spawnSync(process.execPath, args, {
      cwd: out,
      env: { ...process.env, ...env, DOCKER_LINT_WRITE_CODE_CACHE: `${file}.tmp` },
      encoding: "utf8",
    });
    if (run.status !== 0 && run.status !== 1) {
      process.stderr.write(`bundle: the warm-up run failed (exit ${run.status}): ${run.stderr}\n`);
      process.exit(1);
    }
    if (existsSync(`${file}.tmp`)) renameSync(`${file}.tmp`, file);
    else process.stderr.write(`bundle: no code cache was written to ${path.basename(file)} (compiled at start-up instead)\n`);
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}
