import type { Span } from "../language/ast.js";
import { mayHold, stageOutputs } from "../model/produced.js";
import { createRule } from "../create-rule.js";

type MessageIds = "missingSource";

/**
 * `COPY --from=<stage> <source>` fails the build ("not found") when the stage never writes
 * `source`, typically after a build's `-o` path changed. Judged only where the stage is fully
 * understood (see model/produced.ts): golang-image stages whose every RUN is known.
 */
export default createRule<[], MessageIds>({
  name: "copy-from-produced-path",
  meta: {
    type: "problem",
    docs: { description: "Require `COPY --from=<stage>` to copy paths that stage's builds produce", recommended: true },
    messages: {
      missingSource:
        "Stage '{{stage}}' does not produce '{{source}}': its builds write {{outputs}}. Copy one of those paths or fix the build's -o path.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      Dockerfile() {
        for (const stage of context.sourceCode.model.stages) {
          for (const copy of stage.copies) {
            const from = copy.fromStage;
            // Stage references themselves (unknown, later, self) are valid-copy-from's.
            if (copy.keyword !== "COPY" || !from || from.index >= stage.index || copy.from?.includes("$")) continue;
            if (copy.heredoc || copy.node.json) continue;
            const made = stageOutputs(from);
            if (!made || made.outputs.length === 0) continue;
            const sourceSpans: Span[] = copy.node.argv.slice(0, -1);
            copy.sources.forEach((source, i) => {
              if (source.includes("$") || mayHold(made, source)) return;
              context.report({
                loc: (sourceSpans[i] ?? copy.node).loc,
                messageId: "missingSource",
                data: {
                  stage: from.name ?? String(from.index),
                  source,
                  outputs: made.outputs.map((o) => `${o.path} (line ${o.line})`).join(", "),
                },
              });
            });
          }
        }
      },
    };
  },
});
