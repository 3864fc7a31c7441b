import { createRule } from "../create-rule.js";
import { fromLines } from "../model/from-parts.js";

/** Two stages with one name: a reference by that name can reach only one of them. */
export default createRule<[], "duplicate">({
  name: "no-duplicate-stage-name",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow two stages with the same name",
      recommended: true,
      equivalents: { hadolint: ["DL3024"], buildkit: ["DuplicateStageName"], trivy: ["DS012"], checkov: ["CKV_DOCKER_11"] },
    },
    messages: {
      duplicate: "Duplicate stage name '{{name}}' (first used on line {{line}}): stage names must be unique. Rename one of the stages.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      Dockerfile(root) {
        const seen = new Map<string, number>();
        for (const { node, parts } of fromLines(root.instructions)) {
          if (!parts.alias) continue;
          const name = parts.alias.value.toLowerCase();
          const first = seen.get(name);
          if (first === undefined) seen.set(name, node.loc.start.line);
          else context.report({ loc: parts.alias.loc, messageId: "duplicate", data: { name, line: String(first) } });
        }
      },
    };
  },
});
