/**
 * Syntax problems: what BuildKit's parser would stop a build at (and a few things it lets
 * through but means something else by). Non-fatal: the AST is built all the same.
 */
import type { LexResult } from "./lexer.js";
import type { LineIndex } from "./line-index.js";
import type { InstructionNode, SyntaxProblem } from "./nodes.js";

export const KEYWORDS = new Set([
  "ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV", "EXPOSE", "FROM", "HEALTHCHECK", "LABEL",
  "MAINTAINER", "ONBUILD", "RUN", "SHELL", "STOPSIGNAL", "USER", "VOLUME", "WORKDIR",
]);

/** The flags each instruction takes (BuildKit's instructions/parse.go); others take none. */
export const FLAGS: Record<string, readonly string[]> = {
  FROM: ["platform"],
  RUN: ["mount", "network", "security", "device"],
  COPY: ["from", "chown", "chmod", "link", "parents", "exclude"],
  ADD: ["chown", "chmod", "link", "keep-git-dir", "checksum", "unpack", "exclude"],
  HEALTHCHECK: ["interval", "timeout", "start-period", "start-interval", "retries"],
};

/** Keywords whose arguments may be a JSON array (exec form). */
const JSON_FORM = new Set(["CMD", "ENTRYPOINT", "RUN", "SHELL", "COPY", "ADD", "VOLUME"]);

/**
 * Arguments meant as a JSON array: `[` then a quote, up to a closing `]`. `[ -f x ]` and
 * `[ "$a" = b ]` (the shell's test command) do not count unless a quote is followed by a comma.
 */
function looksLikeJson(args: string): boolean {
  const t = args.trim();
  if (!t.startsWith("[") || !t.endsWith("]")) return false;
  return /^\[["']/.test(t) || (/^\[\s*["']/.test(t) && /["']\s*,/.test(t));
}

export function syntaxProblems(lexed: LexResult, instructions: InstructionNode[], index: LineIndex): SyntaxProblem[] {
  const problems: SyntaxProblem[] = [];
  const report = (start: number, end: number, message: string) => {
    const s = index.span(start, end);
    problems.push({ message, loc: s.loc, range: s.range });
  };
  if (instructions.length === 0) {
    report(0, 0, "The file has no instructions");
    return problems;
  }
  let seenFrom = false;
  instructions.forEach((node, n) => {
    const lexedNode = lexed.instructions[n]!;
    const keyword = node.keyword;
    const [kwStart, kwEnd] = node.keywordSpan.range;
    if (!KEYWORDS.has(keyword)) {
      report(kwStart, kwEnd, `Unknown instruction "${node.keywordSpan.value}"`);
      return;
    }
    if (keyword === "FROM") seenFrom = true;
    else if (!seenFrom && keyword !== "ARG") report(kwStart, kwEnd, `${keyword} before the first FROM: only ARG may come before it`);
    for (const h of lexedNode.heredocs) {
      if (h.unterminated) report(node.range[0], lexedNode.openingEnd, `Heredoc "${h.name}" has no closing "${h.name}" line`);
    }
    if (JSON_FORM.has(keyword) && !node.json && node.heredocs.length === 0 && looksLikeJson(node.args)) {
      const where = node.argsSpan?.range ?? node.range;
      report(where[0], where[1], `${keyword} arguments look like a JSON array but are not one (of strings): the builder runs them as a shell command`);
    }
    const allowed = FLAGS[keyword];
    if (allowed) {
      for (const f of node.flags) {
        // A bare `--` ends the flags (BuildKit drops it).
        if (f.value === "--") break;
        if (!allowed.includes(f.name)) report(f.range[0], f.range[1], `${keyword} takes no --${f.name} flag`);
      }
    } else if (node.argv[0]?.value.startsWith("--") && node.argv[0].value !== "--" && !node.json) {
      const w = node.argv[0];
      report(w.range[0], w.range[1], `${keyword} takes no flags (${w.value.split("=")[0]})`);
    }
    if (keyword === "ONBUILD" && node.onbuildKeyword) {
      const trigger = node.onbuildKeyword;
      const at = node.argsSpan?.range ?? node.range;
      if (trigger === "ONBUILD") report(at[0], at[1], "ONBUILD ONBUILD is not allowed");
      else if (trigger === "FROM" || trigger === "MAINTAINER") report(at[0], at[1], `${trigger} is not allowed as an ONBUILD trigger`);
      else if (!KEYWORDS.has(trigger)) report(at[0], at[1], `Unknown instruction "${trigger}" after ONBUILD`);
    }
  });
  return problems;
}
