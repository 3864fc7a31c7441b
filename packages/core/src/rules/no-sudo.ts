import { createRule } from "../create-rule.js";
import { commandName, shellRuns } from "../model/shell-runs.js";

type MessageIds = "sudo";

/** Reports `sudo` in RUN: switch users with USER instead. */
export default createRule<[], MessageIds>({
  name: "no-sudo",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow `sudo` in RUN; use USER to switch users",
      strict: true,
      equivalents: { hadolint: ["DL3004"], trivy: ["DS010"], checkov: ["CKV2_DOCKER_1"] },
    },
    messages: {
      sudo: "Do not use sudo in a build: it needs a TTY and a sudoers entry, and hides which user runs what. Switch with 'USER root' before this RUN (and back to your app user after it).",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      Dockerfile() {
        for (const run of shellRuns(context.sourceCode.model)) {
          if (run.commands.some((c) => commandName(c) === "sudo")) context.report({ loc: run.node.loc, messageId: "sudo" });
        }
      },
    };
  },
});
