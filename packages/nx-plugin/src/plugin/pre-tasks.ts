/**
 * One header per single-project run. The executor sets `preferBatch` (many projects lint in one
 * process), and Nx then runs even one task as a batch of one, which prints the task's
 * `> nx run api:docker-lint` header twice: once when the batch starts, once above its report.
 * Nx reads `preferBatch` from executors.json, so the executor cannot choose per run; this hook
 * can: for a command that names one docker-lint task (`nx run api:docker-lint`,
 * `nx api:docker-lint`, `nx docker-lint api`) it turns batching off for that run (NX_BATCH_MODE=false), unless the
 * command or the environment asks for batching either way.
 */
import type { PreTasksExecutionContext } from "@nx/devkit";
import { DEFAULT_FIX_TARGET, DEFAULT_TARGET, type DockerLintPluginOptions } from "../lib/options";

/** Whether `args` (the nx command line after `nx`) runs exactly one task of one of `targets`. */
export function runsOneTaskOf(args: string[], targets: string[]): boolean {
  if (args.some((a) => a === "--batch" || a.startsWith("--batch=") || a === "--no-batch")) return false;
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--") break;
    if (a.startsWith("-")) {
      // `--configuration x` / `-c x` take a value; other flags here are `--name=value` or booleans.
      if ((a === "--configuration" || a === "-c") && i + 1 < args.length) i++;
      continue;
    }
    positional.push(a);
  }
  const [first, second, third] = positional;
  const isOurs = (target: string | undefined) => target !== undefined && targets.includes(target);
  const projectTarget = (spec: string | undefined) => {
    const parts = spec?.split(":") ?? [];
    return parts.length >= 2 && parts.length <= 3 && parts[0] !== "" && !spec!.includes(",") && isOurs(parts[1]);
  };
  if (first === "run") return projectTarget(second) && third === undefined;
  if (first !== undefined && first.includes(":")) return projectTarget(first) && second === undefined;
  // Infix form: `nx docker-lint api`.
  return isOurs(first) && second !== undefined && !second.includes(",") && third === undefined;
}

/** Sets NX_BATCH_MODE=false for this run: Nx carries the hook's `process.env` writes to the process that schedules the tasks. */
export function preTasksExecution(options: DockerLintPluginOptions | undefined, context: PreTasksExecutionContext): void {
  if (process.env.NX_BATCH_MODE !== undefined) return;
  const targets = [options?.targetName ?? DEFAULT_TARGET];
  if (options?.fixTargetName !== false) targets.push(options?.fixTargetName ?? DEFAULT_FIX_TARGET);
  // argv: node, the nx script, then the command. Nx 21.0 gives the hook no argv: leave batching be.
  const argv = (context as Partial<PreTasksExecutionContext>).argv;
  if (argv && runsOneTaskOf(argv.slice(2), targets)) process.env.NX_BATCH_MODE = "false";
}
