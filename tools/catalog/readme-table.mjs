#!/usr/bin/env node
/**
 * The rule tables of README.md and packages/eslint-plugin/README.md, generated from the rule
 * catalog (each rule's meta), between `<!-- rule-table:start -->` and `<!-- rule-table:end -->`.
 *
 *   node tools/catalog/readme-table.mjs           exits 1 (and says what to run) when a table is stale
 *   node tools/catalog/readme-table.mjs --write   rewrites the tables
 *
 * Reads the built core (packages/core/dist): run `npm run build` first.
 * tools/catalog/readme-table.test.ts fails when a committed table is stale.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const START = "<!-- rule-table:start -->";
const END = "<!-- rule-table:end -->";
const NAMESPACE = "@docker-lint/";

/** Table cells hold rule descriptions: escape what would end a cell. */
const cell = (text) => text.replace(/\|/g, "\\|").replace(/\s*\n\s*/g, " ");

function equivalentsText(eq) {
  return [
    ["hadolint", eq.hadolint],
    ["BuildKit", eq.buildkit],
    ["Trivy", eq.trivy],
    ["Checkov", eq.checkov],
  ]
    .filter(([, ids]) => ids.length > 0)
    .map(([tool, ids]) => `${tool} ${ids.join(", ")}`)
    .join("; ");
}

function fixText(entry) {
  return [entry.fixable ? "fix" : "", entry.hasSuggestions ? "suggestion" : ""].filter(Boolean).join(", ");
}

/** A preset entry as a cell: `error`, `error (options)` when the preset sets options, empty when off. */
function presetText(ruleEntry) {
  if (ruleEntry === undefined) return "";
  return Array.isArray(ruleEntry) && ruleEntry.length > 1 ? "error (options)" : "error";
}

/**
 * The root README's table: rule (linked to its page), what it catches, the first preset that
 * has it, fixes, and the checks of other tools it covers.
 */
export function rootTable(catalog, presets) {
  const rows = catalog.map((e) => {
    const id = e.id.slice(NAMESPACE.length);
    const preset = e.id in presets.recommended ? "recommended" : e.id in presets.strict ? "strict" : "all";
    return `| [\`${id}\`](packages/core/docs/rules/${id}.md) | ${cell(e.description)} | ${preset} | ${fixText(e)} | ${equivalentsText(e.equivalents)} |`;
  });
  return ["| rule | catches | preset | fix | equivalents |", "|---|---|---|---|---|", ...rows].join("\n");
}

/** The ESLint plugin README's table: its configs' levels per rule, with absolute links (the package is read on its own). */
export function eslintPluginTable(catalog, presets, docsUrl) {
  const rows = catalog.map((e) => {
    const id = e.id.slice(NAMESPACE.length);
    return `| [\`${id}\`](${docsUrl}/${id}.md) | ${cell(e.description)} | ${presetText(presets.recommended[e.id])} | ${presetText(presets.strict[e.id])} | ${fixText(e)} |`;
  });
  return ["| Rule | What it checks | recommended | strict | Fix |", "|---|---|---|---|---|", ...rows].join("\n");
}

/** `text` with the table between the markers replaced; throws when the markers are missing. */
export function withTable(text, table, file) {
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  if (start < 0 || end < start) throw new Error(`${file}: no ${START} … ${END} markers around the rule table`);
  return `${text.slice(0, start + START.length)}\n${table}\n${text.slice(end)}`;
}

/** Each README with its expected text. */
export function expectedReadmes({ ruleCatalog, presets, docsUrl }) {
  const catalog = ruleCatalog();
  return [
    { file: "README.md", table: rootTable(catalog, presets) },
    { file: "packages/eslint-plugin/README.md", table: eslintPluginTable(catalog, presets, docsUrl) },
  ].map(({ file, table }) => {
    const current = readFileSync(path.join(repoRoot, file), "utf8");
    return { file, current, expected: withTable(current, table, file) };
  });
}

async function main(argv) {
  const write = argv.includes("--write");
  const core = await import(pathToFileURL(path.join(repoRoot, "packages/core/dist/index.js")).href);
  const { DOCS_URL } = await import(pathToFileURL(path.join(repoRoot, "packages/core/dist/create-rule.js")).href);
  let stale = 0;
  for (const { file, current, expected } of expectedReadmes({ ruleCatalog: core.ruleCatalog, presets: core.presets, docsUrl: DOCS_URL })) {
    if (current === expected) continue;
    if (write) {
      writeFileSync(path.join(repoRoot, file), expected);
      process.stdout.write(`${file}: rule table rewritten\n`);
    } else {
      process.stderr.write(`${file}: rule table is stale; run \`npm run build && node tools/catalog/readme-table.mjs --write\`\n`);
      stale++;
    }
  }
  return stale ? 1 : 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (err) => {
      process.stderr.write(`readme-table: ${err.message}\n`);
      process.exitCode = 2;
    },
  );
}
