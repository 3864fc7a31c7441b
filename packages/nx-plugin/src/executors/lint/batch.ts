/**
 * Nx batch mode: one process lints every project's Dockerfiles with one linter per config, then
 * runs the build steps per project; results stream back task by task. executors.json sets
 * `preferBatch`, so `nx run-many -t docker-lint` batches without `--batch` (`--batch=false`
 * opts out). The size summary comes from the plugin's postTasksExecution hook, which also sees
 * cached tasks.
 */
import { readFileSync } from "node:fs";
import type { ExecutorContext, TaskGraph } from "@nx/devkit";
import type { LintExecutorOptions } from "../../lib/options";
import { progressPrinter, runTasks, type ProjectTask, type TaskOutcome } from "./run";

/**
 * Nx does not tell a batch its --parallel, so it is read as Nx reads it: from the nx command
 * line (the batch worker's parent), then NX_PARALLEL, then nx.json's `parallel`; Nx's default is 3.
 */
export function batchConcurrency(argv: string[], envParallel: string | undefined, nxJsonParallel: number | undefined): number {
  const count = (v: string | undefined) => (v !== undefined && /^\d+$/.test(v) && Number(v) > 0 ? Number(v) : undefined);
  let parallel: string | undefined;
  let max: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const [flag, value] = argv[i]!.split(/=(.*)/s, 2) as [string, string | undefined];
    if (flag === "--parallel") {
      if (value !== undefined) parallel = value;
      else if (count(argv[i + 1]) !== undefined || argv[i + 1] === "false" || argv[i + 1] === "true") parallel = argv[++i];
      else parallel = "true";
    } else if (flag === "--maxParallel" || flag === "--max-parallel") max = count(value ?? argv[++i]);
  }
  if (parallel === "false") return 1;
  if (parallel !== undefined) return count(parallel) ?? max ?? count(envParallel) ?? 3;
  if (max !== undefined) return max;
  return count(envParallel) ?? nxJsonParallel ?? 3;
}

/** The nx command that forked this batch worker (Linux), or nothing. */
function nxCommandLine(): string[] {
  try {
    return readFileSync(`/proc/${process.ppid}/cmdline`, "utf8").split("\0").filter(Boolean);
  } catch {
    return [];
  }
}

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
  const all = runTasks(tasks, context.root, {
    onDone: (id, outcome) => {
      ready.push([id, outcome]);
      wake?.();
    },
    onProgress: progressPrinter(false),
    concurrency: batchConcurrency(nxCommandLine(), process.env.NX_PARALLEL, (context.nxJsonConfiguration as ExecutorContext["nxJsonConfiguration"] | undefined)?.parallel),
  });
  // Set by the callbacks below while the loop waits: widened so that its checks see that.
  let finished = false as boolean;
  let failure = null as Error | null;
  const done = all.then(
    (m) => {
      finished = true;
      wake?.();
      return m;
    },
    (e: unknown) => {
      finished = true;
      failure = e instanceof Error ? e : new Error(String(e));
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
    // Nx prints (and caches) terminalOutput under the task's own heading, as it is: without a
    // final newline, the other tasks' live progress that follows would start on its last line.
    yield { task: id, result: { success: outcome.success, terminalOutput: `${outcome.output}\n`, startTime, endTime: Date.now() } };
  }
  await done;
  if (failure) throw failure;
}
