import { createRule } from "../create-rule.js";

/** Reports the syntax problems the parser found (unknown instructions, unterminated heredocs, …). */
export default createRule<[], "syntax">({
  name: "valid-syntax",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow what Docker's Dockerfile parser rejects: unknown instructions, unterminated heredocs, broken JSON arrays, flags an instruction does not take, instructions before FROM, empty files",
      recommended: true,
    },
    messages: {
      syntax: "{{message}}",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      Dockerfile(root) {
        for (const problem of root.problems) context.report({ loc: problem.loc, messageId: "syntax", data: { message: problem.message } });
      },
    };
  },
});
