/**
 * SonarQube's generic external issues report (the format since SonarQube 10.3: `rules` with
 * clean-code attributes and impacts, `issues` pointing at them), for
 * `sonar.externalIssuesReportPaths`. Columns there are 0-based; paths relative to the current folder.
 */
import { displayPath, type Formatter } from "./index.js";

const ENGINE = "docker-lint";
const FATAL_RULE = "docker-lint/fatal";
const DIRECTIVE_RULE = "docker-lint/inline-config";

interface SonarRule {
  id: string;
  name: string;
  description: string;
  engineId: string;
  cleanCodeAttribute: string;
  impacts: Array<{ softwareQuality: string; severity: string }>;
}

const sonarqube: Formatter = (results, { cwd, rulesMeta }) => {
  const rules = new Map<string, SonarRule>();
  const issues: unknown[] = [];
  for (const result of results) {
    const filePath = displayPath(result.filePath, cwd);
    for (const m of result.messages) {
      const ruleId = m.ruleId ?? (m.fatal ? FATAL_RULE : DIRECTIVE_RULE);
      const severity = m.fatal || m.severity === 2 ? "HIGH" : "MEDIUM";
      if (!rules.has(ruleId)) {
        const meta = rulesMeta[ruleId];
        const problem = meta?.type === "problem" || m.fatal === true;
        const docs = meta?.docs;
        rules.set(ruleId, {
          id: ruleId,
          name: ruleId,
          description: `${docs?.description ?? (m.fatal ? "The file could not be read or parsed as a Dockerfile" : ruleId)}${docs?.url ? ` (${docs.url})` : ""}`,
          engineId: ENGINE,
          cleanCodeAttribute: problem ? "LOGICAL" : "CONVENTIONAL",
          impacts: [{ softwareQuality: problem ? "RELIABILITY" : "MAINTAINABILITY", severity }],
        });
      }
      const textRange: Record<string, number> = { startLine: Math.max(1, m.line) };
      if (m.line > 0) {
        textRange.startColumn = m.column - 1;
        if (m.endLine !== undefined && m.endColumn !== undefined) {
          textRange.endLine = m.endLine;
          textRange.endColumn = m.endColumn - 1;
        }
      }
      issues.push({ ruleId, primaryLocation: { message: m.message, filePath, textRange } });
    }
  }
  return JSON.stringify({ rules: [...rules.values()], issues }, null, 2);
};
export default sonarqube;
