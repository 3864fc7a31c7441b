import { createRule } from "../create-rule.js";
import { effectiveInstructions } from "../model/onbuild.js";
import { copyWords, isArchiveName, isUrl } from "../model/instruction-words.js";

type MessageIds = "useCopy";

/** ADD flags COPY does not have: with them, ADD is deliberate. */
const ADD_ONLY_FLAGS = new Set(["checksum", "keep-git-dir", "unpack"]);

/** Reports ADD of plain local files: ADD also fetches URLs and unpacks archives, COPY only copies. */
export default createRule<[], MessageIds>({
  name: "prefer-copy",
  meta: {
    type: "suggestion",
    docs: {
      description: "Require COPY instead of ADD for local files and folders",
      strict: true,
      equivalents: { hadolint: ["DL3020"], trivy: ["DS005"] },
    },
    fixable: "code",
    messages: {
      useCopy: "ADD of local files: use COPY, which only copies. ADD also unpacks archives and downloads URLs, so it can do more than the line says.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      Dockerfile(ast) {
        for (const { instruction, node, onbuild } of effectiveInstructions(ast)) {
          if (onbuild || instruction.keyword !== "ADD" || instruction.heredocs.length > 0) continue;
          const words = copyWords(instruction);
          if (!words || words.sources.length === 0) continue;
          if (words.sources.every((s) => isArchiveName(s) || isUrl(s) || s.startsWith("git@"))) continue;
          const fixable = !instruction.flags.some((f) => ADD_ONLY_FLAGS.has(f.name)) && words.sources.every((s) => !isArchiveName(s) && !isUrl(s));
          context.report({
            loc: node.loc,
            messageId: "useCopy",
            ...(fixable ? { fix: (fixer) => fixer.replaceTextRange(node.keywordSpan.range, "COPY") } : {}),
          });
        }
      },
    };
  },
});
