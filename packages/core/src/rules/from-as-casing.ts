import { createRule } from "../create-rule.js";
import { fromLines } from "../model/from-parts.js";

/** `FROM x as y`: the `AS` keyword should be cased like `FROM` (as BuildKit's FromAsCasing checks). */
export default createRule<[], "mismatch">({
  name: "from-as-casing",
  meta: {
    type: "suggestion",
    docs: {
      description: "Require the `AS` keyword of `FROM … AS name` to be cased like `FROM`",
      strict: true,
      equivalents: { buildkit: ["FromAsCasing"] },
    },
    fixable: "code",
    messages: {
      mismatch: "'{{as}}' and '{{from}}' keywords' casing do not match. Write '{{expected}}'.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      Dockerfile(root) {
        for (const { node, parts } of fromLines(root.instructions)) {
          const as = parts.asKeyword;
          if (!as) continue;
          const from = node.keywordSpan.value;
          // A mixed-case `From` is consistent-instruction-casing's finding; nothing to match here.
          let expected: string;
          if (from === from.toUpperCase()) expected = "AS";
          else if (from === from.toLowerCase()) expected = "as";
          else continue;
          if (as.value === expected) continue;
          context.report({ loc: as.loc, messageId: "mismatch", data: { as: as.value, from, expected }, fix: (fixer) => fixer.replaceTextRange(as.range, expected) });
        }
      },
    };
  },
});
