import { createRule } from "../create-rule.js";

/**
 * A blank line inside a backslash continuation does not end the instruction: the next line still
 * belongs to it. Docker warns that this will become an error.
 */
export default createRule<[], "emptyContinuation">({
  name: "no-empty-continuation",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow empty lines inside a continued (`\\`) instruction",
      strict: true,
      equivalents: { buildkit: ["NoEmptyContinuation"] },
    },
    messages: {
      emptyContinuation:
        "This line still belongs to the {{keyword}} on line {{line}}: the empty line above does not end a '{{escape}}'-continued instruction. Remove the empty line (or the trailing '{{escape}}' if the instruction should end).",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const sourceCode = context.sourceCode;
    const text = sourceCode.text;
    return {
      Dockerfile(root) {
        for (const node of root.instructions) {
          const firstBreak = text.indexOf("\n", node.range[0]);
          if (firstBreak < 0 || firstBreak >= node.range[1]) continue;
          // Heredoc bodies may hold blank lines on purpose.
          const heredocStart = node.heredocs.reduce((min, h) => (h.contentRange ? Math.min(min, h.contentRange[0]) : min), node.range[1]);
          const end = Math.min(node.range[1], heredocStart);
          let lineStart = firstBreak + 1;
          let blankBefore = false;
          while (lineStart > 0 && lineStart < end) {
            const next = text.indexOf("\n", lineStart);
            let lineEnd = next < 0 || next > end ? end : next;
            // A CRLF line ends before its CR.
            if (lineEnd > lineStart && text.charCodeAt(lineEnd - 1) === 13) lineEnd--;
            const line = text.slice(lineStart, lineEnd);
            if (line.trim() === "") blankBefore = true;
            else if (blankBefore) {
              const start = sourceCode.getLocFromIndex(lineStart);
              context.report({
                loc: { start, end: sourceCode.getLocFromIndex(lineEnd) },
                messageId: "emptyContinuation",
                data: { keyword: node.keyword, line: String(node.loc.start.line), escape: root.escapeChar },
              });
              break;
            }
            if (next < 0) break;
            lineStart = next + 1;
          }
        }
      },
    };
  },
});
