import { createRule } from "../create-rule.js";
import type { InstructionNode } from "../language/ast.js";

/** The keyword an instruction applies: its own, or an ONBUILD trigger's. */
function effectiveKeyword(node: InstructionNode): string {
  return node.keyword === "ONBUILD" ? node.onbuildKeyword ?? "" : node.keyword;
}

/**
 * `ENV key value` sets one variable to the whole rest of the line, so `ENV A 1 B 2` sets A to
 * `1 B 2`; the `key=value` form says what it means and takes several pairs.
 */
export default createRule<[], "legacy">({
  name: "no-legacy-key-value",
  meta: {
    type: "suggestion",
    docs: {
      description: "Require `ENV key=value` and `LABEL key=value` instead of the legacy `key value` form",
      strict: true,
      equivalents: { buildkit: ["LegacyKeyValueFormat"] },
    },
    fixable: "code",
    messages: {
      legacy: "'{{keyword}} {{key}} …' uses the legacy space-separated form, where the value is the whole rest of the line. Write '{{keyword}} {{key}}=\"…\"'.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      Instruction(node) {
        const keyword = effectiveKeyword(node);
        if (keyword !== "ENV" && keyword !== "LABEL") return;
        const words = node.keyword === "ONBUILD" ? node.argv.slice(1) : node.argv;
        const first = words[0];
        if (!first || first.value.includes("=") || words.length < 2) return;
        const key = first.value;
        const valueStart = words[1]!.range[0];
        const valueEnd = node.range[1];
        const value = context.sourceCode.text.slice(valueStart, valueEnd);
        // Only a one-line value without quotes or escapes keeps its meaning inside "…".
        const safe = !/[\n"'\\`]/.test(value);
        context.report({
          loc: first.loc,
          messageId: "legacy",
          data: { keyword, key },
          ...(safe ? { fix: (fixer) => fixer.replaceTextRange([first.range[0], valueEnd], `${key}="${value.trimEnd()}"`) } : {}),
        });
      },
    };
  },
});
