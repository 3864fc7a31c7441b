import { createRule } from "../create-rule.js";
import { commandName, hasFlag, shellRuns } from "../model/shell-runs.js";

type MessageIds = "progress";

/** Reports `wget` without `--progress`, `-q`, `-nv` or a log file: its progress bar floods the build log. */
export default createRule<[], MessageIds>({
  name: "quiet-wget",
  meta: {
    type: "suggestion",
    docs: {
      description: "Require `wget` in RUN to use `--progress=dot:giga`, `-q` or `-nv`",
      strict: true,
      equivalents: { hadolint: ["DL3047"] },
    },
    messages: {
      progress: "wget prints a progress bar line for every few kilobytes, which floods the build log. Use 'wget --progress=dot:giga', or -q / -nv.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      Dockerfile() {
        for (const run of shellRuns(context.sourceCode.model)) {
          for (const command of run.commands) {
            if (commandName(command) !== "wget") continue;
            if (command.argv.includes("-nv") || hasFlag(command, ["progress", "q", "quiet", "no-verbose", "o", "output-file", "a", "append-output"])) continue;
            context.report({ loc: run.node.loc, messageId: "progress" });
          }
        }
      },
    };
  },
});
