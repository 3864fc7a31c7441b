import { createRule } from "../create-rule.js";
import { commandName, shellRuns } from "../model/shell-runs.js";

type MessageIds = "lnShell";

/** Reports `ln … /bin/sh`: replacing the image's shell by a link breaks its packages; SHELL picks one for RUN. */
export default createRule<[], MessageIds>({
  name: "use-shell-instruction",
  meta: {
    type: "suggestion",
    docs: {
      description: "Use the SHELL instruction instead of linking another shell to /bin/sh",
      strict: true,
      equivalents: { hadolint: ["DL4005"] },
    },
    messages: {
      lnShell: "Linking over /bin/sh changes the shell for every script in the image, including its package scripts. To run RUN with another shell, use SHELL [\"/bin/bash\", \"-c\"].",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      Dockerfile() {
        for (const run of shellRuns(context.sourceCode.model)) {
          if (run.commands.some((c) => commandName(c) === "ln" && c.argv.includes("/bin/sh"))) context.report({ loc: run.node.loc, messageId: "lnShell" });
        }
      },
    };
  },
});
