#!/usr/bin/env node
/**
 * `npm run conformance`: runs hadolint's and BuildKit's own test cases (../shared/oracles, or
 * --oracles DIR / DOCKER_LINT_ORACLES) through the engine with every rule on, and reports how
 * often docker-lint agrees with the peer on the cases of the rules it maps.
 *
 * A case is mapped when some docker-lint rule lists the case's peer rule in
 * `meta.docs.equivalents` (the catalog). It agrees when:
 * - `catch`: a mapped rule reports, and on every expected line when the case gives lines;
 * - `pass`: no mapped rule reports.
 * Intended differences (differences.json beside this file, each with its reason) are counted
 * apart, never hidden; docs/conformance.md explains them.
 *
 * Usage: node tools/conformance/run.mjs [--json] [--verbose] [--rule ID] [--oracles DIR]
 * Exit code: 0 when the goal is met (≥ 95 % agreement, ≥ 800 mapped cases), 1 when not,
 * 2 when the oracles or the build are missing.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, "../..");
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

export const GOAL = { agreement: 0.95, mapped: 800 };

const oracleDir = option("--oracles") ?? process.env.DOCKER_LINT_ORACLES ?? path.resolve(repoRoot, "../shared/oracles");
const ORACLE_FILES = { hadolint: "hadolint-cases.json", buildkit: "buildkit-cases.json" };

/** A stable key for a case, used by differences.json. */
export function caseKey(peer, c, index) {
  return `${peer}:${c.rule}:${index}`;
}

/** Peer rule id → docker-lint rule ids, from each rule's meta.docs.equivalents. */
export function equivalenceMap(rules, peer) {
  const map = new Map();
  for (const [id, rule] of Object.entries(rules)) {
    for (const code of rule.meta?.docs?.equivalents?.[peer] ?? []) {
      if (!map.has(code)) map.set(code, []);
      map.get(code).push(`@docker-lint/${id}`);
    }
  }
  return map;
}

/** Every rule on ("all"), with a case's hadolint config translated where the engine can. */
function configFor(core, c) {
  const all = Object.fromEntries(Object.keys(core.rules).map((id) => [`@docker-lint/${id}`, "error"]));
  const config = { extends: "none", rules: all };
  if (c.config && typeof core.translateHadolintConfig === "function") {
    const translated = core.translateHadolintConfig(c.config, "<case>");
    Object.assign(config.rules, translated.rules ?? {});
  }
  // trustedRegistries, label-schema and strict-labels become the options of the rules that read them.
  if (c.config && typeof core.hadolintRuleOptions === "function") {
    const settings = { trustedRegistries: c.config.trustedRegistries, labelSchema: c.config["label-schema"], strictLabels: c.config["strict-labels"] };
    Object.assign(config.rules, core.hadolintRuleOptions(settings));
  }
  return config;
}

export function judge(c, messages, mappedIds) {
  const hits = messages.filter((m) => mappedIds.includes(m.ruleId));
  if (c.expect === "pass") return { agree: hits.length === 0, hits };
  if (hits.length === 0) return { agree: false, hits };
  if (Array.isArray(c.lines) && c.lines.length > 0) {
    const lines = new Set(hits.map((m) => m.line));
    return { agree: c.lines.every((l) => lines.has(l)), hits };
  }
  return { agree: true, hits };
}

async function main() {
  if (!existsSync(oracleDir)) {
    console.error(`conformance: no oracle folder at ${oracleDir} (set --oracles DIR or DOCKER_LINT_ORACLES)`);
    return 2;
  }
  const entry = path.join(repoRoot, "packages/core/dist/index.js");
  if (!existsSync(entry)) {
    console.error("conformance: packages/core is not built; run `npm run build` first");
    return 2;
  }
  const core = await import(pathToFileURL(entry).href);
  const differences = JSON.parse(readFileSync(path.join(here, "differences.json"), "utf8"));
  const intended = new Map(differences.map((d) => [d.case, d.reason]));
  const only = option("--rule");
  const work = mkdtempSync(path.join(tmpdir(), "docker-lint-conformance-"));
  const perRule = {};
  const failures = [];
  let cases = 0;
  let agree = 0;
  let unmapped = 0;
  let intendedCount = 0;
  try {
    for (const [peer, file] of Object.entries(ORACLE_FILES)) {
      const oracle = path.join(oracleDir, file);
      if (!existsSync(oracle)) continue;
      const list = JSON.parse(readFileSync(oracle, "utf8"));
      const map = equivalenceMap(core.rules, peer);
      for (let i = 0; i < list.length; i++) {
        const c = list[i];
        if (only && c.rule !== only) continue;
        const mappedIds = map.get(c.rule);
        if (!mappedIds) {
          unmapped++;
          continue;
        }
        const key = caseKey(peer, c, i);
        const stats = (perRule[`${peer}:${c.rule}`] ??= { cases: 0, agree: 0, intended: 0, rules: mappedIds });
        if (intended.has(key)) {
          stats.intended++;
          intendedCount++;
          continue;
        }
        const dir = path.join(work, String(cases));
        mkdirSync(dir);
        const dockerfile = path.join(dir, "Dockerfile");
        writeFileSync(dockerfile, c.dockerfile);
        if (typeof c.dockerignore === "string") writeFileSync(path.join(dir, ".dockerignore"), c.dockerignore);
        const linter = new core.DockerLinter(configFor(core, c), { cwd: dir });
        const { result } = linter.lintFile(dockerfile);
        const verdict = judge(c, result.messages, mappedIds);
        cases++;
        stats.cases++;
        if (verdict.agree) {
          agree++;
          stats.agree++;
        } else {
          failures.push({ key, rule: c.rule, expect: c.expect, lines: c.lines, got: verdict.hits.map((m) => `${m.ruleId}@${m.line}`), dockerfile: c.dockerfile });
        }
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const agreement = cases === 0 ? 0 : agree / cases;
  const summary = { cases, agree, agreement: Number(agreement.toFixed(4)), intended: intendedCount, unmapped, perRule };
  if (flag("--json")) {
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  } else {
    const rows = Object.entries(perRule).sort(([a], [b]) => a.localeCompare(b));
    for (const [rule, s] of rows) {
      const pct = s.cases ? ((100 * s.agree) / s.cases).toFixed(1) : "-";
      console.log(`${rule.padEnd(44)} ${String(s.agree).padStart(4)}/${String(s.cases).padEnd(4)} ${pct.padStart(5)} %${s.intended ? `  (+${s.intended} intended)` : ""}  → ${s.rules.join(", ")}`);
    }
    console.log(`\nmapped cases: ${cases + intendedCount} (${intendedCount} intended differences counted apart), unmapped: ${unmapped}`);
    console.log(`agreement: ${agree}/${cases} = ${(100 * agreement).toFixed(1)} % (goal ≥ ${100 * GOAL.agreement} % over ≥ ${GOAL.mapped} mapped cases)`);
    if (flag("--verbose")) for (const f of failures) console.log(`\n✗ ${f.key} expect ${f.expect}${f.lines ? ` lines ${f.lines}` : ""}, got [${f.got.join(", ")}]\n${f.dockerfile}`);
  }
  return agreement >= GOAL.agreement && cases + intendedCount >= GOAL.mapped ? 0 : 1;
}

if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) {
  main().then(
    (code) => process.exit(code),
    (err) => {
      console.error(`conformance: ${err?.stack ?? err}`);
      process.exit(2);
    },
  );
}
