import type { CommentNode, DirectiveNode } from "../language/ast.js";
import { createRule } from "../create-rule.js";

/** The parser directives BuildKit knows (frontend/dockerfile/parser/directives.go). */
const PARSER_DIRECTIVES = new Set(["syntax", "escape", "check"]);
/** BuildKit's directive pattern, after it strips leading whitespace from the line. */
const DIRECTIVE_LINE = /^[ \t]*#[ \t]*([a-zA-Z][a-zA-Z0-9]*)[ \t]*=[ \t]*(.+?)[ \t]*$/;

/** A comment's text (after `#`, trimmed) that DIRECTIVE_LINE could match. */
const MAYBE_DIRECTIVE = /^[a-zA-Z][a-zA-Z0-9]*[ \t]*=/;

interface HeaderEnd {
  line: number;
  what: string;
}

/**
 * Reads the directive header the way BuildKit does: line by line from the top, stopping for good
 * at the first line that is not a known, not-yet-seen directive (a blank line stops it too).
 * The lexer is more lenient (it lists unknown names such as `# foo=bar` as directives), so this does
 * not rely on its `directives` list.
 */
function readHeader(text: string): { active: Map<string, number>; end: HeaderEnd | null } {
  const active = new Map<string, number>();
  // Line by line from the top, without splitting the whole file: the header is a few lines.
  const lineBreak = /\r\n|\r|\n/g;
  for (let i = 0, start = 0; ; i++) {
    lineBreak.lastIndex = start;
    const br = lineBreak.exec(text);
    const line = text.slice(start, br ? br.index : text.length);
    const last = !br;
    if (br) start = br.index + br[0].length;
    const m = DIRECTIVE_LINE.exec(line);
    const name = m?.[1]!.toLowerCase();
    if (name && PARSER_DIRECTIVES.has(name) && !active.has(name)) {
      active.set(name, i + 1);
      if (last) break;
      continue;
    }
    if (last && line === "") return { active, end: null };
    const trimmed = line.trim();
    const what = trimmed === "" ? "a blank line" : trimmed.startsWith("#") ? (name && active.has(name) ? "a repeated directive" : "a comment") : "an instruction";
    return { active, end: { line: i + 1, what } };
  }
  return { active, end: null };
}

type MessageIds = "displaced" | "duplicate" | "moveToTop" | "removeLine";

/** Reports `# syntax=`, `# escape=` and `# check=` lines that Docker reads as plain comments. */
export default createRule<[], MessageIds>({
  name: "no-displaced-directive",
  meta: {
    type: "problem",
    docs: {
      description: "Require parser directives (`# syntax=`, `# escape=`, `# check=`) at the very top of the Dockerfile, where Docker reads them",
      recommended: true,
    },
    messages: {
      displaced:
        "Docker ignores this '# {{name}}=' parser directive: directives are read only before the first comment, blank line or instruction, and line {{endLine}} ({{endWhat}}) ends them. Move it to the top of the file, above any comment (including '# eslint-…' comments).",
      duplicate:
        "'# {{name}}=' is already set on line {{first}}; Docker reads it once (a second one in the header fails the build, a later one is a plain comment). Remove this line.",
      moveToTop: "Move '# {{name}}={{value}}' to the first line.",
      removeLine: "Delete this line.",
    },
    schema: [],
    hasSuggestions: true,
  },
  defaultOptions: [],
  create(context) {
    const sourceCode = context.sourceCode;
    return {
      Dockerfile(root) {
        const candidates: Array<CommentNode | DirectiveNode> = [...root.directives, ...root.comments];
        if (candidates.length === 0) return;
        const text = sourceCode.text;
        const { active, end } = readHeader(text);
        const seen = new Map(active);
        candidates.sort((a, b) => a.range[0] - b.range[0]);
        for (const node of candidates) {
          // Most comments are prose: only `name=…` ones can be directives.
          if (node.type === "Comment" && !MAYBE_DIRECTIVE.test(node.value)) continue;
          const line = node.loc.start.line;
          const m = DIRECTIVE_LINE.exec(lineText(text, node.range[0]));
          const name = m?.[1]!.toLowerCase();
          if (!m || !name || !PARSER_DIRECTIVES.has(name)) continue;
          if (active.get(name) === line) continue;
          const value = m[2]!;
          const lineRange = wholeLine(text, node.range[0]);
          const first = seen.get(name);
          if (first !== undefined) {
            context.report({
              loc: node.loc,
              messageId: "duplicate",
              data: { name, first: String(first) },
              suggest: [{ messageId: "removeLine", fix: (fixer) => fixer.removeRange(lineRange) }],
            });
            continue;
          }
          seen.set(name, line);
          context.report({
            loc: node.loc,
            messageId: "displaced",
            data: { name, endLine: String(end?.line ?? line), endWhat: end?.what ?? "a comment" },
            suggest: [
              {
                messageId: "moveToTop",
                data: { name, value },
                // The order among directives doesn't matter to Docker, so the top is always right.
                fix: (fixer) => [fixer.insertTextBeforeRange([0, 0], `# ${name}=${value}${root.eol}`), fixer.removeRange(lineRange)],
              },
            ],
          });
        }
      },
    };
  },
});

function lineText(text: string, offset: number): string {
  const start = Math.max(text.lastIndexOf("\n", offset - 1), text.lastIndexOf("\r", offset - 1)) + 1;
  const endMatch = /\r\n|\r|\n/g;
  endMatch.lastIndex = offset;
  const e = endMatch.exec(text);
  return text.slice(start, e ? e.index : text.length);
}

/** The line holding `offset`, with its line break (or the preceding one for a last line without). */
function wholeLine(text: string, offset: number): [number, number] {
  const start = Math.max(text.lastIndexOf("\n", offset - 1), text.lastIndexOf("\r", offset - 1)) + 1;
  const endMatch = /\r\n|\r|\n/g;
  endMatch.lastIndex = offset;
  const e = endMatch.exec(text);
  if (e) return [start, e.index + e[0].length];
  const before = text.slice(0, start);
  const prevBreak = /(\r\n|\r|\n)$/.exec(before);
  return [prevBreak ? start - prevBreak[0].length : start, text.length];
}
