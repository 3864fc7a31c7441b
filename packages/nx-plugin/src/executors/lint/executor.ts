/** `@docker-lint/nx-plugin:lint` for one project. */
import type { ExecutorContext } from "@nx/devkit";
import type { LintExecutorOptions } from "../../lib/options";
import { progressPrinter, runTasks } from "./run";

export default async function lintExecutor(options: LintExecutorOptions, context: ExecutorContext): Promise<{ success: boolean }> {
  const project = context.projectName!;
  const root = context.projectsConfigurations.projects[project]?.root ?? ".";
  const id = `${project}:${context.targetName ?? "docker-lint"}`;
  const outcomes = await runTasks([{ id, project, root, options }], context.root, { onProgress: progressPrinter(true) });
  const outcome = outcomes.get(id)!;
  if (outcome.output) console.log(outcome.output);
  return { success: outcome.success };
}
