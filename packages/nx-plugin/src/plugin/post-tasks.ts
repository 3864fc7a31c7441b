/**
 * After `nx run-many -t docker-lint`, one summary of image sizes across services, read from the
 * task reports (cached ones included). Under the Nx daemon this hook runs in the daemon, so the
 * summary lands in the daemon's log instead of the terminal.
 */
import type { PostTasksExecutionContext } from "@nx/devkit";
import { DEFAULT_TARGET, type DockerLintPluginOptions } from "../lib/options";
import { runSummary } from "../lib/summary";

export function postTasksExecution(options: DockerLintPluginOptions | undefined, context: PostTasksExecutionContext): void {
  const target = options?.targetName ?? DEFAULT_TARGET;
  const results = Object.values(context.taskResults).filter((r) => r.task.target.target === target);
  // The status tells failed tasks apart, including those that failed before an image existed.
  const summary = runSummary(results.map((r) => ({ project: r.task.target.project, status: r.status, output: r.terminalOutput ?? "" })));
  if (summary) console.log(`\n${summary}`);
}
