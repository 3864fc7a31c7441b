/**
 * Lints every Dockerfile of the shared research corpus with the recommended preset, the way
 * the CLI does (real go.mod lookup): no crash, a result per file, well-formed messages, fixes
 * that still parse. Rule-by-rule noise review belongs to each rule's tests.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { DockerLinter, parse, rules, type LintResult } from "../src/index.js";

const CORPUS = process.env.DOCKER_LINT_CORPUS ?? "/work/shared/corpus";
const INDEX = path.join(CORPUS, "index.json");
const available = existsSync(INDEX);
if (!available) console.warn(`corpus test skipped: ${INDEX} not found (set DOCKER_LINT_CORPUS to the corpus folder)`);

interface Entry {
  path: string;
  kind: "real" | "parser-testdata";
}

describe.skipIf(!available)("corpus", () => {
  let entries: Entry[] = [];
  const results = new Map<string, LintResult>();
  const texts = new Map<string, string>();

  beforeAll(() => {
    entries = JSON.parse(readFileSync(INDEX, "utf8")) as Entry[];
    const linter = new DockerLinter({ extends: "recommended" });
    for (const e of entries) {
      const file = path.join(CORPUS, e.path);
      const text = readFileSync(file, "utf8");
      texts.set(e.path, text);
      results.set(e.path, linter.lintText(text, { filePath: file }));
    }
  });

  it("has parser fixtures as well as real files", () => {
    expect(entries.some((e) => e.kind === "parser-testdata")).toBe(true);
    expect(entries.some((e) => e.kind === "real")).toBe(true);
  });

  it("gives every file a result for its own path", () => {
    expect(results.size).toBe(entries.length);
    for (const e of entries) expect(results.get(e.path)!.filePath).toBe(path.join(CORPUS, e.path));
  });

  it("parses every file: no fatal message", () => {
    const fatal = [...results].filter(([, r]) => r.fatalErrorCount > 0 || r.messages.some((m) => m.fatal));
    expect(fatal.map(([p, r]) => `${p}: ${r.messages.find((m) => m.fatal)?.message}`)).toEqual([]);
  });

  it("reports only known rules, at positions inside the file", () => {
    const known = new Set(Object.keys(rules).map((id) => `@docker-lint/${id}`));
    const problems: string[] = [];
    for (const [p, r] of results) {
      const lines = texts.get(p)!.split(/\r\n|\r|\n/).length;
      for (const m of r.messages) {
        const where = `${p}:${m.line}:${m.column} ${m.ruleId}`;
        // ruleId null: unused eslint-disable directives (warnings), never crashes.
        if (m.ruleId === null ? m.fatal || m.severity !== 1 : !known.has(m.ruleId)) problems.push(`${where} unexpected rule`);
        if (!m.message || /undefined|\{\{/.test(m.message)) problems.push(`${where} bad message: ${m.message}`);
        if (!(m.line >= 1 && m.line <= lines && m.column >= 1)) problems.push(`${where} position outside the file`);
        if (m.endLine !== undefined && (m.endLine < m.line || m.endLine > lines)) problems.push(`${where} end outside the file`);
        if (m.ruleId !== null && !m.messageId) problems.push(`${where} no messageId`);
      }
      expect(r.errorCount + r.warningCount).toBe(r.messages.length);
    }
    expect(problems).toEqual([]);
  });

  it("prints per-rule counts", () => {
    const counts = new Map<string, { errors: number; warnings: number; files: Set<string> }>();
    for (const [p, r] of results) {
      for (const m of r.messages) {
        const id = m.ruleId ?? "(directive)";
        const c = counts.get(id) ?? { errors: 0, warnings: 0, files: new Set<string>() };
        if (m.severity === 2) c.errors++;
        else c.warnings++;
        c.files.add(p);
        counts.set(id, c);
      }
    }
    const rows = [...counts].sort((a, b) => a[0].localeCompare(b[0]));
    const width = Math.max(4, ...rows.map(([id]) => id.length));
    const lines = [
      `corpus: ${entries.length} files (${entries.filter((e) => e.kind === "real").length} real), ${[...results.values()].filter((r) => r.messages.length === 0).length} clean`,
      `${"rule".padEnd(width)}  errors  warnings  files`,
      ...rows.map(([id, c]) => `${id.padEnd(width)}  ${String(c.errors).padStart(6)}  ${String(c.warnings).padStart(8)}  ${String(c.files.size).padStart(5)}`),
    ];
    console.log(lines.join("\n"));
    expect(rows.length).toBeGreaterThan(0);
  });

  it("applies fixes that leave a parsable Dockerfile, and linting the output does not throw", () => {
    const fixer = new DockerLinter({ extends: "recommended" });
    const broken: string[] = [];
    let fixed = 0;
    for (const e of entries) {
      const file = path.join(CORPUS, e.path);
      const r = fixer.lintText(texts.get(e.path)!, { filePath: file, fix: true });
      if (r.output === undefined) continue;
      fixed++;
      const reparsed = parse(r.output);
      if (!reparsed.ok) broken.push(`${e.path}: ${reparsed.errors[0]!.message}`);
      const again = fixer.lintText(r.output, { filePath: file });
      if (again.fatalErrorCount > 0) broken.push(`${e.path}: fatal after fix`);
    }
    console.log(`corpus: fixes applied to ${fixed} files`);
    expect(broken).toEqual([]);
  });
});
