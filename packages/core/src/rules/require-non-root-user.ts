// PLACEHOLDER (to be implemented): reports nothing yet.
import { createRule, type DockerRuleDefinition } from "../rule.js";

export default createRule("require-non-root-user", {
  meta: { type: "problem", docs: { description: "TODO" }, messages: {}, schema: [{ type: "object" }] },
  create() {
    return {};
  },
} satisfies DockerRuleDefinition);
