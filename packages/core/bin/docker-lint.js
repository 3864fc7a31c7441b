#!/usr/bin/env node
import { main } from "../dist/entry.js";

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
    // The report is out when nothing waits in the streams (Linux writes pipes and files at once):
    // exit now rather than after Node's idle work (10–20 ms). Otherwise Node flushes, then exits.
    if (process.stdout.writableLength === 0 && process.stderr.writableLength === 0) process.exit(code);
  },
  (err) => {
    // Last resort: never a stack trace for the user, but say what broke.
    process.stderr.write(`docker-lint: internal error: ${err && err.message ? err.message : String(err)}\n`);
    process.exitCode = 2;
  },
);
