#!/usr/bin/env node
/**
 * The docker-lint engine without the CLI: one DockerLinter (recommended preset, real go.mod
 * lookup) over the files given, JSON results on stdout. Separates engine cost from CLI cost.
 * Usage: node docker-lint-api.mjs [--mode text|files|files-serial] <file>... | @<list file>
 *   text: lintText per file (default); files: lintFiles with a worker thread (parallel: true);
 *   files-serial: lintFiles in this thread only.
 */
import { readFileSync } from "node:fs";
import { DockerLinter } from "../../packages/core/dist/index.js";

let args = process.argv.slice(2);
let mode = "text";
if (args[0] === "--mode") {
  mode = args[1];
  args = args.slice(2);
}
const files = args.flatMap((a) => (a.startsWith("@") ? readFileSync(a.slice(1), "utf8").split("\n").filter(Boolean) : [a]));
const linter = new DockerLinter({ extends: "recommended" });
const results =
  mode === "text"
    ? files.map((filePath) => linter.lintText(readFileSync(filePath, "utf8"), { filePath }))
    : (await linter.lintFiles(files, { parallel: mode === "files" })).map((r) => r.result);
process.stdout.write(JSON.stringify(results));
process.exitCode = results.some((r) => r.errorCount > 0) ? 1 : 0;
