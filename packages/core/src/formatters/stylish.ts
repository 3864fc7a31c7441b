/** A copy of ESLint's stylish formatter (same layout, same summary lines), with plain ANSI colours. */
import type { Formatter } from "./index.js";

const CODES = { red: [31, 39], yellow: [33, 39], dim: [2, 22], bold: [1, 22], underline: [4, 24], reset: [0, 0] } as const;
type Style = keyof typeof CODES;

function stylerFor(color: boolean): (style: Style, text: string) => string {
  if (!color) return (_, text) => text;
  return (style, text) => `\u001b[${CODES[style][0]}m${text}\u001b[${CODES[style][1]}m`;
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[\d+m/g;
const visibleLength = (s: string) => (s.includes("\u001b") ? s.replace(ANSI, "").length : s.length);

/** text-table as ESLint uses it: two-space column gap, right-aligned second column. */
function table(rows: string[][], align: string[]): string {
  const lengths = rows.map((row) => row.map(visibleLength));
  const sizes: number[] = [];
  for (const row of lengths) row.forEach((n, i) => (sizes[i] = Math.max(sizes[i] ?? 0, n)));
  return rows
    .map((row, r) =>
      row
        .map((cell, i) => {
          const pad = " ".repeat(Math.max(0, sizes[i]! - lengths[r]![i]!));
          return align[i] === "r" ? pad + cell : cell + pad;
        })
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

const plural = (word: string, n: number) => (n === 1 ? word : `${word}s`);

const stylish: Formatter = (results, { color, rulesMeta }) => {
  const style = stylerFor(color);
  let output = "\n";
  let errorCount = 0;
  let warningCount = 0;
  let fixableErrorCount = 0;
  let fixableWarningCount = 0;
  let summaryColor: Style = "yellow";
  const fired = new Set<string>();

  for (const result of results) {
    if (result.messages.length === 0) continue;
    errorCount += result.errorCount;
    warningCount += result.warningCount;
    fixableErrorCount += result.fixableErrorCount;
    fixableWarningCount += result.fixableWarningCount;
    output += `${style("underline", result.filePath)}\n`;
    const rows = result.messages.map((m) => {
      let type: string;
      if (m.fatal || m.severity === 2) {
        type = style("red", "error");
        summaryColor = "red";
      } else {
        type = style("yellow", "warning");
      }
      // Like ESLint: drop a trailing period unless a space precedes it.
      let text = m.message;
      if (text.length > 1 && text.endsWith(".") && text.at(-2) !== " ") text = text.slice(0, -1);
      if (m.ruleId) fired.add(m.ruleId);
      return ["", String(m.line || 0), String(m.column || 0), type, text, m.ruleId ? style("dim", m.ruleId) : ""];
    });
    output += `${table(rows, ["", "r", "l"])
      .split("\n")
      .map((line) => line.replace(/(\d+)\s+(\d+)/u, (_, l: string, c: string) => style("dim", `${l}:${c}`)))
      .join("\n")}\n\n`;
  }

  const total = errorCount + warningCount;
  if (total === 0) return "";
  output += `${style(
    summaryColor,
    style(
      "bold",
      `\u2716 ${total}${plural(" problem", total)} (${errorCount}${plural(" error", errorCount)}, ${warningCount}${plural(" warning", warningCount)})`,
    ),
  )}\n`;
  if (fixableErrorCount > 0 || fixableWarningCount > 0) {
    output += `${style(
      summaryColor,
      style(
        "bold",
        `  ${fixableErrorCount}${plural(" error", fixableErrorCount)} and ${fixableWarningCount}${plural(" warning", fixableWarningCount)} potentially fixable with the \`--fix\` option.`,
      ),
    )}\n`;
  }
  // Not in ESLint's stylish: where to read about each rule that fired.
  const docs = [...fired].sort().flatMap((id) => (rulesMeta[id]?.docs?.url ? [[`  ${id}`, rulesMeta[id].docs.url]] : []));
  if (docs.length > 0) output += `\n${style("dim", `Rule docs (or: docker-lint explain <rule>):\n${table(docs, ["", ""])}`)}\n`;
  return style("reset", output);
};
export default stylish;
