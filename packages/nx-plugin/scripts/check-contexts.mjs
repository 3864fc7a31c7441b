#!/usr/bin/env node
/**
 * Checks the build-context inference on a corpus of real repositories: for every Dockerfile that
 * COPYs go.mod files from its context, the folder they come from (the nearest folder at or above
 * the Dockerfile where the most `<folder>/<source>` exist) must be the inferred context.
 *
 *   node packages/nx-plugin/scripts/check-contexts.mjs <corpus folder>   (after `npm run build`)
 *
 * The corpus folder holds one folder per repository with its Dockerfiles and go.mod files at
 * their repository paths, and an index.json listing the Dockerfiles (`path`).
 */
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);
const { inferContext, literalContextSources } = require("../dist/plugin/context.js");
const { loadCore } = require("../dist/lib/core.js");

const corpus = process.argv[2];
if (!corpus || !existsSync(path.join(corpus, "index.json"))) {
  console.error("usage: check-contexts.mjs <corpus folder with index.json>");
  process.exit(2);
}
const core = await loadCore();
const index = JSON.parse(readFileSync(path.join(corpus, "index.json"), "utf8"));
let checked = 0;
const aboveList = [];
const wrong = [];
const unresolved = [];
for (const entry of index) {
  const [repo, ...rest] = entry.path.split("/");
  const workspaceRoot = path.join(corpus, repo);
  const dockerfile = rest.join("/");
  let parsed;
  try {
    parsed = core.parse(readFileSync(path.join(workspaceRoot, dockerfile), "utf8"));
  } catch {
    continue;
  }
  if (!parsed.ok) continue;
  const model = core.buildModel(parsed.ast, null);
  const goModSources = literalContextSources(model).filter((s) => path.posix.basename(s) === "go.mod");
  if (goModSources.length === 0) continue;
  // Where the go.mod files really come from: the nearest folder holding the most of them at the COPY paths.
  let expected = null;
  let most = 0;
  for (let dir = path.posix.dirname(dockerfile); ; dir = path.posix.dirname(dir)) {
    const found = goModSources.filter((s) => existsSync(path.join(workspaceRoot, dir, s))).length;
    if (found > most) {
      expected = dir;
      most = found;
    }
    if (dir === ".") break;
  }
  if (expected === null) {
    unresolved.push(entry.path);
    continue;
  }
  checked++;
  if (expected !== path.posix.dirname(dockerfile)) aboveList.push(`${entry.path} -> ${repo}/${expected === "." ? "" : expected}`);
  const inferred = inferContext(workspaceRoot, dockerfile, model, core.expand);
  if (inferred !== expected) wrong.push(`${entry.path}: inferred ${inferred}, go.mod comes from ${expected}`);
}
console.log(`${checked} Dockerfiles copy a go.mod that the corpus holds; ${aboveList.length} take it from a folder above their own:`);
for (const a of aboveList) console.log(`  ${a}`);
console.log(`context inferred right: ${checked - wrong.length} of ${checked}`);
for (const w of wrong) console.log(`  wrong: ${w}`);
if (unresolved.length) console.log(`${unresolved.length} copy a go.mod the corpus does not hold (not checked): ${unresolved.join(", ")}`);
process.exit(wrong.length === 0 ? 0 : 1);
