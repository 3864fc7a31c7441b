import { createRule } from "../create-rule.js";
import { shellRuns } from "../model/shell-runs.js";

type MessageIds = "cd";

/** Reports `cd` in RUN: WORKDIR states the directory once and for every later instruction. */
export default createRule<[], MessageIds>({
  name: "prefer-workdir",
  meta: {
    type: "suggestion",
    docs: {
      description: "Prefer WORKDIR over `cd` in RUN",
      strict: true,
      equivalents: { hadolint: ["DL3003"], trivy: ["DS013"] },
    },
    messages: {
      cd: "'cd {{dir}}' changes the directory for this RUN only. Set it with 'WORKDIR {{dir}}' before the RUN, which later instructions see too.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      Dockerfile() {
        for (const run of shellRuns(context.sourceCode.model)) {
          if (run.onbuild) continue;
          const cd = run.commands.find((c) => c.argv[0] === "cd");
          if (cd) context.report({ loc: run.node.loc, messageId: "cd", data: { dir: cd.argv[1] ?? "<dir>" } });
        }
      },
    };
  },
});
