#!/usr/bin/env node
/**
 * What the image validation costs: for each example service, the executor's full run (lint, host
 * go build, image build and checks; called in-process, so Nx's own start-up is not counted)
 * against a bare `docker build` of the same Dockerfile and context. Every run starts from an empty
 * build cache (`docker builder prune -af`, the run's images removed), the two alternate (which goes
 * first flips each repetition), and both are shown side by side, with where the executor's time
 * went (from the moment each step's first progress line arrived).
 *
 *   node tools/bench/validation-overhead.mjs [--reps N] [--only api,geo-cgo] [--plugin-dist DIR]
 *
 * Needs `npm run build`, a Docker engine and the examples' base images (tools/docker/setup.sh).
 * Note: the prune empties the engine's whole build cache, other users' included, and can crash a
 * Docker 20.10 engine whose BuildKit is building for someone else at that moment: run it alone.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const reps = Number(opt("reps", "1"));
const pluginDist = path.resolve(opt("plugin-dist", path.join(repoRoot, "packages/nx-plugin/dist")));
const only = opt("only", "")?.split(",").filter(Boolean) ?? [];

const require = createRequire(import.meta.url);
const runJs = path.join(pluginDist, "executors/lint/run.js");
if (!existsSync(runJs)) {
  console.error(`validation-overhead: ${path.relative(repoRoot, runJs)} is missing: run npm run build first`);
  process.exit(2);
}
const { runTasks } = require(runJs);
const { findDocker } = require(path.join(pluginDist, "lib/docker.js"));

const docker = await findDocker();
if (docker.problem) {
  console.log(`validation-overhead: skipped: ${docker.problem}`);
  process.exit(0);
}
const env = { ...process.env, DOCKER_BUILDKIT: "1", DOCKER_CLI_HINTS: "false" };
const dockerQuiet = (a) => spawnSync(docker.command, a, { env, stdio: "ignore", timeout: 300_000 });

const services = readdirSync(path.join(repoRoot, "examples"))
  .filter((s) => existsSync(path.join(repoRoot, "examples", s, "Dockerfile")))
  .filter((s) => only.length === 0 || only.includes(s));

function optionsOf(service) {
  const project = JSON.parse(readFileSync(path.join(repoRoot, "examples", service, "project.json"), "utf8"));
  return { dockerfiles: ["Dockerfile"], ...(project.targets?.["docker-lint"]?.options ?? {}) };
}

/** Empty build cache, no image left from the last run. */
function reset(tag) {
  if (tag) dockerQuiet(["rmi", "-f", tag]);
  dockerQuiet(["builder", "prune", "-af"]);
}

async function executorRun(service) {
  const t0 = performance.now();
  const marks = [];
  const mark = (step) => marks.push([step, (performance.now() - t0) / 1000]);
  const onProgress = (_project, line) => {
    if (/^(?:GOTOOLCHAIN=\S+ )?(?:\S+=\S+ )*go (?:build|install) /.test(line)) mark("go build");
    else if (line.startsWith("docker build --target")) mark("builder size");
    else if (line.startsWith("docker build")) mark("image build");
    else if (line.startsWith("smoke run:")) mark("smoke run");
  };
  const task = { id: `${service}:docker-lint`, project: service, root: `examples/${service}`, options: optionsOf(service) };
  const outcome = (await runTasks([task], repoRoot, { onProgress })).get(task.id);
  const total = (performance.now() - t0) / 1000;
  if (!outcome.success) throw new Error(`${service}: the executor failed:\n${outcome.output}`);
  return { total, marks };
}

function bareRun(service) {
  const o = optionsOf(service);
  const tag = `docker-lint-bench-${service}`;
  const a = ["build", "--progress=plain", ...(o.network ? [`--network=${o.network}`] : []), "-f", "Dockerfile", "-t", tag, "."];
  const t0 = performance.now();
  const r = spawnSync(docker.command, a, { cwd: path.join(repoRoot, "examples", service), env, encoding: "utf8", timeout: 900_000 });
  const total = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`${service}: docker build failed:\n${(r.stderr ?? "").split("\n").slice(-20).join("\n")}`);
  return { total, tag };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const fmt = (s) => `${s.toFixed(1)} s`;

const results = new Map(services.map((s) => [s, { executor: [], bare: [], phases: [] }]));
console.log(`validation overhead: ${services.join(", ")}; ${reps} repetition(s); ${docker.command} (engine ${docker.serverVersion}); load ${execFileSync("cat", ["/proc/loadavg"], { encoding: "utf8" }).split(" ").slice(0, 3).join(" ")}`);
for (let rep = 0; rep < reps; rep++) {
  for (const service of services) {
    const order = rep % 2 === 0 ? ["executor", "bare"] : ["bare", "executor"];
    for (const which of order) {
      reset();
      if (which === "executor") {
        const r = await executorRun(service);
        results.get(service).executor.push(r.total);
        results.get(service).phases.push(r.marks);
        console.log(`  ${service} executor ${fmt(r.total)}  (${r.marks.map(([s, t]) => `${s} @${t.toFixed(1)}`).join(", ")})`);
      } else {
        const r = bareRun(service);
        results.get(service).bare.push(r.total);
        reset(r.tag);
        console.log(`  ${service} docker build ${fmt(r.total)}`);
      }
    }
  }
}
reset();

console.log("\n| service | executor (median) | bare docker build (median) | ratio |");
console.log("|---|---|---|---|");
let sumE = 0;
let sumB = 0;
for (const [service, r] of results) {
  const e = median(r.executor);
  const b = median(r.bare);
  sumE += e;
  sumB += b;
  console.log(`| ${service} | ${fmt(e)} | ${fmt(b)} | ${(e / b).toFixed(2)}× |`);
}
console.log(`| all | ${fmt(sumE)} | ${fmt(sumB)} | ${(sumE / sumB).toFixed(2)}× |`);
