/**
 * Nx batch mode: one process lints every project's Dockerfiles with one linter per config, then
 * runs the build steps per project; results stream back task by task. executors.json sets
 * `preferBatch`, so `nx run-many -t docker-lint` batches without `--batch` (`--batch=false`
 * opts out). The size summary comes from the plugin's postTasksExecution hook, which also sees
 * cached tasks.
 */
import type { ExecutorContext, TaskGraph } from "@nx/devkit";
import type { LintExecutorOptions } from "../../lib/options";
import { printProgress, runTasks, type ProjectTask, type TaskOutcome } from "./run";

interface BatchResult {
  task: string;
  result: { success: boolean; terminalOutput: string; startTime?: number; endTime?: number };
}

export default async function* lintBatch(
  taskGraph: TaskGraph,
  inputs: Record<string, LintExecutorOptions>,
  _overrides: LintExecutorOptions,
  context: ExecutorContext,
): AsyncGenerator<BatchResult> {
  const startTime = Date.now();
  const dockerfiles = Object.values(inputs).reduce((n, o) => n + (o.dockerfiles?.length ?? 0), 0);
  const projects = Object.keys(taskGraph.tasks).length;
  console.log(`docker-lint: linting ${dockerfiles} Dockerfile${dockerfiles === 1 ? "" : "s"} of ${projects} project${projects === 1 ? "" : "s"} in one process`);
  const tasks: ProjectTask[] = Object.values(taskGraph.tasks).map((t) => ({
    id: t.id,
    project: t.target.project,
    root: context.projectsConfigurations.projects[t.target.project]?.root ?? t.projectRoot ?? ".",
    options: inputs[t.id] ?? {},
  }));
  // Results arrive out of order from the step pool; hand each to Nx as soon as it is done.
  const ready: Array<[string, TaskOutcome]> = [];
  let wake: (() => void) | null = null;
  const all = runTasks(
    tasks,
    context.root,
    (id, outcome) => {
      ready.push([id, outcome]);
      wake?.();
    },
    printProgress,
  );
  let finished = false;
  let failure: unknown = null;
  const done = all.then(
    (m) => {
      finished = true;
      wake?.();
      return m;
    },
    (e: unknown) => {
      finished = true;
      failure = e;
      wake?.();
      return new Map<string, TaskOutcome>();
    },
  );
  let yielded = 0;
  while (yielded < tasks.length) {
    if (ready.length === 0) {
      if (finished) break;
      await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
      continue;
    }
    const [id, outcome] = ready.shift()!;
    yielded++;
    // Nx prints (and caches) terminalOutput under the task's own heading.
    yield { task: id, result: { success: outcome.success, terminalOutput: outcome.output, startTime, endTime: Date.now() } };
  }
  await done;
  if (failure) throw failure;
}
