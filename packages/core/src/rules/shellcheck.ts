import { createRule } from "../create-rule.js";

type Options = [{ exclude?: string[] }];
type MessageIds = "shellcheck";

const IGNORE = /^hadolint\s+(?:(global)\s+)?ignore\s*=\s*([^#]*)/i;
const SC_CODE = /^SC\d+$/i;

/**
 * Reports ShellCheck's findings on RUN scripts. The runner runs ShellCheck (see
 * runner/shellcheck.ts); this rule only places its comments and honours SC codes in
 * `# hadolint ignore=SC2086` pragmas (the rule-wide pragmas cover rule ids, not single codes).
 */
export default createRule<Options, MessageIds>({
  name: "shellcheck",
  meta: {
    type: "problem",
    docs: {
      description: "Check RUN scripts with ShellCheck",
      strict: true,
      equivalents: { hadolint: ["ShellCheck"] },
    },
    messages: {
      shellcheck: "SC{{code}} ({{level}}): {{message}}",
    },
    schema: [
      {
        type: "object",
        properties: { exclude: { type: "array", items: { type: "string", pattern: "^SC\\d+$" }, uniqueItems: true } },
        additionalProperties: false,
      },
    ],
  },
  defaultOptions: [{ exclude: [] }],
  create(context, [options]) {
    const excluded = new Set((options.exclude ?? []).map((c) => c.toUpperCase()));
    return {
      Dockerfile(ast) {
        const findings = context.sourceCode.shellcheck();
        if (!findings || findings.length === 0) return;
        const global = new Set<string>();
        const byLine = new Map<number, Set<string>>();
        // A top-of-file pragma parses as a directive: read both, as written.
        for (const comment of [...ast.directives, ...ast.comments]) {
          const match = IGNORE.exec(context.sourceCode.text.slice(comment.range[0], comment.range[1]).replace(/^\s*#\s*/, ""));
          if (!match) continue;
          const codes = match[2]!.split(",").map((c) => c.trim().toUpperCase()).filter((c) => SC_CODE.test(c));
          const target = match[1] ? global : byLine.get(comment.loc.start.line + 1) ?? new Set<string>();
          for (const code of codes) target.add(code);
          if (!match[1]) byLine.set(comment.loc.start.line + 1, target);
        }
        // ShellCheck's columns count tabs and its own line splits: keep every position inside its line (columns start at 1 here).
        const lines = context.sourceCode.lines;
        const at = (line: number, column: number) => {
          const l = Math.min(Math.max(line, 1), lines.length);
          return { line: l, column: Math.min(Math.max(column, 1), (lines[l - 1]?.length ?? 0) + 1) };
        };
        for (const f of findings) {
          const code = `SC${f.code}`;
          if (excluded.has(code) || global.has(code) || byLine.get(f.script.node.loc.start.line)?.has(code)) continue;
          context.report({
            loc: { start: at(f.line, f.column), end: at(f.endLine, f.endColumn) },
            messageId: "shellcheck",
            data: { code: String(f.code), level: f.level, message: f.message },
          });
        }
      },
    };
  },
});
