import { createRule } from "../create-rule.js";
import { fromLines } from "../model/from-parts.js";

/** Stage names are matched case-insensitively and stored lower-cased; an upper-case name misleads. */
export default createRule<[], "upperCase">({
  name: "stage-name-casing",
  meta: {
    type: "suggestion",
    docs: {
      description: "Require lower-case stage names (`FROM … AS build`)",
      strict: true,
      equivalents: { buildkit: ["StageNameCasing"] },
    },
    fixable: "code",
    messages: {
      upperCase: "Stage name '{{name}}' should be lower-case: Docker lower-cases stage names anyway. Write '{{lower}}'.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      Dockerfile(root) {
        for (const { parts } of fromLines(root.instructions)) {
          const alias = parts.alias;
          if (!alias || alias.value === alias.value.toLowerCase()) continue;
          const lower = alias.value.toLowerCase();
          // Safe: every reference to a stage (FROM, COPY --from, --mount from=) ignores case.
          context.report({ loc: alias.loc, messageId: "upperCase", data: { name: alias.value, lower }, fix: (fixer) => fixer.replaceTextRange(alias.range, lower) });
        }
      },
    };
  },
});
