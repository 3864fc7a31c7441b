#!/usr/bin/env node
"use strict";
// CommonJS (see bin/package.json): Node starts a CommonJS entry a few ms sooner than an ES module.

const why = (err) => (err && err.message ? err.message : String(err));

// `docker-lint … | head`: once the reader has gone, the rest of the report has nowhere to go.
// Drop it quietly (no Node stack trace) and still exit with the lint's own status.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (err) => {
    if (!err || err.code !== "EPIPE") throw err;
  });
}

function run({ main }) {
  return main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
      // The report is out when nothing waits in the streams (Linux writes pipes and files at
      // once): exit now rather than after Node's idle work (10–20 ms). Otherwise Node flushes, then exits.
      if (process.stdout.writableLength === 0 && process.stderr.writableLength === 0) process.exit(code);
    },
    (err) => {
      // Last resort: never a stack trace for the user, but say what broke.
      process.stderr.write(`docker-lint: internal error: ${why(err)}\n`);
      process.exitCode = 2;
    },
  );
}

let library = null;
try {
  // A long file list: its first lint worker boots while this thread loads the engine.
  require("../dist/runtime/early-worker.cjs").startEarlyWorker(process.argv.slice(2));
} catch {
  // No worker early: lintFiles starts one when it needs it.
}
try {
  // The one-file bundle with V8's code cache (scripts/bundle.mjs), loaded with the CLI's V8 flags
  // (src/runtime/v8-tiering.cts); the package entry (dist/entry.cjs) then serves the same one.
  library = require("../dist/runtime/load-bundle.cjs").loadBundle({ cli: true });
} catch {
  // No loader: dist/ is incomplete, and the import below says so.
}
if (library) run(library);
else {
  import("../dist/index.js").then(run, (err) => {
    process.stderr.write(`docker-lint: cannot load the engine (${why(err)}); reinstall @docker-lint/core\n`);
    process.exitCode = 2;
  });
}
