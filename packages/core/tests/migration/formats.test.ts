/** checkstyle, codeclimate, gitlab, gnu, sonarqube and `eslint-formatter-<name>` packages, end to end. */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import Ajv from "ajv";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCore, cleanTemp, run, tempTree, SHELL_CMD, UNTAGGED } from "../cli/helpers.js";

beforeAll(buildCore);
afterAll(cleanTemp);

const CONFIG = JSON.stringify({ extends: "none", rules: { "require-image-tag": "warn", "json-exec-form": "error" } });
/** One warning (untagged debian, 1:6) and one error (shell-form CMD on scratch, 7:5). */
const TWO_PROBLEMS = SHELL_CMD.replace("golang:1.22.5", "debian");

function lint(format: string, files: Record<string, string> = { "svc/Dockerfile": TWO_PROBLEMS }) {
  const root = tempTree({ "docker-lint.config.json": CONFIG, ...files });
  return { root, ...run(["-f", format], { cwd: root }) };
}

/**
 * GitLab Code Quality: the fields GitLab's documentation requires of each issue (description,
 * check_name, fingerprint, severity from its list, location.path and location.lines.begin).
 */
const GITLAB_SCHEMA = {
  type: "array",
  items: {
    type: "object",
    required: ["description", "check_name", "fingerprint", "severity", "location"],
    properties: {
      description: { type: "string", minLength: 1 },
      check_name: { type: "string", minLength: 1 },
      fingerprint: { type: "string", minLength: 1 },
      severity: { enum: ["info", "minor", "major", "critical", "blocker"] },
      location: {
        type: "object",
        required: ["path", "lines"],
        properties: { path: { type: "string" }, lines: { type: "object", required: ["begin"], properties: { begin: { type: "integer", minimum: 1 }, end: { type: "integer" } } } },
      },
    },
  },
};

/** SonarQube's generic issue format (10.3+), as its documentation lists the fields. */
const SONAR_SCHEMA = {
  type: "object",
  required: ["rules", "issues"],
  additionalProperties: false,
  properties: {
    rules: {
      type: "array",
      items: {
        type: "object",
        required: ["id", "name", "engineId", "cleanCodeAttribute", "impacts"],
        properties: {
          id: { type: "string" },
          name: { type: "string" },
          description: { type: "string" },
          engineId: { type: "string" },
          cleanCodeAttribute: { enum: ["FORMATTED", "CONVENTIONAL", "IDENTIFIABLE", "CLEAR", "LOGICAL", "COMPLETE", "EFFICIENT", "FOCUSED", "DISTINCT", "MODULAR", "TESTED", "LAWFUL", "TRUSTWORTHY", "RESPECTFUL"] },
          impacts: {
            type: "array",
            minItems: 1,
            items: { type: "object", required: ["softwareQuality", "severity"], properties: { softwareQuality: { enum: ["SECURITY", "RELIABILITY", "MAINTAINABILITY"] }, severity: { enum: ["LOW", "MEDIUM", "HIGH"] } } },
          },
        },
      },
    },
    issues: {
      type: "array",
      items: {
        type: "object",
        required: ["ruleId", "primaryLocation"],
        properties: {
          ruleId: { type: "string" },
          primaryLocation: {
            type: "object",
            required: ["message", "filePath", "textRange"],
            properties: {
              message: { type: "string" },
              filePath: { type: "string" },
              textRange: {
                type: "object",
                required: ["startLine"],
                properties: { startLine: { type: "integer", minimum: 1 }, endLine: { type: "integer" }, startColumn: { type: "integer", minimum: 0 }, endColumn: { type: "integer", minimum: 0 } },
              },
            },
          },
        },
      },
    },
  },
};

function validate(schema: object, data: unknown): string {
  const ajv = new Ajv({ allErrors: true });
  return ajv.validate(schema, data) ? "" : ajv.errorsText();
}

