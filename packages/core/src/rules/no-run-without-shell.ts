import { createRule } from "../create-rule.js";
import { imageName } from "../model/images.js";
import { copiedBefore, stageChain } from "../model/stage-files.js";

type MessageIds = "noShell";

/**
 * Reports shell-form RUN in a stage whose base has no /bin/sh (scratch, distroless without
 * `debug`, Chainguard static): the build fails with `/bin/sh: no such file or directory`.
 * Shell-form CMD/ENTRYPOINT/HEALTHCHECK on such bases are json-exec-form's (it can fix them).
 */
export default createRule<[], MessageIds>({
  name: "no-run-without-shell",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow shell-form RUN on bases without a shell (scratch, distroless, Chainguard static)",
      recommended: true,
    },
    messages: {
      noShell:
        "RUN in shell form runs '/bin/sh -c', but '{{image}}' has no shell, so the build fails here. Do this work in a build stage and COPY the result, or use exec form (RUN [\"/path/to/program\", \"arg\"]) with a program the stage holds.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      Dockerfile() {
        for (const stage of context.sourceCode.model.stages) {
          if (stage.image.shell || stage.image.kind === "unknown") continue;
          const image = stage.root ? imageName(stage.root) : "scratch";
          // A SHELL instruction names the shell the author provides (e.g. /busybox/sh copied in).
          if (stageChain(stage).some((s) => s !== stage && s.instructions.some((i) => i.keyword === "SHELL"))) continue;
          for (const run of stage.runs) {
            if (run.exec) continue;
            const node = run.node;
            if (stage.instructions.some((i) => i.keyword === "SHELL" && i.range[0] < node.range[0])) continue;
            // A shell copied in first (COPY --from=busybox /bin/sh /bin/sh) runs the RUN.
            if (copiedBefore(stage, "/bin/sh", node) !== "no") continue;
            context.report({ loc: node.loc, messageId: "noShell", data: { image } });
          }
        }
      },
    };
  },
});
