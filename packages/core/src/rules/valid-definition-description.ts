import { createRule } from "../create-rule.js";
import type { CommentNode } from "../language/nodes.js";
import { dropQuotes } from "../model/instruction-words.js";

type MessageIds = "format";

/**
 * BuildKit's (experimental) InvalidDefinitionDescription: a comment right above `ARG` or
 * `FROM … AS name` documents it, and tools read it as a description only when it starts with the
 * name it describes (`# version The release to build`). Only the last comment line counts.
 */
export default createRule<[], MessageIds>({
  name: "valid-definition-description",
  meta: {
    type: "suggestion",
    docs: {
      description: "Require a comment right above ARG or a named FROM to start with the name it describes",
      equivalents: { buildkit: ["InvalidDefinitionDescription"] },
    },
    messages: {
      format: "Comment for {{keyword}} should follow the format: `# {{key}} <description>`. Start it with the name, or leave a blank line if it is not a description.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      Dockerfile(ast) {
        if (ast.comments.length === 0) return;
        const commentEndingOn = new Map<number, CommentNode>();
        for (const c of ast.comments) commentEndingOn.set(c.loc.end.line, c);
        for (const node of ast.instructions) {
          if (node.keyword !== "ARG" && node.keyword !== "FROM") continue;
          // The description is the last non-empty comment of the block right above (no blank line).
          let description: string | null = null;
          for (let line = node.loc.start.line - 1, c = commentEndingOn.get(line); c; c = commentEndingOn.get(--line)) {
            if (c.value !== "") {
              description = c.value;
              break;
            }
          }
          if (description === null) continue;
          const keys = definedNames(node.keyword, node.argv.map((w) => w.value));
          if (keys.length === 0) continue;
          const first = description.split(" ")[0];
          if (keys.includes(first!)) continue;
          context.report({ loc: node.loc, messageId: "format", data: { keyword: node.keyword, key: keys.length > 1 ? "<arg_key>" : keys[0]! } });
        }
      },
    };
  },
});

/** ARG keys, or the stage name of `FROM image AS name` (lower-cased, as BuildKit names stages). */
function definedNames(keyword: string, words: string[]): string[] {
  if (keyword === "ARG") return words.map((w) => dropQuotes(w.split("=")[0]!)).filter((k) => k !== "");
  const as = words.findIndex((w) => w.toLowerCase() === "as");
  return as >= 0 && words[as + 1] ? [words[as + 1]!.toLowerCase()] : [];
}
