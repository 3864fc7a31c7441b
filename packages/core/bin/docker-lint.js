#!/usr/bin/env node
import { main } from "../dist/entry.js";

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
