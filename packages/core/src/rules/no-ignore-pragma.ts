import { createRule } from "../create-rule.js";

type MessageIds = "pragma";

/** `# hadolint ignore=…`, `# hadolint global ignore=…`, `# hadolint stage ignore=…`. */
const IGNORE_PRAGMA = /^hadolint\s+(?:(?:global|stage)\s+)?ignore\s*=/;

/**
 * Reports inline hadolint ignore pragmas, for teams that want every exception in the config file
 * rather than scattered through Dockerfiles. Only in the `all` preset (off in hadolint too).
 */
export default createRule<[], MessageIds>({
  name: "no-ignore-pragma",
  meta: {
    type: "suggestion",
    docs: {
      description: "Disallow inline `# hadolint ignore=` pragmas",
      equivalents: { hadolint: ["DL1001"] },
    },
    messages: {
      pragma: "Inline ignore pragma: this project keeps its exceptions in the lint config. Fix the finding, or turn the rule off in the config.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      Dockerfile(ast) {
        for (const comment of ast.comments) if (IGNORE_PRAGMA.test(comment.value)) context.report({ loc: comment.loc, messageId: "pragma" });
        // On the first lines the lexer may have read the pragma as a parser directive: judge its text.
        const text = context.sourceCode.text;
        for (const d of ast.directives) {
          if (IGNORE_PRAGMA.test(text.slice(d.range[0], d.range[1]).replace(/^#\s*/, ""))) context.report({ loc: d.loc, messageId: "pragma" });
        }
      },
    };
  },
});
