import { createRule } from "../create-rule.js";
import type { InstructionNode } from "../language/ast.js";

type Options = [{ everyWorkdir: boolean }];

/** `/app`, `C:\app`, `C:/app`, `\app`: absolute on Linux or Windows. */
function isAbsolute(path: string): boolean {
  return path.startsWith("/") || path.startsWith("\\") || /^[A-Za-z]:[\\/]?/.test(path);
}

/** The WORKDIR path as written, quotes removed. */
function workdirPath(node: InstructionNode): string {
  return node.args.trim().replace(/^(["'])(.*)\1$/s, "$2").replace(/^["']/, "");
}

/**
 * A relative first WORKDIR resolves against whatever WORKDIR the base image set, so it moves when
 * the base changes. After an absolute WORKDIR in the same stage chain a relative one is well
 * defined (that is BuildKit's view); `everyWorkdir` reports those too (hadolint's).
 */
export default createRule<Options, "relative">({
  name: "absolute-workdir",
  meta: {
    type: "suggestion",
    docs: {
      description: "Require the first `WORKDIR` of a stage chain to be an absolute path",
      strict: true,
      equivalents: { hadolint: ["DL3000"], buildkit: ["WorkdirRelativePath"], trivy: ["DS009"], checkov: ["CKV_DOCKER_10"] },
    },
    messages: {
      relative: "Relative WORKDIR '{{path}}' {{why}}. Use an absolute path, e.g. '/{{suggested}}'.",
    },
    schema: [{ type: "object", properties: { everyWorkdir: { type: "boolean" } }, additionalProperties: false }],
  },
  defaultOptions: [{ everyWorkdir: false }],
  create(context, [{ everyWorkdir }]) {
    return {
      Dockerfile(root) {
        const model = context.sourceCode.model;
        // Stage index → whether an absolute WORKDIR is in effect at its end.
        const absoluteAtEnd: boolean[] = [];
        let stage = -1;
        let absolute = false;
        for (const node of root.instructions) {
          if (node.keyword === "FROM") {
            if (stage >= 0) absoluteAtEnd[stage] = absolute;
            stage++;
            const parent = model.stages[stage]?.parent;
            absolute = parent ? absoluteAtEnd[parent.index] ?? false : false;
            continue;
          }
          if (node.keyword !== "WORKDIR") continue;
          const path = workdirPath(node);
          // A variable may hold an absolute path: the file alone can't tell.
          if (path === "" || path.startsWith("$") || isAbsolute(path)) {
            if (path !== "") absolute = true;
            continue;
          }
          if (!absolute || everyWorkdir) {
            const why = absolute ? "depends on the WORKDIR before it" : "resolves against the base image's WORKDIR, which can change with the image";
            context.report({ loc: node.argsSpan?.loc ?? node.loc, messageId: "relative", data: { path, why, suggested: path.replace(/^\.\//, "") } });
          }
        }
      },
    };
  },
});
