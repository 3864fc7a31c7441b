import { createRule } from "../create-rule.js";
import { isIgnored, type DockerignoreFacts } from "../model/dockerignore.js";
import { copyWords, isUrl } from "../model/instruction-words.js";

type MessageIds = "ignored";

/**
 * Reports COPY/ADD sources from the build context that its `.dockerignore` excludes: the file is
 * not sent to the builder, so the build fails (or, for a folder, copies less than it seems).
 * As BuildKit, stands back when the ignore file has `!` exceptions, and reports the context root
 * (`COPY . …`) only when `*`, `**` or `**\/*` ignores everything.
 */
export default createRule<[], MessageIds>({
  name: "no-copy-ignored-file",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow COPY/ADD of build-context files that `.dockerignore` excludes",
      recommended: true,
      equivalents: { buildkit: ["CopyIgnoredFile"] },
    },
    messages: {
      ignored: "{{keyword}} source \"{{source}}\" is excluded by {{file}}, so it is not in the build context: remove the pattern that excludes it, or stop copying it.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      Dockerfile(ast) {
        let ignore: DockerignoreFacts | null | undefined;
        for (const node of ast.instructions) {
          if (node.keyword !== "COPY" && node.keyword !== "ADD") continue;
          // Other stages, images and named contexts are not the local build context.
          if (node.flags.some((f) => f.name === "from")) continue;
          const words = copyWords(node);
          if (!words) continue;
          // Read only for files that copy from the context (the file system is asked once).
          if (ignore === undefined) {
            ignore = context.sourceCode.dockerignore;
            if (ignore && (ignore.patterns.length === 0 || ignore.exceptions.length > 0)) ignore = null;
          }
          if (!ignore) return;
          for (const source of words.sources) {
            // Variables are expanded at build time; URLs and git sources are fetched, not copied.
            if (source.includes("$") || isUrl(source) || source.startsWith("git@")) continue;
            if (isIgnored(ignore, source)) {
              context.report({ loc: node.loc, messageId: "ignored", data: { keyword: node.keyword, source, file: ignore.path } });
            }
          }
        }
      },
    };
  },
});
