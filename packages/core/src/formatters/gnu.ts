/**
 * The GNU Coding Standards' error format, which editors (Emacs compilation mode, Vim's
 * errorformat) jump through: `file:line.column-endLine.endColumn: severity: message [rule-id]`.
 */
import { displayPath, type Formatter } from "./index.js";

const gnu: Formatter = (results, { cwd }) => {
  const lines: string[] = [];
  for (const result of results) {
    const file = displayPath(result.filePath, cwd);
    for (const m of result.messages) {
      let where = m.line > 0 ? `${m.line}.${m.column}` : "";
      if (where && m.endLine !== undefined && m.endColumn !== undefined) {
        where += m.endLine === m.line ? `-${m.endColumn}` : `-${m.endLine}.${m.endColumn}`;
      }
      const severity = m.fatal || m.severity === 2 ? "error" : "warning";
      const rule = m.ruleId ? ` [${m.ruleId}]` : "";
      lines.push(`${file}:${where ? `${where}:` : ""} ${severity}: ${m.message.replace(/\s*\n\s*/g, " ")}${rule}`);
    }
  }
  return lines.join("\n");
};
export default gnu;
