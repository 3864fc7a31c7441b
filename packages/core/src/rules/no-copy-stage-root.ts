import { createRule } from "../create-rule.js";
import { copyWords } from "../model/instruction-words.js";

type MessageIds = "wholeRoot";

/**
 * Reports `COPY --from=<stage> / /` into the final stage: it copies the other stage's whole
 * filesystem (its toolchain, caches and secrets) into the image. Copy the files the image needs.
 */
export default createRule<[], MessageIds>({
  name: "no-copy-stage-root",
  meta: {
    type: "suggestion",
    docs: {
      description: "Disallow copying another stage's whole filesystem with `COPY --from=<stage> / /`",
      strict: true,
      equivalents: { hadolint: ["DL3067"] },
    },
    messages: {
      wholeRoot: "COPY --from={{from}} / / copies that stage's whole filesystem, build tools, caches and secrets included. Copy only the paths the image needs.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      Dockerfile(ast) {
        const model = context.sourceCode.model;
        // Only what ships matters: copies into the final stage, from a stage of this file. Tools
        // images copied whole into a builder (`COPY --from=tonistiigi/xx / /`) are their documented use.
        // A fragment without FROM has no stages to tell apart: every such copy counts.
        const final = model.finalStage;
        const candidates = final ? final.copies.filter((c) => c.fromStage).map((c) => c.node) : ast.instructions;
        for (const node of candidates) {
          if (node.keyword !== "COPY") continue;
          const from = node.flags.find((f) => f.name === "from");
          if (!from?.flagValue) continue;
          const words = copyWords(node);
          if (words && words.dest === "/" && words.sources.length === 1 && words.sources[0] === "/") {
            context.report({ loc: node.loc, messageId: "wholeRoot", data: { from: from.flagValue } });
          }
        }
      },
    };
  },
});