describe("gitlab", () => {
  it("is a Code Quality report GitLab reads: lines.begin, severities, stable distinct fingerprints", () => {
    const r = lint("gitlab", { "svc/Dockerfile": TWO_PROBLEMS, "other/Dockerfile": UNTAGGED });
    expect(r.code).toBe(1);
    const issues = JSON.parse(r.stdout) as Array<{ severity: string; check_name: string; fingerprint: string; location: { path: string; lines: { begin: number } } }>;
    expect(validate(GITLAB_SCHEMA, issues)).toBe("");
    expect(issues.map((i) => [i.location.path, i.location.lines.begin, i.check_name, i.severity])).toEqual([
      ["other/Dockerfile", 6, "@docker-lint/require-image-tag", "minor"],
      ["svc/Dockerfile", 1, "@docker-lint/require-image-tag", "minor"],
      ["svc/Dockerfile", 7, "@docker-lint/json-exec-form", "major"],
    ]);
    expect(new Set(issues.map((i) => i.fingerprint)).size).toBe(3);
    expect(JSON.parse(lint("gitlab", { "other/Dockerfile": UNTAGGED }).stdout)[0].fingerprint).toBe(issues[0]!.fingerprint);
  });
});

describe("codeclimate (eslint-formatter-codeclimate)", () => {
  it("writes Code Climate issues with positions and the rule docs", () => {
    const issues = JSON.parse(lint("codeclimate").stdout) as Array<Record<string, any>>;
    expect(issues).toHaveLength(2);
    expect(issues[1]).toMatchObject({
      type: "issue",
      check_name: "@docker-lint/json-exec-form",
      severity: "major",
      location: { path: "svc/Dockerfile", positions: { begin: { line: 7, column: 5 } } },
    });
    expect(issues[1]!.content.body).toContain("json-exec-form.md");
  });
});

describe("checkstyle (eslint-formatter-checkstyle)", () => {
  it("writes checkstyle XML", () => {
    const { stdout, root } = lint("checkstyle");
    expect(stdout).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?><checkstyle version="4.3"><file name="[^"]+">/);
    expect(stdout).toContain(`<file name="${path.join(root, "svc/Dockerfile")}">`);
    expect(stdout).toMatch(/<error line="1" column="6" severity="warning" message="Image &apos;debian&apos; has no tag[^"]*\(@docker-lint\/require-image-tag\)" source="eslint.rules.@docker-lint\/require-image-tag" \/>/);
    expect(stdout).toMatch(/<error line="7" column="5" severity="error" /);
    expect(stdout.trim()).toMatch(/<\/file><\/checkstyle>$/);
  });
});

describe("gnu", () => {
  it("prints file:line.col-endcol: severity: message [rule]", () => {
    const lines = lint("gnu").stdout.trim().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^svc\/Dockerfile:1\.6-12: warning: Image 'debian' has no tag.* \[@docker-lint\/require-image-tag\]$/);
    expect(lines[1]).toMatch(/^svc\/Dockerfile:7\.5-\d+: error: CMD is in shell form.* \[@docker-lint\/json-exec-form\]$/);
  });
});

describe("sonarqube", () => {
  it("writes the generic issue format with 0-based columns", () => {
    const report = JSON.parse(lint("sonarqube").stdout) as { rules: Array<{ id: string }>; issues: Array<{ ruleId: string; primaryLocation: { filePath: string; textRange: Record<string, number> } }> };
    expect(validate(SONAR_SCHEMA, report)).toBe("");
    expect(report.rules.map((r) => r.id)).toEqual(["@docker-lint/require-image-tag", "@docker-lint/json-exec-form"]);
    expect(report.issues[0]!.primaryLocation).toMatchObject({ filePath: "svc/Dockerfile", textRange: { startLine: 1, startColumn: 5, endLine: 1, endColumn: 11 } });
  });
});

describe("other names", () => {
  it("load eslint-formatter-<name> from the project, as ESLint does", () => {
    const root = tempTree({ "docker-lint.config.json": CONFIG, Dockerfile: UNTAGGED });
    const pkg = path.join(root, "node_modules/eslint-formatter-count");
    mkdirSync(pkg, { recursive: true });
    writeFileSync(path.join(pkg, "package.json"), JSON.stringify({ name: "eslint-formatter-count", main: "index.js" }));
    writeFileSync(path.join(pkg, "index.js"), "module.exports = (results, data) => `files=${results.length} cwd=${data.cwd === process.cwd()}`;\n");
    expect(run(["-f", "count"], { cwd: root }).stdout).toBe("files=1 cwd=true\n");
    expect(run(["-f", "eslint-formatter-count"], { cwd: root }).stdout).toBe("files=1 cwd=true\n");
    const missing = run(["-f", "xml"], { cwd: root });
    expect([missing.code, missing.stderr]).toEqual([2, expect.stringMatching(/^docker-lint: unknown format "xml": not built in .* and no package eslint-formatter-xml is installed\n$/)]);
    expect(missing.stdout).toBe("");
  });
});
