// PLACEHOLDER (to be implemented): reports nothing yet.
import { createRule, type DockerRuleDefinition } from "../rule.js";

export default createRule("go-version-matches-go-mod", {
  meta: { type: "problem", docs: { description: "TODO" }, messages: {}, schema: [{ type: "object" }] },
  create() {
    return {};
  },
} satisfies DockerRuleDefinition);
