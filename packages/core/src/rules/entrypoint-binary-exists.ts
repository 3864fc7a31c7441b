import { createRule } from "../create-rule.js";
import { imageName } from "../model/images.js";
import { resolvePath } from "../model/model.js";
import { searchPath, stageMayHold } from "../model/stage-files.js";

type MessageIds = "missing" | "missingOnPath";

/**
 * Reports an exec-form ENTRYPOINT (or CMD without one) in the final stage whose program nothing
 * put there, on bases whose contents are known (scratch, distroless static): the container
 * fails at start with `exec: "/app": no such file or directory`.
 */
export default createRule<[], MessageIds>({
  name: "entrypoint-binary-exists",
  meta: {
    type: "problem",
    docs: {
      description: "Require the final stage's ENTRYPOINT/CMD program to be in the image (scratch, distroless static)",
      recommended: true,
    },
    messages: {
      missing:
        "{{keyword}} runs '{{program}}', but nothing in the final stage puts it there and '{{image}}' does not ship it: the container fails to start. COPY the binary to {{program}} (e.g. COPY --from=<build stage> <output> {{program}}) or fix the path.",
      missingOnPath:
        "{{keyword}} runs '{{program}}', which is looked up in PATH ({{path}}), but no COPY puts it in any of those folders and '{{image}}' does not ship it: the container fails to start. Use the absolute path the binary is copied to.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      Dockerfile() {
        const stage = context.sourceCode.model.finalStage;
        if (!stage || !stage.image.files) return;
        // With an ENTRYPOINT, CMD only passes arguments.
        const spec = stage.entrypoint ?? stage.cmd;
        // Shell form on these bases is json-exec-form's finding (no /bin/sh).
        if (!spec || spec.form !== "exec") return;
        const program = spec.argv[0];
        // WebAssembly modules are started by a wasm runtime shim, which resolves them itself.
        if (!program || program.includes("$") || program.endsWith(".wasm")) return;
        const image = stage.root ? imageName(stage.root) : "scratch";
        const loc = (spec.node.argsSpan ?? spec.node).loc;
        const keyword = spec.node.keyword;
        if (program.includes("/")) {
          const path = resolvePath(program, stage.workdir);
          if (stageMayHold(stage, path) === "no") context.report({ loc, messageId: "missing", data: { keyword, program: path, image } });
          return;
        }
        const dirs = searchPath(stage);
        if (dirs.every((d) => stageMayHold(stage, `${d}/${program}`) === "no")) {
          context.report({ loc, messageId: "missingOnPath", data: { keyword, program, path: dirs.join(":"), image } });
        }
      },
    };
  },
});
