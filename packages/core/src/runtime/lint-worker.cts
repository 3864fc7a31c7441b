/**
 * The worker side of lintFiles: the same linter, taking files from the shared counter. It loads
 * the engine as the main thread does: from the bundle with the code cache made for the V8 flags
 * in force (the CLI's or the default ones), else from dist/. Its job comes by message, so it can
 * be started before the job is known (early-worker.cts).
 */
import { parentPort, workerData } from "node:worker_threads";
import type * as Library from "../index.js" with { "resolution-mode": "import" };
import type { WorkerJob } from "../runner/lint-files.js" with { "resolution-mode": "import" };
import type { WorkerStart } from "./early-worker.cjs";
import { loadBundle } from "./load-bundle.cjs";

const { cliFlags } = workerData as WorkerStart;
const library: typeof Library = loadBundle({ cli: cliFlags }) ?? require("../index.js");

parentPort!.once("message", ({ init, files, fix, next, sizes }: WorkerJob) => {
  const linter = new library.DockerLinter(init.config, { ...init.options, optionsChecked: init.optionsChecked, shellcheckResults: init.shellcheckResults });
  for (;;) {
    const index = Atomics.add(next, 0, 1);
    if (index >= files.length) break;
    const file = files[index]!;
    parentPort!.postMessage({ index, item: linter.lintFile(file, { fix, knownSize: sizes?.get(file) }) });
  }
});
