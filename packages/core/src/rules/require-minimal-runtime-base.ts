// PLACEHOLDER (to be implemented): reports nothing yet.
import { createRule, type DockerRuleDefinition } from "../rule.js";

export default createRule("require-minimal-runtime-base", {
  meta: { type: "problem", docs: { description: "TODO" }, messages: {}, schema: [{ type: "object" }] },
  create() {
    return {};
  },
} satisfies DockerRuleDefinition);
