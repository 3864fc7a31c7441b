import { createRule } from "../create-rule.js";
import { fromLines } from "../model/from-parts.js";

/** `scratch` is the empty image and `context` the build context in `COPY --from`/`--mount from=`. */
const RESERVED = new Set(["scratch", "context"]);

export default createRule<[], "reserved">({
  name: "no-reserved-stage-name",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow the reserved stage names `scratch` and `context`",
      recommended: true,
      equivalents: { hadolint: ["DL3063"], buildkit: ["ReservedStageName"] },
    },
    messages: {
      reserved: "Stage name '{{name}}' is reserved ({{meaning}}): a reference to it would not reach this stage. Choose another name.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      Dockerfile(root) {
        for (const { parts } of fromLines(root.instructions)) {
          const name = parts.alias?.value.toLowerCase();
          if (!name || !RESERVED.has(name)) continue;
          const meaning = name === "scratch" ? "'scratch' is the empty base image" : "'context' names the build context";
          context.report({ loc: parts.alias!.loc, messageId: "reserved", data: { name, meaning } });
        }
      },
    };
  },
});
