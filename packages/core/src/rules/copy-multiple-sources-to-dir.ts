import { createRule } from "../create-rule.js";
import { effectiveInstructions } from "../model/onbuild.js";
import { copyWords } from "../model/instruction-words.js";

type MessageIds = "needsSlash";

/** Reports COPY/ADD of several sources to a destination without a trailing `/`: Docker rejects it. */
export default createRule<[], MessageIds>({
  name: "copy-multiple-sources-to-dir",
  meta: {
    type: "problem",
    docs: {
      description: "Require a destination ending in `/` when COPY or ADD has several sources",
      recommended: true,
      equivalents: { hadolint: ["DL3021"], trivy: ["DS011"] },
    },
    fixable: "code",
    messages: {
      needsSlash: "{{keyword}} has {{count}} sources, so its destination must be a directory ending in '/': the build fails otherwise. Write '{{dest}}/'.",
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
          if (!words || words.sources.length < 2 || words.dest.endsWith("/") || words.dest.includes("$")) continue;
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
