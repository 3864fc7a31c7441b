import { createRule } from "../create-rule.js";
import { copyWords } from "../model/instruction-words.js";

type MessageIds = "wholeRoot";

/**
 * Reports `COPY --from=<stage> / /`: it copies the other stage's whole filesystem (its toolchain,
 * caches and secrets) over this one. Copy the files the image needs.
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
      Instruction(node) {
        if (node.keyword !== "COPY") return;
        const from = node.flags.find((f) => f.name === "from");
        if (!from?.flagValue) return;
        const words = copyWords(node);
        if (words && words.dest === "/" && words.sources.length === 1 && words.sources[0] === "/") {
          context.report({ loc: node.loc, messageId: "wholeRoot", data: { from: from.flagValue } });
        }
      },
    };
  },
});
