/**
 * Editors: ESLint's Node API called the way VS Code's ESLint extension calls it (server/src/eslint.ts:
 * `loadESLint({useFlatConfig})`, `new ESLint({cwd: workingDirectory})`, `isPathIgnored`, then
 * `lintText(unsavedBuffer, {filePath, warnIgnored})`, `getRulesMetaForResults` for the rule links, and
 * 1-based line/column turned into 0-based LSP ranges), plus `--stdin` for command-line integrations.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadESLint, type ESLint } from "eslint";
import { readFileSync } from "node:fs";
import { BAD, GOOD, repoRoot, workspace, type Workspace } from "./workspace.js";

interface Diagnostic {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity: 1 | 2;
  code: string | null;
  codeDescription?: string;
  message: string;
}

/** The extension's conversion (Diagnostics.create): 1-based ESLint positions to 0-based LSP ones. */
function toDiagnostic(m: ESLint.LintResult["messages"][number], meta: Record<string, { docs?: { url?: string } }>): Diagnostic {
  const line = m.line - 1;
  const character = m.column - 1;
  return {
    range: { start: { line, character }, end: { line: (m.endLine ?? m.line) - 1, character: (m.endColumn ?? m.column) - 1 } },
    severity: m.severity === 2 ? 1 : 2,
    code: m.ruleId,
    codeDescription: m.ruleId ? meta[m.ruleId]?.docs?.url : undefined,
    message: m.message,
  };
}

let w: Workspace;
beforeAll(() => {
  const readme = readFileSync(path.join(repoRoot, "packages/eslint-plugin/README.md"), "utf8");
  const config = /```js\n(\/\/ eslint\.config\.mjs\n[\s\S]*?)```/.exec(readme)![1]!;
  w = workspace({ "eslint.config.mjs": config, "services/api/Dockerfile": GOOD, "services/api/Dockerfile.dockerignore": "*.md\n" }, { linkNodeModules: true });
});
afterAll(() => w.remove());

async function extensionValidate(filePath: string, buffer: string, warnIgnored = false) {
  const ESLintClass = await loadESLint({ useFlatConfig: true });
  const eslint = new ESLintClass({ cwd: w.dir });
  const ignored = await eslint.isPathIgnored(filePath);
  const results = await eslint.lintText(buffer, { filePath, warnIgnored });
  const meta = eslint.getRulesMetaForResults(results) as Record<string, { docs?: { url?: string } }>;
  return { ignored, results, diagnostics: (results[0]?.messages ?? []).map((m) => toDiagnostic(m, meta)) };
}

describe("VS Code ESLint extension (Node API)", () => {
  it("lints the unsaved buffer of a Dockerfile and gives LSP ranges and rule links", async () => {
    const file = path.join(w.dir, "services/api/Dockerfile");
    // On disk the file is clean; the editor buffer has a tag-less image on line 3.
    const { ignored, diagnostics } = await extensionValidate(file, BAD);
    expect(ignored).toBe(false);
    const tag = diagnostics.find((d) => d.code === "@docker-lint/require-image-tag");
    expect(tag).toEqual({
      range: { start: { line: 2, character: 5 }, end: { line: 2, character: 11 } },
      severity: 1,
      code: "@docker-lint/require-image-tag",
      codeDescription: "https://github.com/docker-lint/docker-lint/blob/main/packages/core/docs/rules/require-image-tag.md",
      message: expect.stringContaining("Pin a version tag"),
    });
    expect((await extensionValidate(file, GOOD)).diagnostics).toEqual([]);
  });

  it("offers suggestions as quick fixes with offsets into the buffer", async () => {
    const file = path.join(w.dir, "services/api/Dockerfile");
    const buffer = "# Service image\n# syntax=docker/dockerfile:1\n" + GOOD;
    const { results } = await extensionValidate(file, buffer);
    const [m] = results[0]!.messages;
    expect(m).toMatchObject({ ruleId: "@docker-lint/no-displaced-directive", line: 2 });
    const { range, text } = m!.suggestions![0]!.fix;
    expect(buffer.slice(0, range[0]) + text + buffer.slice(range[1])).toBe("# syntax=docker/dockerfile:1\n# Service image\n" + GOOD);
  });

  it("leaves Docker's ignore files alone", async () => {
    const file = path.join(w.dir, "services/api/Dockerfile.dockerignore");
    const { ignored, diagnostics } = await extensionValidate(file, "*.md\n");
    expect(ignored).toBe(true);
    expect(diagnostics).toEqual([]);
  });

  it("lints JavaScript in the same session as before", async () => {
    const { diagnostics } = await extensionValidate(path.join(w.dir, "src/index.js"), "undefinedThing();\n");
    expect(diagnostics.map((d) => d.code)).toEqual(["no-undef"]);
  });
});

describe("command-line editor integrations", () => {
  it("`eslint --stdin --stdin-filename` lints a buffer as the named Dockerfile", () => {
    const r = spawnSync(path.join(repoRoot, "node_modules/.bin/eslint"), ["--stdin", "--stdin-filename", "services/api/Dockerfile", "--format", "json"], {
      cwd: w.dir,
      input: BAD,
      encoding: "utf8",
    });
    expect(r.status).toBe(1);
    const [result] = JSON.parse(r.stdout) as ESLint.LintResult[];
    expect(result!.filePath).toBe(path.join(w.dir, "services/api/Dockerfile"));
    expect(result!.messages).toEqual(expect.arrayContaining([expect.objectContaining({ ruleId: "@docker-lint/require-image-tag", line: 3, column: 6 })]));
  });
});
