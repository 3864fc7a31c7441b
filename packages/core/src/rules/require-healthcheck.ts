import { createRule } from "../create-rule.js";
import { stagesLacking } from "../model/sections.js";

type MessageIds = "missing";

/**
 * Reports images without HEALTHCHECK (`HEALTHCHECK NONE` counts: it says so on purpose).
 * Lineage-aware like require-labels. Only in the `all` preset: orchestrators such as Kubernetes
 * ignore HEALTHCHECK and probe on their own.
 */
export default createRule<[], MessageIds>({
  name: "require-healthcheck",
  meta: {
    type: "suggestion",
    docs: {
      description: "Require a HEALTHCHECK (or HEALTHCHECK NONE) in every image the Dockerfile builds",
      equivalents: { hadolint: ["DL3057"], trivy: ["DS026"], checkov: ["CKV_DOCKER_2"] },
    },
    messages: {
      missing: "This stage's image has no HEALTHCHECK, so Docker cannot tell a hung container from a healthy one. Add HEALTHCHECK CMD [\"…\"], or HEALTHCHECK NONE to say there is none on purpose.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      Dockerfile() {
        const model = context.sourceCode.model;
        for (const section of stagesLacking(model, (s) => s.instructions.some((n) => n.keyword === "HEALTHCHECK"))) {
          context.report({ loc: section.from!.loc, messageId: "missing" });
        }
      },
    };
  },
});
