import { createRule } from "../create-rule.js";
import type { InstructionNode } from "../language/ast.js";

/** Instructions of which only the last in a stage takes effect. */
const LAST_WINS = new Set(["CMD", "ENTRYPOINT", "HEALTHCHECK"]);

/**
 * A second CMD, ENTRYPOINT or HEALTHCHECK in one stage silently replaces the first. Per stage:
 * a stage built `FROM` another may override its parent's.
 */
export default createRule<[], "overridden">({
  name: "no-overridden-instruction",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow more than one `CMD`, `ENTRYPOINT` or `HEALTHCHECK` in a stage; only the last takes effect",
      strict: true,
      equivalents: {
        hadolint: ["DL4003", "DL4004", "DL3012"],
        buildkit: ["MultipleInstructionsDisallowed"],
        trivy: ["DS007", "DS016", "DS023"],
      },
    },
    messages: {
      overridden: "This {{keyword}} has no effect: the {{keyword}} on line {{line}} in the same stage replaces it. Keep only one.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      Dockerfile(root) {
        // Instructions before the first FROM (fragments) count as one stage.
        let last = new Map<string, InstructionNode>();
        for (const node of root.instructions) {
          if (node.keyword === "FROM") {
            last = new Map();
            continue;
          }
          if (!LAST_WINS.has(node.keyword)) continue;
          const earlier = last.get(node.keyword);
          if (earlier) context.report({ loc: earlier.keywordSpan.loc, messageId: "overridden", data: { keyword: node.keyword, line: String(node.loc.start.line) } });
          last.set(node.keyword, node);
        }
      },
    };
  },
});
