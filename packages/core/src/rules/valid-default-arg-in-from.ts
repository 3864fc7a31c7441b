import { createRule } from "../create-rule.js";
import { fromLines } from "../model/from-parts.js";
import { expand } from "../model/model.js";
import { PLATFORM_ARGS, variableRefs } from "../model/variables.js";

/** A Docker image reference: `[host[:port]/]name[:tag][@digest]`, name in lower case. */
const COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
const REFERENCE = new RegExp(
  `^(?:[a-zA-Z0-9.-]+(?::[0-9]+)?/)?${COMPONENT}(?:/${COMPONENT})*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-fA-F0-9]{32,})?$`,
);

/**
 * A FROM whose ARG defaults give no valid image (`ARG TAG` + `FROM alpine:${TAG}`) only builds when
 * every build passes `--build-arg`; a plain `docker build` fails.
 */
export default createRule<[], "invalid">({
  name: "valid-default-arg-in-from",
  meta: {
    type: "problem",
    docs: {
      description: "Require the ARG defaults to make a valid image reference in `FROM`",
      // Strict, not recommended: an ARG without default in FROM is a common deliberate "always pass
      // --build-arg" design (13 % of the corpus), which require-image-tag accepts too.
      strict: true,
      equivalents: { buildkit: ["InvalidDefaultArgInFrom"] },
    },
    messages: {
      invalid:
        "With the ARG defaults, this FROM names {{result}}, so a build without --build-arg fails. Give {{args}} a default (ARG {{first}}=<value>) or use '${{{first}}:-<value>}'.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      Dockerfile(root) {
        const model = context.sourceCode.model;
        const globals = model.globalArgs;
        for (const { parts } of fromLines(root.instructions)) {
          const image = parts.image;
          if (!image) continue;
          const refs = variableRefs(image.value);
          // Undeclared names are no-undefined-arg-in-from's finding; platform args are always set.
          if (refs.length === 0 || refs.some((r) => !globals.has(r.name) || PLATFORM_ARGS.has(r.name))) continue;
          const unset: string[] = [];
          // An ARG without default is unset: `${X}` becomes "" and `${X:-d}` becomes d.
          const resolved = expand(image.value, globals, unset).replace(/\$\{?[A-Za-z_][A-Za-z0-9_]*\}?/g, "");
          if (REFERENCE.test(resolved)) continue;
          if (model.stageByRef(resolved)) continue;
          const names = [...new Set(refs.map((r) => r.name))];
          const result = resolved === "" ? "no image at all" : `'${resolved}', which is not a valid image reference`;
          context.report({ loc: image.loc, messageId: "invalid", data: { result, args: names.map((n) => `'${n}'`).join(", "), first: names[0]! } });
        }
      },
    };
  },
});
