/**
 * `npx eslint` with configs.recommended and `npx docker-lint` report the same problems on the shared
 * corpus of real Dockerfiles (with their go.mod files, so the cross-file rules take part).
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ESLint } from "eslint";
import docker from "../src/index.js";
import { repoRoot } from "./workspace.js";

const CORPUS = "/work/shared/corpus";
const hasCorpus = existsSync(CORPUS);
const cli = path.join(repoRoot, "packages/core/bin/docker-lint.js");
const hasCli = existsSync(path.join(repoRoot, "packages/core/dist/cli/cli.js"));
if (!hasCorpus) console.warn(`parity.test.ts: skipped, ${CORPUS} is not present`);

type Message = ESLint.LintResult["messages"][number];
const key = (m: Message) => [m.ruleId, m.severity, m.line, m.column, m.endLine, m.endColumn, m.message].join("|");

function byFile(results: Array<{ filePath: string; messages: Message[] }>): Map<string, string[]> {
  return new Map(results.map((r) => [path.relative(CORPUS, r.filePath), r.messages.map(key).sort()]));
}

describe.skipIf(!hasCorpus || !hasCli)(`the same findings as the CLI on ${CORPUS}`, () => {
  it("lints the same files and reports the same messages at the same places", async () => {
    const run = spawnSync(process.execPath, [cli, "--format", "json", "--no-progress", "."], { cwd: CORPUS, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
    expect(run.status, run.stderr).toBe(1);
    const fromCli = byFile(JSON.parse(run.stdout) as ESLint.LintResult[]);

    const eslint = new ESLint({ cwd: CORPUS, overrideConfigFile: true, overrideConfig: [docker.configs.recommended] });
    const fromEslint = byFile(await eslint.lintFiles(["."]));

    expect([...fromEslint.keys()].sort()).toEqual([...fromCli.keys()].sort());
    expect(fromEslint.size).toBeGreaterThan(300);
    const differing = [...fromCli].filter(([file, messages]) => JSON.stringify(messages) !== JSON.stringify(fromEslint.get(file)));
    expect(differing.map(([file]) => file)).toEqual([]);
    // Not a vacuous match: the corpus has findings from many rules.
    const rules = new Set([...fromCli.values()].flat().map((k) => k.split("|")[0]));
    expect(rules.size).toBeGreaterThanOrEqual(5);
  }, 120_000);
});
