/**
 * GitHub Actions workflow commands: one `::error …::message` (or `::warning`) line per problem,
 * which the runner turns into annotations on the pull request.
 */
import { displayPath, type Formatter } from "./index.js";

// Escaping as in @actions/core: data escapes %, CR, LF; property values also `:` and `,`.
const escapeData = (s: string) => s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");

const github: Formatter = (results, { cwd }) => {
  const lines: string[] = [];
  for (const result of results) {
    const file = displayPath(result.filePath, cwd);
    for (const m of result.messages) {
      const command = m.fatal || m.severity === 2 ? "error" : "warning";
      const props = [`file=${escapeProperty(file)}`];
      // Line 0 means "no position known": annotate the file as a whole.
      if (m.line > 0) {
        props.push(`line=${m.line}`, `col=${m.column}`);
        if (m.endLine !== undefined) props.push(`endLine=${m.endLine}`);
        if (m.endColumn !== undefined) props.push(`endColumn=${m.endColumn}`);
      }
      props.push(`title=${escapeProperty(m.ruleId ?? "docker-lint")}`);
      lines.push(`::${command} ${props.join(",")}::${escapeData(m.message)}`);
    }
  }
  return lines.join("\n");
};
export default github;
