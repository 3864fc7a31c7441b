import { createRule } from "../create-rule.js";
import { effectiveInstructions } from "../model/onbuild.js";
import { copyWords } from "../model/instruction-words.js";

type MessageIds = "needsSlash";

/**
 * Reports COPY/ADD of several sources to a destination without a trailing `/`. The classic builder
 * rejects it; BuildKit creates the directory, so the line reads as a file copy but is not one.
 */
export default createRule<[], MessageIds>({
  name: "copy-multiple-sources-to-dir",
  meta: {
    type: "problem",
    docs: {
      description: "Require a destination ending in `/` when COPY or ADD has several sources",
      strict: true,
      equivalents: { hadolint: ["DL3021"], trivy: ["DS011"] },
    },
    fixable: "code",
    messages: {
      needsSlash: "{{keyword}} has {{count}} sources, so its destination is a directory: write '{{dest}}/' (the classic builder fails without the '/').",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      Dockerfile(ast) {
        for (const { instruction, node, onbuild } of effectiveInstructions(ast)) {
          if (instruction.keyword !== "COPY" && instruction.keyword !== "ADD") continue;
          const words = copyWords(instruction);
          // `.` and `..` name directories too: BuildKit accepts them.
          if (!words || words.sources.length < 2 || /(^|\/)\.{0,2}$/.test(words.dest) || words.dest.includes("$")) continue;
          const last = onbuild || instruction.json ? undefined : instruction.argv.at(-1);
          const quoted = last && /^["']/.test(last.value);
          context.report({
            loc: last?.loc ?? node.loc,
            messageId: "needsSlash",
            data: { keyword: instruction.keyword, count: String(words.sources.length), dest: words.dest },
            ...(last
              ? { fix: (fixer) => (quoted ? fixer.replaceTextRange([last.range[1] - 1, last.range[1] - 1], "/") : fixer.replaceTextRange([last.range[1], last.range[1]], "/")) }
              : {}),
          });
        }
      },
    };
  },
});
