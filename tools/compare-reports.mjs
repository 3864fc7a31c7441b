#!/usr/bin/env node
/**
 * Compares the JSON reports of two docker-lint checkouts on a folder of Dockerfiles, for both
 * presets: the refactor check ("nothing a user sees changes"). Rule ids that were split are
 * mapped from old to new before comparing, so only real differences show.
 *
 *   node tools/compare-reports.mjs [--no-renames] <baseline checkout> <folder> [<this checkout>]
 *
 * Exits 1 and prints the first differences when the reports differ.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/** Old id → new id, per message: a split rule's messages moved to the new rule. */
const RENAMED_MESSAGES = {
  "@docker-lint/valid-copy-from": { missingSource: "@docker-lint/copy-from-produced-path" },
  "@docker-lint/no-unpinned-toolchain": { unpinnedGoInstall: "@docker-lint/pin-go-install-version" },
};

const args = process.argv.slice(2);
const mapIds = !args.includes("--no-renames");
const [baseline, folder, current = path.resolve(import.meta.dirname, "..")] = args.filter((a) => a !== "--no-renames");
if (!baseline || !folder) {
  console.error("usage: node tools/compare-reports.mjs <baseline checkout> <folder> [<this checkout>]");
  process.exit(2);
}

const configDir = mkdtempSync(path.join(tmpdir(), "compare-reports-"));
const strictConfig = path.join(configDir, "strict.json");
writeFileSync(strictConfig, JSON.stringify({ extends: "strict" }));

function report(checkout, extraArgs) {
  const bin = path.join(checkout, "packages/core/bin/docker-lint.js");
  let out;
  try {
    out = execFileSync(process.execPath, [bin, folder, "-f", "json", ...extraArgs], { encoding: "utf8", maxBuffer: 1 << 30 });
  } catch (error) {
    // Exit 1 means problems were found: the report is still on stdout.
    if (error.status !== 1) throw error;
    out = error.stdout;
  }
  return JSON.parse(out);
}

function renamed(results) {
  for (const file of results) {
    for (const m of file.messages) {
      const to = mapIds ? RENAMED_MESSAGES[m.ruleId]?.[m.messageId] : undefined;
      if (to) m.ruleId = to;
    }
  }
  return JSON.stringify(results, null, 1);
}

let failed = false;
for (const [preset, args] of [["recommended", []], ["strict", ["-c", strictConfig]]]) {
  const before = renamed(report(baseline, args)).split("\n");
  const after = JSON.stringify(report(current, args), null, 1).split("\n");
  const firstDiff = before.findIndex((line, i) => line !== after[i]);
  if (firstDiff < 0 && before.length === after.length) {
    console.log(`${preset}: identical (${before.length} lines)`);
    continue;
  }
  failed = true;
  const at = firstDiff < 0 ? Math.min(before.length, after.length) : firstDiff;
  console.log(`${preset}: differs from line ${at + 1}`);
  console.log("--- baseline\n" + before.slice(Math.max(0, at - 5), at + 10).join("\n"));
  console.log("+++ current\n" + after.slice(Math.max(0, at - 5), at + 10).join("\n"));
}
process.exit(failed ? 1 : 0);
