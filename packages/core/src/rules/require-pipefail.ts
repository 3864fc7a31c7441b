import { createRule } from "../create-rule.js";
import type { InstructionNode } from "../language/ast.js";
import { hasPipe, shellRuns } from "../model/shell-runs.js";
import { splitCommands } from "../model/shell.js";

type MessageIds = "pipefail";

/** Shells whose pipelines this rule does not judge: they are no POSIX shells. */
const NON_POSIX = ["pwsh", "powershell", "cmd"];
/** Shells where `-o pipefail` is known to work (hadolint's list). */
const PIPEFAIL_SHELLS = new Set(["bash", "zsh", "ash"]);

/** The pipefail state a SHELL instruction sets: true when pipelines are safe (or not POSIX at all). */
function shellSetsPipefail(node: InstructionNode): boolean {
  const argv = node.json ?? [];
  const first = argv[0] ?? "";
  if (NON_POSIX.some((p) => first.startsWith(p))) return true;
  const base = first.slice(first.lastIndexOf("/") + 1);
  if (!PIPEFAIL_SHELLS.has(base)) return false;
  return argv.some((a, i) => a === "pipefail" && i > 0 && /^-[a-z]*o$/.test(argv[i - 1]!));
}

/** `set -o pipefail` (or `set -euo pipefail`) in the script before its first pipe. */
function setsPipefailInline(script: string): boolean {
  if (!script.includes("pipefail")) return false;
  for (const c of splitCommands(script)) {
    if (c.argv[0] === "set" && c.argv.some((a, i) => a === "pipefail" && /^-[a-z]*o$/.test(c.argv[i - 1] ?? ""))) return true;
  }
  return false;
}

/**
 * Reports RUN with a pipe when the stage's SHELL does not set `-o pipefail`: `/bin/sh -c` takes
 * the exit status of the last command only, so `curl … | tar x` "succeeds" when the download fails.
 * Stage-aware: SHELL carries over `FROM <stage>`, as in Docker.
 */
export default createRule<[], MessageIds>({
  name: "require-pipefail",
  meta: {
    type: "problem",
    docs: {
      description: "Require `SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]` before a RUN that pipes",
      strict: true,
      equivalents: { hadolint: ["DL4006"] },
    },
    messages: {
      pipefail:
        "This RUN pipes into another command, but without pipefail the step only fails when the last command fails (a failed download piped to tar passes). Add SHELL [\"{{shell}}\", \"-o\", \"pipefail\", \"-c\"] before it.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      Dockerfile(ast) {
        const model = context.sourceCode.model;
        // Pipefail state at the end of each FROM section (0 = before any FROM).
        const endState: boolean[] = [false];
        let section = 0;
        let safe = false;
        const runsByNode = new Map(shellRuns(context.sourceCode.model).filter((r) => !r.onbuild).map((r) => [r.run, r]));
        for (const node of ast.instructions) {
          if (node.keyword === "FROM") {
            endState[section] = safe;
            section++;
            const parent = model.stages[section - 1]?.parent;
            safe = parent ? endState[parent.index + 1] ?? false : false;
            continue;
          }
          if (node.keyword === "SHELL") {
            safe = shellSetsPipefail(node);
            continue;
          }
          const run = runsByNode.get(node);
          if (!run || safe) continue;
          if (!run.scripts.some(hasPipe) || run.scripts.some(setsPipefailInline)) continue;
          const stage = model.stages[section - 1];
          const shell = stage?.image.libc === "musl" ? "/bin/ash" : "/bin/bash";
          context.report({ loc: node.loc, messageId: "pipefail", data: { shell } });
        }
      },
    };
  },
});
