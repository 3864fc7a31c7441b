import { createRule } from "../create-rule.js";
import { copyWords } from "../model/instruction-words.js";
import { lineage, sections } from "../model/sections.js";

type MessageIds = "noWorkdir";

/** `/x`, `C:\x`, `c:/x`: absolute on Linux or Windows. */
const ABSOLUTE = /^(\/|[A-Za-z]:)/;

/**
 * Reports COPY/ADD to a relative destination in a stage with no WORKDIR (its own or inherited
 * through `FROM <stage>`): the destination then depends on whatever WORKDIR the base image set.
 */
export default createRule<[], MessageIds>({
  name: "relative-copy-needs-workdir",
  meta: {
    type: "suggestion",
    docs: {
      description: "Require WORKDIR before COPY or ADD to a relative destination",
      strict: true,
      equivalents: { hadolint: ["DL3045"] },
    },
    messages: {
      noWorkdir: "'{{dest}}' is relative and this stage sets no WORKDIR, so where it lands depends on the base image. Set WORKDIR first, or copy to an absolute path.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      Dockerfile() {
        const model = context.sourceCode.model;
        for (const section of sections(model)) {
          // WORKDIR set by an ancestor stage counts from the start.
          let workdir = lineage(section).slice(1).some((s) => s.instructions.some((n) => n.keyword === "WORKDIR"));
          for (const node of section.instructions) {
            if (node.keyword === "WORKDIR") workdir = true;
            if (workdir || (node.keyword !== "COPY" && node.keyword !== "ADD")) continue;
            const words = copyWords(node);
            if (!words || ABSOLUTE.test(words.dest) || words.dest.startsWith("$")) continue;
            context.report({ loc: node.argv.at(-1)?.loc ?? node.loc, messageId: "noWorkdir", data: { dest: words.dest } });
          }
        }
      },
    };
  },
});
