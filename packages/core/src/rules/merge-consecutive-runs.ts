import { createRule } from "../create-rule.js";
import type { InstructionNode } from "../language/ast.js";
import { shellRuns } from "../model/shell-runs.js";

type MessageIds = "consecutive";

/** The flags of a RUN as one comparable string (`--mount=…` and all). */
const flagsOf = (node: InstructionNode) => node.flags.map((f) => f.value).join(" ");

/**
 * Reports a RUN that directly follows another RUN with the same flags when both run a single
 * command: each RUN is a layer, and such steps read as well chained with `&&`. RUNs that already
 * chain commands are left alone (hadolint's behaviour).
 * Comments between them do not separate them; any other instruction does.
 */
export default createRule<[], MessageIds>({
  name: "merge-consecutive-runs",
  meta: {
    type: "suggestion",
    docs: {
      description: "Suggest merging consecutive single-command RUN instructions",
      strict: true,
      equivalents: { hadolint: ["DL3059"] },
    },
    messages: {
      consecutive: "This RUN follows another single-command RUN (line {{line}}) with the same flags. Merge them with '&&' into one layer.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      Dockerfile(ast) {
        const runs = new Map(shellRuns(context.sourceCode.model).filter((r) => !r.onbuild).map((r) => [r.run, r]));
        let previous: { node: InstructionNode; flags: string; count: number } | null = null;
        for (const node of ast.instructions) {
          const run = runs.get(node);
          if (!run) {
            previous = null;
            continue;
          }
          const current = { node, flags: flagsOf(node), count: run.commands.filter((c) => c.argv.length > 0).length };
          if (previous && previous.flags === current.flags && previous.count <= 1 && current.count <= 1) {
            context.report({ loc: node.loc, messageId: "consecutive", data: { line: String(previous.node.loc.start.line) } });
          }
          previous = current;
        }
      },
    };
  },
});
