import { createRule } from "../create-rule.js";
import { imageName } from "../model/images.js";
import { copiedBefore } from "../model/stage-files.js";

type MessageIds = "unknownUser";

/**
 * Reports `USER <name>` on a base whose /etc/passwd is known and lacks the name (scratch has no
 * passwd at all; distroless static has root, nonroot and nobody): the container fails to start
 * with `unable to find user <name>`. Numeric ids need no passwd entry.
 */
export default createRule<[], MessageIds>({
  name: "user-in-passwd",
  meta: {
    type: "problem",
    docs: {
      description: "Require a named USER to exist in the base's /etc/passwd (scratch, distroless, Chainguard)",
      recommended: true,
    },
    messages: {
      unknownUser:
        "USER '{{user}}' is not in {{where}}, so the container fails to start ('unable to find user {{user}}'). Use a numeric id (USER {{suggestion}}){{orCopy}}.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      Dockerfile() {
        for (const stage of context.sourceCode.model.stages) {
          const users = stage.image.users;
          if (!users) continue;
          for (const node of stage.instructions) {
            if (node.keyword !== "USER") continue;
            const value = node.args.trim();
            const name = value.split(":")[0]!;
            if (name === "" || name.includes("$") || /^\d+$/.test(name) || users.includes(name)) continue;
            // An /etc/passwd copied in (COPY --from=build /etc/passwd /etc/passwd) may hold it.
            if (copiedBefore(stage, "/etc/passwd", node) !== "no") continue;
            const image = stage.root ? imageName(stage.root) : "scratch";
            const where = users.length === 0 ? `'${image}', which has no /etc/passwd` : `the /etc/passwd of '${image}' (${users.join(", ")})`;
            context.report({
              loc: (node.argsSpan ?? node).loc,
              messageId: "unknownUser",
              data: {
                user: name,
                where,
                suggestion: users.includes("nonroot") ? "65532:65532 (nonroot)" : "10001:10001",
                orCopy: users.length === 0 ? ", or COPY an /etc/passwd that defines it from a build stage" : "",
              },
            });
          }
        }
      },
    };
  },
});
