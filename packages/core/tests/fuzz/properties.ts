/** The properties every input must keep, checked against the real runner (both of its paths). */
import { DockerLinter, type LintMessage, type LintResult } from "../../src/index.js";

const FILE = "/fuzz/Dockerfile";

/** One linter per go.mod text and runner; the fast runner is chosen at construction (env). */
const linters = new Map<string, DockerLinter>();
function linterFor(goMod: string | false, runner: "fast" | "eslint"): DockerLinter {
  const key = `${runner}\u0000${goMod === false ? "" : `=${goMod}`}`;
  let linter = linters.get(key);
  if (!linter) {
    if (linters.size > 200) linters.clear();
    const saved = process.env.DOCKER_LINT_RUNNER;
    if (runner === "eslint") process.env.DOCKER_LINT_RUNNER = "eslint";
    else delete process.env.DOCKER_LINT_RUNNER;
    try {
      linter = new DockerLinter({ extends: "strict", languageOptions: { goMod } });
    } finally {
      if (saved === undefined) delete process.env.DOCKER_LINT_RUNNER;
      else process.env.DOCKER_LINT_RUNNER = saved;
    }
    linters.set(key, linter);
  }
  return linter;
}

/**
 * Bugs the fuzzer found in the engine (outside the runner), each with an it.fails case in
 * found.test.ts. An input that hits one is counted here and not checked further, so a long run
 * can look past it for others; delete the entry once the bug is fixed.
 */
const KNOWN_BUGS: Array<{ name: string; hit: (error: Error) => boolean }> = [];
export const knownBugHits = new Map<string, number>();
class KnownBug extends Error {}

export class PropertyFailure extends Error {
  constructor(property: string, detail: string) {
    super(`${property}: ${detail}`);
    this.name = "PropertyFailure";
  }
}

function fail(property: string, detail: unknown): never {
  throw new PropertyFailure(property, typeof detail === "string" ? detail : JSON.stringify(detail).slice(0, 2000));
}

/** The text as the engine sees it: without a leading BOM (ESLint strips it). */
function linesOf(text: string): string[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return body.split(/\r\n|\r|\n/);
}

export function checkPositions(property: string, text: string, messages: LintMessage[]): void {
  const lines = linesOf(text);
  for (const m of messages) {
    const inside = (line: number, column: number) => line >= 1 && line <= lines.length && column >= 1 && column <= lines[line - 1]!.length + 1;
    if (!inside(m.line, m.column)) fail(property, { message: m.message, line: m.line, column: m.column, lines: lines.length });
    if (m.endLine !== undefined && !inside(m.endLine, m.endColumn ?? 1)) fail(property, { message: m.message, endLine: m.endLine, endColumn: m.endColumn });
    if (m.endLine !== undefined && (m.endLine < m.line || (m.endLine === m.line && (m.endColumn ?? m.column) < m.column))) fail(property, { message: m.message, reversed: m });
    const fix = m.fix;
    if (fix && !(fix.range[0] >= 0 && fix.range[0] <= fix.range[1] && fix.range[1] <= text.length)) fail(property, { message: m.message, fix });
  }
}

/** The report's content, for comparing runs (message objects from the two paths differ in key order). */
function comparable(r: LintResult): string {
  return JSON.stringify(
    r.messages.map((m) => [m.ruleId, m.severity, m.message, m.messageId ?? null, m.line, m.column, m.endLine ?? null, m.endColumn ?? null, m.fix ?? null, m.fatal ?? false]),
  );
}

function count(messages: LintMessage[], ruleId: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const m of messages) if (m.ruleId === ruleId) out.set(m.messageId ?? m.message, (out.get(m.messageId ?? m.message) ?? 0) + 1);
  return out;
}

/**
 * The engine never throws; every position lies inside the file; the same input gives the same
 * report (twice, and through both runner paths); fixing twice equals fixing once; and a rule that
 * fixed something finds nothing new in the fixed text.
 */
export function checkProperties(text: string, goMod: string | false = false): void {
  try {
    checkAll(text, goMod);
  } catch (e) {
    if (!(e instanceof KnownBug)) throw e;
  }
}

function checkAll(text: string, goMod: string | false): void {
  const fast = linterFor(goMod, "fast");
  const lint = (linter: DockerLinter, source: string, fix = false): LintResult => {
    try {
      return linter.lintText(source, { filePath: FILE, fix });
    } catch (e) {
      const known = KNOWN_BUGS.find((b) => b.hit(e as Error));
      if (known) {
        knownBugHits.set(known.name, (knownBugHits.get(known.name) ?? 0) + 1);
        throw new KnownBug(known.name);
      }
      return fail("never throws", `${(e as Error).stack ?? e}`);
    }
  };
  const first = lint(fast, text);
  checkPositions("positions inside the file", text, first.messages);
  const again = lint(fast, text);
  if (comparable(again) !== comparable(first)) fail("same input, same output", { first: comparable(first), again: comparable(again) });
  const viaLinter = lint(linterFor(goMod, "eslint"), text);
  if (comparable(viaLinter) !== comparable(first)) fail("same output from both runner paths", { fast: comparable(first), eslint: comparable(viaLinter) });

  const fixed = lint(fast, text, true);
  const once = fixed.output ?? text;
  checkPositions("positions inside the fixed file", once, fixed.messages);
  const twice = lint(fast, once, true).output ?? once;
  if (twice !== once) fail("fixing twice equals fixing once", { once, twice });

  if (fixed.output === undefined) return;
  for (const ruleId of new Set(first.messages.filter((m) => m.fix).map((m) => m.ruleId))) {
    if (ruleId === null) continue;
    const before = count(first.messages, ruleId);
    for (const [id, n] of count(fixed.messages, ruleId)) {
      if (n > (before.get(id) ?? 0)) fail("a fixing rule finds nothing new in the fixed text", { ruleId, messageId: id, before: before.get(id) ?? 0, after: n, once });
    }
  }
}
