/**
 * After `nx run-many -t docker-lint`, one summary of image sizes across services (from the
 * task reports, cached ones included). Batch runs print it themselves. Under the Nx daemon this
 * hook runs in the daemon, so the summary lands in its log instead.
 */
import type { PostTasksExecutionContext } from "@nx/devkit";
import { DEFAULT_TARGET, type DockerLintPluginOptions } from "../lib/options";
import { sizeRows, sizeSummary } from "../lib/summary";

export async function postTasksExecution(options: DockerLintPluginOptions | undefined, context: PostTasksExecutionContext): Promise<void> {
  if (process.env.NX_BATCH_MODE === "true" || context.argv.includes("--batch")) return;
  const target = options?.targetName ?? DEFAULT_TARGET;
  const results = Object.values(context.taskResults).filter((r) => r.task.target.target === target);
  const rows = results.sort((a, b) => (a.task.id < b.task.id ? -1 : 1)).flatMap((r) => sizeRows(r.terminalOutput ?? ""));
  if (rows.length < 2) return;
  console.log(`\n${sizeSummary(rows)}`);
}
