#!/usr/bin/env node
/**
 * The corpus review of noisy rules, redone on demand: which rules fire on more than a share of a
 * corpus's files, and a reproducible sample of one rule's findings to read by hand.
 *
 *   node tools/catalog/review-sample.mjs <corpus>
 *       files hit per rule (of the corpus's files) under each preset; rules over --threshold marked
 *   node tools/catalog/review-sample.mjs <corpus> <rule> [--preset all] [--count 10] [--seed 1]
 *       <count> hit files spread over different repositories (seeded), each with its findings
 *       (file:line:column and message) for that rule, to read against the Dockerfile
 *
 * The corpus's files are those of its index.json (entries with `path` and `repo`) when present,
 * else every file the CLI lints there (repository = first folder). Runs the built CLI
 * (packages/core/bin): run `npm run build` first.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";

const repoRoot = path.resolve(import.meta.dirname, "../..");
const NAMESPACE = "@docker-lint/";
const PRESETS = ["recommended", "strict", "all"];

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    preset: { type: "string", default: "all" },
    count: { type: "string", default: "10" },
    seed: { type: "string", default: "1" },
    threshold: { type: "string", default: "20" },
  },
});
const [corpusArg, ruleArg] = positionals;
if (!corpusArg || !PRESETS.includes(values.preset)) {
  console.error(`usage: node tools/catalog/review-sample.mjs <corpus> [<rule>] [--preset ${PRESETS.join("|")}] [--count 10] [--seed 1] [--threshold 20]`);
  process.exit(2);
}
const corpus = path.resolve(corpusArg);
const configDir = mkdtempSync(path.join(tmpdir(), "review-sample-"));

/** The CLI's JSON report over the corpus under a preset, as { relative path → messages }. */
function report(preset) {
  const config = path.join(configDir, `${preset}.json`);
  writeFileSync(config, JSON.stringify({ extends: preset }));
  const bin = path.join(repoRoot, "packages/core/bin/docker-lint.js");
  let out;
  try {
    out = execFileSync(process.execPath, [bin, corpus, "-f", "json", "-c", config, "--no-progress"], { encoding: "utf8", maxBuffer: 1 << 30 });
  } catch (error) {
    // Exit 1 means problems were found: the report is still on stdout.
    if (error.status !== 1) throw error;
    out = error.stdout;
  }
  return new Map(JSON.parse(out).map((r) => [path.relative(corpus, r.filePath), r.messages]));
}

/** The corpus's files with their repository. */
function corpusFiles(linted) {
  const index = path.join(corpus, "index.json");
  if (existsSync(index)) return JSON.parse(readFileSync(index, "utf8")).map((e) => ({ path: e.path, repo: e.repo }));
  return [...linted.keys()].map((p) => ({ path: p, repo: p.split(path.sep)[0] }));
}

/** mulberry32: a small seeded generator, so a sample is the same on every machine. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled(items, next) {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** `count` files, one per repository in a shuffled order of repositories, round after round. */
function sample(hits, count, seed) {
  const next = random(seed);
  const byRepo = new Map();
  for (const file of [...hits].sort((a, b) => a.path.localeCompare(b.path))) {
    byRepo.set(file.repo, [...(byRepo.get(file.repo) ?? []), file]);
  }
  const queues = shuffled([...byRepo.keys()].sort(), next).map((repo) => shuffled(byRepo.get(repo), next));
  const picked = [];
  while (picked.length < count && queues.some((q) => q.length > 0)) {
    for (const queue of queues) {
      if (picked.length < count && queue.length > 0) picked.push(queue.shift());
    }
  }
  return picked;
}

const ruleId = (name) => (name.startsWith(NAMESPACE) ? name : NAMESPACE + name);

if (!ruleArg) {
  const reports = Object.fromEntries(PRESETS.map((p) => [p, report(p)]));
  const files = corpusFiles(reports.all);
  const threshold = Number(values.threshold);
  const counts = new Map();
  for (const [i, preset] of PRESETS.entries()) {
    for (const file of files) {
      const rules = new Set((reports[preset].get(file.path) ?? []).map((m) => m.ruleId ?? "(parse error)"));
      for (const rule of rules) {
        const row = counts.get(rule) ?? PRESETS.map(() => 0);
        row[i]++;
        counts.set(rule, row);
      }
    }
  }
  const linted = files.filter((f) => reports.all.has(f.path)).length;
  console.log(`${files.length} corpus files (${linted} linted); files hit per preset; * = over ${threshold}%`);
  console.log(["rule".padEnd(50), ...PRESETS.map((p) => p.padStart(16))].join(""));
  for (const [rule, row] of [...counts].sort((a, b) => Math.max(...b[1]) - Math.max(...a[1]) || a[0].localeCompare(b[0]))) {
    const cells = row.map((n) => {
      const share = (100 * n) / files.length;
      return `${n} ${share.toFixed(1)}%${share > threshold ? "*" : " "}`.padStart(16);
    });
    console.log([rule.slice(NAMESPACE.length).padEnd(50), ...cells].join(""));
  }
} else {
  const id = ruleId(ruleArg);
  const linted = report(values.preset);
  const files = corpusFiles(linted);
  const hits = files.filter((f) => (linted.get(f.path) ?? []).some((m) => m.ruleId === id));
  const repos = new Set(hits.map((f) => f.repo));
  console.log(`${id} (${values.preset}): ${hits.length}/${files.length} files, ${repos.size} repositories; sample of ${values.count}, seed ${values.seed}`);
  for (const file of sample(hits, Number(values.count), Number(values.seed))) {
    console.log(`\n${file.path}  [${file.repo}]`);
    for (const m of linted.get(file.path).filter((m) => m.ruleId === id)) {
      console.log(`  ${m.line}:${m.column}  ${m.message}`);
    }
  }
}
