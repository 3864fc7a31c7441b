/**
 * After `nx run-many -t docker-lint`, one summary of image sizes across services, read from the
 * task reports (cached ones included). Under the Nx daemon this hook runs in the daemon, so the
 * summary lands in the daemon's log instead of the terminal.
 */
import type { PostTasksExecutionContext } from "@nx/devkit";
import { DEFAULT_TARGET, type DockerLintPluginOptions } from "../lib/options";
import { sizeRows, sizeSummary } from "../lib/summary";

export function postTasksExecution(options: DockerLintPluginOptions | undefined, context: PostTasksExecutionContext): void {
  const target = options?.targetName ?? DEFAULT_TARGET;
  const results = Object.values(context.taskResults).filter((r) => r.task.target.target === target);
  const rows = results.sort((a, b) => (a.task.id < b.task.id ? -1 : 1)).flatMap((r) => sizeRows(r.terminalOutput ?? ""));
  if (rows.length < 2) return;
  console.log(`\n${sizeSummary(rows)}`);
}
