/** The worker side of lintFiles: the same linter, taking files from the shared counter. */
import { parentPort, workerData } from "node:worker_threads";
import { DockerLinter } from "./lint.js";
import { lintOne, type LinterInit } from "./lint-files.js";

const { init, files, fix, next } = workerData as { init: LinterInit; files: string[]; fix: boolean; next: Int32Array };
const linter = new DockerLinter(init.config, init.options);
for (;;) {
  const index = Atomics.add(next, 0, 1);
  if (index >= files.length) break;
  parentPort!.postMessage({ index, item: lintOne(linter, files[index]!, fix) });
}
