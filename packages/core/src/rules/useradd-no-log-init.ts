import { createRule } from "../create-rule.js";
import { commandName, hasFlag, shellRuns } from "../model/shell-runs.js";

type MessageIds = "noLogInit";

/** The value of `-u N`, `-uN`, `--uid N` or `--uid=N`, or null. */
function uidOf(argv: string[]): string | null {
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "-u" || a === "--uid") return argv[i + 1] ?? null;
    if (a.startsWith("--uid=")) return a.slice(6);
    if (/^-u\d/.test(a)) return a.slice(2);
  }
  return null;
}

/**
 * Reports `useradd -u <large uid>` without `-l`: useradd then writes a sparse lastlog/faillog
 * entry at offset uid × record size, which the layer stores at full size (gigabytes).
 */
export default createRule<[], MessageIds>({
  name: "useradd-no-log-init",
  meta: {
    type: "problem",
    docs: {
      description: "Require `useradd -l` (`--no-log-init`) when it sets a large UID",
      strict: true,
      equivalents: { hadolint: ["DL3046"] },
    },
    messages: {
      noLogInit: "'useradd -u {{uid}}' without -l writes a lastlog entry at an offset of uid × 292 bytes, which the image layer stores in full. Add -l (--no-log-init).",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      Dockerfile() {
        for (const run of shellRuns(context.sourceCode.model)) {
          for (const command of run.commands) {
            if (commandName(command) !== "useradd" || hasFlag(command, ["l", "no-log-init"])) continue;
            const uid = uidOf(command.argv);
            // hadolint's threshold: more than 5 digits.
            if (uid === null || uid.length <= 5) continue;
            context.report({ loc: run.node.loc, messageId: "noLogInit", data: { uid } });
          }
        }
      },
    };
  },
});
