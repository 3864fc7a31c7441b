import { createRule } from "../create-rule.js";

type MessageIds = "forbidden";

/** Triggers Docker refuses in ONBUILD. */
const FORBIDDEN = new Set(["ONBUILD", "FROM", "MAINTAINER"]);

/** Reports `ONBUILD ONBUILD`, `ONBUILD FROM` and `ONBUILD MAINTAINER`, which Docker rejects. */
export default createRule<[], MessageIds>({
  name: "valid-onbuild",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow ONBUILD triggers Docker rejects (ONBUILD, FROM, MAINTAINER)",
      recommended: true,
      equivalents: { hadolint: ["DL3043"] },
    },
    messages: {
      forbidden: "ONBUILD cannot trigger {{keyword}}: the build fails. Remove this line, or move the instruction out of ONBUILD.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      Instruction(node) {
        if (node.keyword === "ONBUILD" && node.onbuildKeyword && FORBIDDEN.has(node.onbuildKeyword)) {
          context.report({ loc: node.loc, messageId: "forbidden", data: { keyword: node.onbuildKeyword } });
        }
      },
    };
  },
});
