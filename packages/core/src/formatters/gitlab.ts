/**
 * GitLab Code Quality (`artifacts:reports:codequality`): a JSON array of Code Climate issues with
 * the fields GitLab reads: description, check_name, fingerprint, severity and location.path with
 * `lines.begin` (older GitLab reads only `lines`, so not the Code Climate formatter's `positions`).
 * Fingerprints hash path, rule and message (not the line, so moving code keeps them) and the
 * occurrence number, so repeated findings stay distinct.
 */
import { createHash } from "node:crypto";
import { displayPath, type Formatter } from "./index.js";

const gitlab: Formatter = (results, { cwd }) => {
  const issues: unknown[] = [];
  const seen = new Map<string, number>();
  for (const result of results) {
    const file = displayPath(result.filePath, cwd);
    for (const m of result.messages) {
      const base = `${file}\0${m.ruleId ?? ""}\0${m.message}`;
      const n = seen.get(base) ?? 0;
      seen.set(base, n + 1);
      const begin = Math.max(1, m.line);
      issues.push({
        type: "issue",
        description: m.message,
        check_name: m.ruleId ?? (m.fatal ? "docker-lint/fatal" : "docker-lint/inline-config"),
        fingerprint: createHash("sha256").update(`${base}\0${n}`).digest("hex"),
        severity: m.fatal ? "blocker" : m.severity === 2 ? "major" : "minor",
        location: { path: file, lines: { begin, end: Math.max(begin, m.endLine ?? begin) } },
      });
    }
  }
  return JSON.stringify(issues, null, 2);
};
export default gitlab;
