/**
 * Every RUN of a file as shell commands, with the stage (FROM section) it belongs to, ONBUILD
 * RUN triggers included. Unlike the stage model, it also covers instructions before any FROM:
 * fragments (`RUN apt-get install foo`) are read as the body of an implied first stage.
 */
import type { FlagNode, InstructionNode } from "../language/ast.js";
import { memoised } from "./memo.js";
import { runScripts, type DockerfileModel } from "./model.js";
import { splitCommands, tokenize, type ShellCommand } from "./shell.js";
import { effectiveInstructions } from "./onbuild.js";

export interface ShellRun {
  /** The RUN (or ONBUILD RUN trigger). */
  run: InstructionNode;
  /** Where to report: the RUN, or the ONBUILD line. */
  node: InstructionNode;
  onbuild: boolean;
  /** The FROM section: 0 before the first FROM, then 1, 2, … */
  section: number;
  flags: FlagNode[];
  /** Exec form (`RUN ["a", "b"]`) runs no shell. */
  exec: boolean;
  scripts: string[];
  commands: ShellCommand[];
}

/** Every RUN of the file, as the model's stage runs split it where there is one. */
export function shellRuns(model: DockerfileModel): ShellRun[] {
  return memoised(model.memo, "shellRuns", () => findShellRuns(model));
}

function findShellRuns(model: DockerfileModel): ShellRun[] {
  const split = new Map<InstructionNode, ShellCommand[]>();
  for (const stage of model.stages) for (const run of stage.runs) split.set(run.node, run.commands);
  const runs: ShellRun[] = [];
  let section = 0;
  for (const { instruction, node, onbuild } of effectiveInstructions(model.ast)) {
    if (instruction.keyword === "FROM" && !onbuild) section++;
    if (instruction.keyword !== "RUN") continue;
    const scripts = runScripts(instruction);
    let commands = split.get(instruction);
    if (!commands) {
      commands = [];
      for (const s of scripts) commands.push(...splitCommands(s));
    }
    runs.push({ run: instruction, node, onbuild, section, flags: instruction.flags, exec: instruction.json !== null, scripts, commands });
  }
  return runs;
}

/** The command's name without its path: `/usr/bin/wget` → `wget`. */
export function commandName(command: ShellCommand): string {
  const first = command.argv[0] ?? "";
  const slash = first.lastIndexOf("/");
  return slash >= 0 ? first.slice(slash + 1) : first;
}

/** True when the script pipes one command into another (`a | b`; `||` is no pipe). */
export function hasPipe(script: string): boolean {
  // No `|` character, no pipe: most scripts are answered without tokenizing them.
  return script.includes("|") && tokenize(script).some((t) => t.kind === "op" && t.value === "|");
}

/**
 * True when the command has the flag: `-x` as a short flag (alone or bundled, `-xvf`), `--name`
 * as a long one (with or without `=value`).
 */
export function hasFlag(command: ShellCommand, names: readonly string[]): boolean {
  for (const arg of command.argv.slice(1)) {
    if (arg === "--") break;
    if (arg.startsWith("--")) {
      const name = arg.slice(2).split("=")[0]!;
      if (names.includes(name)) return true;
    } else if (arg.startsWith("-") && arg.length > 1) {
      for (const ch of arg.slice(1)) if (names.includes(ch)) return true;
    }
  }
  return false;
}
