/** SARIF 2.1.0, the format GitHub code scanning and other tools import. */
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { LintMessage } from "../runner/lint.js";
import { displayPath, type Formatter } from "./index.js";

const SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
const INFORMATION_URI = "https://github.com/docker-lint/docker-lint";

/** Problems with no rule id still need a rule for code scanning: these two stand in. */
const FATAL_RULE = { id: "docker-lint/fatal", text: "The file could not be read or parsed as a Dockerfile" };
const DIRECTIVE_RULE = { id: "docker-lint/inline-config", text: "Problems with inline `# eslint-…` comments, such as unused disable directives" };

interface ReportingDescriptor {
  id: string;
  shortDescription: { text: string };
  helpUri?: string;
  properties?: Record<string, unknown>;
}

const sarif: Formatter = (results, { cwd, rulesMeta, version }) => {
  const rules: ReportingDescriptor[] = [];
  const ruleIndex = new Map<string, number>();
  const addRule = (d: ReportingDescriptor) => {
    ruleIndex.set(d.id, rules.length);
    rules.push(d);
  };
  for (const [id, meta] of Object.entries(rulesMeta)) {
    const d: ReportingDescriptor = { id, shortDescription: { text: meta.docs?.description ?? id } };
    if (meta.docs?.url) d.helpUri = meta.docs.url;
    const properties: Record<string, unknown> = {};
    if (meta.type) properties.category = meta.type;
    if (meta.fixable) properties.fixable = meta.fixable;
    if (Object.keys(properties).length > 0) d.properties = properties;
    addRule(d);
  }
  const ruleFor = (m: LintMessage): string => {
    if (m.ruleId) {
      if (!ruleIndex.has(m.ruleId)) addRule({ id: m.ruleId, shortDescription: { text: m.ruleId } });
      return m.ruleId;
    }
    const stand = m.fatal ? FATAL_RULE : DIRECTIVE_RULE;
    if (!ruleIndex.has(stand.id)) addRule({ id: stand.id, shortDescription: { text: stand.text } });
    return stand.id;
  };

  const sarifResults: unknown[] = [];
  for (const result of results) {
    const shown = displayPath(result.filePath, cwd);
    const relative = shown !== result.filePath || !path.isAbsolute(result.filePath);
    const artifactLocation = relative
      ? { uri: shown.split("/").map(encodeURIComponent).join("/"), uriBaseId: "%SRCROOT%" }
      : { uri: pathToFileURL(result.filePath).href };
    for (const m of result.messages) {
      const ruleId = ruleFor(m);
      const physicalLocation: Record<string, unknown> = { artifactLocation };
      // SARIF lines start at 1; line 0 means the position is unknown, so the region is left out.
      if (m.line > 0) {
        const region: Record<string, number> = { startLine: m.line, startColumn: Math.max(1, m.column) };
        if (m.endLine !== undefined) region.endLine = m.endLine;
        if (m.endColumn !== undefined) region.endColumn = m.endColumn;
        physicalLocation.region = region;
      }
      sarifResults.push({
        ruleId,
        ruleIndex: ruleIndex.get(ruleId),
        level: m.fatal || m.severity === 2 ? "error" : "warning",
        message: { text: m.message },
        locations: [{ physicalLocation }],
      });
    }
  }

  const log = {
    $schema: SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: { driver: { name: "docker-lint", version, informationUri: INFORMATION_URI, rules } },
        originalUriBaseIds: { "%SRCROOT%": { uri: pathToFileURL(cwd.endsWith(path.sep) ? cwd : cwd + path.sep).href } },
        results: sarifResults,
        columnKind: "utf16CodeUnits",
      },
    ],
  };
  return JSON.stringify(log, null, 2);
};
export default sarif;
