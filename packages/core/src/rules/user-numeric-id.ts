import { createRule } from "../create-rule.js";
import { effectiveInstructions } from "../model/onbuild.js";
import { parseAssignments } from "../model/model.js";

type MessageIds = "named";

/**
 * Reports `USER name`: a runtime can only check "not root" on a numeric uid (Kubernetes'
 * runAsNonRoot refuses to start a named user), and the name must exist in the image's /etc/passwd.
 */
export default createRule<[], MessageIds>({
  name: "user-numeric-id",
  meta: {
    type: "suggestion",
    docs: {
      description: "Require USER to give a numeric uid (`USER 10001:10001`)",
      strict: true,
      equivalents: { hadolint: ["DL3066"] },
    },
    messages: {
      named: "USER '{{user}}' is a name: Kubernetes' runAsNonRoot cannot verify it and the host cannot map it. Use the numeric uid (and gid), e.g. USER 10001:10001.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      Dockerfile(ast) {
        const args = new Set<string>();
        for (const { instruction, node } of effectiveInstructions(ast)) {
          if (instruction.keyword === "ARG") {
            for (const [name] of parseAssignments(instruction.args, false)) args.add(name);
            continue;
          }
          if (instruction.keyword !== "USER") continue;
          const value = instruction.args.trim();
          const uid = value.split(":")[0]!;
          if (/^\d+$/.test(uid)) continue;
          // The uid comes from a build argument: the build decides.
          if ([...args].some((a) => uid.includes(`$${a}`) || uid.includes(`\${${a}`))) continue;
          context.report({ loc: instruction.argsSpan && node === instruction ? instruction.argsSpan.loc : node.loc, messageId: "named", data: { user: value } });
        }
      },
    };
  },
});
