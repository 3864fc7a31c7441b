import { createRule } from "../create-rule.js";
import type { InstructionNode } from "../language/ast.js";

type Casing = "uppercase" | "lowercase";

function casingOf(word: string): Casing | null {
  if (word === word.toUpperCase()) return "uppercase";
  if (word === word.toLowerCase()) return "lowercase";
  return null;
}

/**
 * The casing most keywords use: only all-upper or all-lower keywords vote (as in BuildKit),
 * and a tie goes to upper case.
 */
export function majorityCasing(instructions: readonly InstructionNode[]): Casing {
  let upper = 0;
  let lower = 0;
  for (const node of instructions) {
    const casing = casingOf(node.keywordSpan.value);
    if (casing === "uppercase") upper++;
    else if (casing === "lowercase") lower++;
  }
  return lower > upper ? "lowercase" : "uppercase";
}

export default createRule<[], "inconsistent">({
  name: "consistent-instruction-casing",
  meta: {
    type: "suggestion",
    docs: {
      description: "Require instruction keywords to be all upper-case or all lower-case, like the file's majority",
      strict: true,
      equivalents: { buildkit: ["ConsistentInstructionCasing"] },
    },
    fixable: "code",
    messages: {
      inconsistent: "Instruction '{{keyword}}' should match the casing of the other instructions ({{casing}}): write '{{expected}}'.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      Dockerfile(root) {
        const casing = majorityCasing(root.instructions);
        for (const node of root.instructions) {
          const span = node.keywordSpan;
          if (casingOf(span.value) === casing) continue;
          const expected = casing === "uppercase" ? span.value.toUpperCase() : span.value.toLowerCase();
          // A keyword split by an escaped line break is left alone: rewriting it would join lines.
          const plain = /^[A-Za-z]+$/.test(span.value);
          context.report({
            loc: span.loc,
            messageId: "inconsistent",
            data: { keyword: span.value, casing, expected },
            ...(plain ? { fix: (fixer) => fixer.replaceTextRange(span.range, expected) } : {}),
          });
        }
      },
    };
  },
});
