import { createRule } from "../create-rule.js";

/** MAINTAINER is deprecated; the OCI `authors` label says the same and tools read it. */
export default createRule<[], "deprecated">({
  name: "no-maintainer",
  meta: {
    type: "suggestion",
    docs: {
      description: "Disallow the deprecated `MAINTAINER` instruction",
      strict: true,
      equivalents: { hadolint: ["DL4000"], buildkit: ["MaintainerDeprecated"], trivy: ["DS022"], checkov: ["CKV_DOCKER_6"] },
    },
    fixable: "code",
    messages: {
      deprecated: "MAINTAINER is deprecated. Use LABEL org.opencontainers.image.authors={{value}} instead.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      Instruction(node) {
        if (node.keyword !== "MAINTAINER") return;
        const value = JSON.stringify(node.args.trim());
        const replacement = `LABEL org.opencontainers.image.authors=${value}`;
        // Only a one-line MAINTAINER is rewritten: the label holds the same text.
        const single = !node.rawArgs.includes("\n");
        context.report({ loc: node.keywordSpan.loc, messageId: "deprecated", data: { value }, ...(single ? { fix: (fixer) => fixer.replaceTextRange(node.range, replacement) } : {}) });
      },
    };
  },
});
