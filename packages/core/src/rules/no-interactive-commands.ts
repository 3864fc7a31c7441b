import { createRule } from "../create-rule.js";
import { commandName, shellRuns } from "../model/shell-runs.js";

type Options = [{ commands: string[] }];
type MessageIds = "interactive";

/** hadolint's list: commands that need a running system or a terminal, not a build. */
const DEFAULT_COMMANDS = ["free", "kill", "mount", "ps", "service", "shutdown", "ssh", "top", "vim"];

/** Reports RUN (and ONBUILD RUN) commands that make no sense while building an image. */
export default createRule<Options, MessageIds>({
  name: "no-interactive-commands",
  meta: {
    type: "suggestion",
    docs: {
      description: "Disallow commands in RUN that need a running system or a terminal (ssh, vim, service, top, kill …)",
      strict: true,
      equivalents: { hadolint: ["DL3001"] },
    },
    messages: {
      interactive: "'{{command}}' needs a running system or a terminal and does nothing useful in a build step. Remove it, or move it to the container's entrypoint.",
    },
    schema: [{ type: "object", properties: { commands: { type: "array", items: { type: "string" } } }, additionalProperties: false }],
  },
  defaultOptions: [{ commands: DEFAULT_COMMANDS }],
  create(context, [{ commands }]) {
    const banned = new Set(commands);
    return {
      Dockerfile() {
        for (const run of shellRuns(context.sourceCode.model)) {
          for (const command of run.commands) {
            const name = commandName(command);
            if (banned.has(name)) context.report({ loc: run.node.loc, messageId: "interactive", data: { command: name } });
          }
        }
      },
    };
  },
});
