#!/usr/bin/env node
/**
 * dockerfile-utils' validate() over many files in one process (its own CLI lints one file per
 * process). Prints `[{ filePath, diagnostics }]` as JSON, like `docker-lint --format json`.
 * Usage: node dockerfile-utils-all.mjs <file>... | @<file with one path per line>
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { validate } = require("dockerfile-utils");

const files = process.argv.slice(2).flatMap((a) => (a.startsWith("@") ? readFileSync(a.slice(1), "utf8").split("\n").filter(Boolean) : [a]));
const results = [];
let errors = 0;
for (const filePath of files) {
  const diagnostics = validate(readFileSync(filePath, "utf8"));
  // DiagnosticSeverity.Error is 1.
  errors += diagnostics.filter((d) => d.severity === 1).length;
  results.push({ filePath, diagnostics });
}
process.stdout.write(JSON.stringify(results));
process.exitCode = errors > 0 ? 1 : 0;
