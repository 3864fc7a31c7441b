import { createRule } from "../create-rule.js";
import { fromLines } from "../model/from-parts.js";
import { closestName, PLATFORM_ARGS, variableRefs } from "../model/variables.js";

/** FROM sees only ARGs declared before the first FROM (and the platform args every build has). */
export default createRule<[], "undeclared">({
  name: "no-undefined-arg-in-from",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow variables in `FROM` that no ARG before the first FROM declares",
      recommended: true,
      equivalents: { buildkit: ["UndefinedArgInFrom"] },
    },
    messages: {
      undeclared: "FROM uses '${{name}}', which no ARG before the first FROM declares, so it expands to an empty string.{{hint}}",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const sourceCode = context.sourceCode;
    return {
      Dockerfile(root) {
        const declared = sourceCode.model.globalArgs;
        for (const { parts } of fromLines(root.instructions)) {
          for (const span of [parts.platform, parts.image]) {
            if (!span) continue;
            for (const ref of variableRefs(span.value)) {
              if (declared.has(ref.name) || PLATFORM_ARGS.has(ref.name)) continue;
              const suggestion = closestName(ref.name, [...declared.keys(), ...PLATFORM_ARGS]);
              const hint = suggestion ? ` Did you mean '${suggestion}'?` : ` Declare it with 'ARG ${ref.name}=<default>' before the first FROM.`;
              const start = span.range[0] + ref.index;
              const end = start + 1 + ref.name.length + (span.value[ref.index + 1] === "{" ? 1 : 0);
              context.report({ loc: { start: sourceCode.getLocFromIndex(start), end: sourceCode.getLocFromIndex(end) }, messageId: "undeclared", data: { name: ref.name, hint } });
            }
          }
        }
      },
    };
  },
});
