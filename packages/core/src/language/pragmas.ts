/**
 * hadolint's and BuildKit's suppression comments, read as docker-lint rule suppressions through
 * the rules' equivalents (src/catalog/equivalents.ts):
 *
 * - `# hadolint ignore=DL3002,DL3006`: the instruction on the next line (as hadolint: a blank
 *   line or another comment in between breaks it; a finding anywhere in that instruction counts);
 * - `# hadolint global ignore=…`: the whole file;
 * - `# hadolint stage ignore=…`: from below the line after the pragma through the next FROM
 *   line (hadolint's reach, measured against it: not the FROM right below, but the next one);
 * - `# hadolint shell=pwsh`: the shell hadolint assumes for RUN (kept as `shell`);
 * - `# check=skip=Name,Other` or `skip=all` (BuildKit, parser-directive position only): the file;
 *   `# check=error=true`: the runner turns those rules' warnings into errors.
 *
 * A hadolint code list with anything but codes in it (`ignore=crazy,DL3002`) is ignored as a
 * whole, as hadolint does.
 */
import type { DockerfileNode } from "./ast.js";
import type { AnyDockerRule } from "../create-rule.js";
import { rulesForBuildkit, rulesForHadolint, rulesWithBuildkitEquivalents } from "../catalog/equivalents.js";

export interface Pragmas {
  /** Short rule ids off for the whole file (`hadolint global ignore`, `check=skip`). */
  file: Set<string>;
  /** Instruction start line -> short rule ids ignored on it (`hadolint ignore`). */
  nextLine: Map<number, Set<string>>;
  /** `hadolint stage ignore`: rule ids off below `after` through the next FROM. */
  stages: Array<{ after: number; ruleIds: Set<string> }>;
  /** `# check=error=true`: short ids of the rules whose warnings become errors. */
  checkErrors: Set<string>;
  /** `# hadolint shell=…`, when given. */
  shell: string | null;
}

const HADOLINT = /^hadolint\s+(?:(global|stage)\s+)?ignore\s*=\s*(.*)$/i;
const HADOLINT_SHELL = /^hadolint\s+shell\s*=\s*(\S+)/i;
const CHECK = /^check\s*=\s*(.*)$/i;
const CODE = /^[DLSC0-9]+$/;

/** hadolint's code list: `DL3023, DL3021 # reason`; null when any entry is not a code. */
function hadolintCodes(list: string): string[] | null {
  const codes = list.replace(/#.*$/, "").split(",").map((c) => c.trim());
  return codes.every((c) => CODE.test(c)) ? codes : null;
}

function addRules(target: Set<string>, ruleIds: string[]): void {
  for (const id of ruleIds) target.add(id);
}

const EMPTY: Pragmas = Object.freeze({
  file: new Set<string>(),
  nextLine: new Map(),
  stages: [],
  checkErrors: new Set<string>(),
  shell: null,
});

/** The pragmas of a parsed file; `text` is its source (comments are read as written). */
export function readPragmas(ast: DockerfileNode, text: string): Pragmas {
  // Directives and comments alike: a top-of-file `# hadolint global ignore=…` looks like a directive.
  const nodes = ast.directives.length > 0 ? [...ast.directives, ...ast.comments] : ast.comments;
  let pragmas: Pragmas | null = null;
  for (const node of nodes) {
    // A comment's value is already its text after `#`, trimmed.
    const raw = node.type === "Comment" ? node.value : text.slice(node.range[0], node.range[1]).replace(/^\s*#\s*/, "").trim();
    const first = raw.charCodeAt(0) | 0x20;
    if (first !== 0x68 /* h */ && first !== 0x63 /* c */) continue;
    const line = node.loc.start.line;
    const hadolint = HADOLINT.exec(raw);
    if (hadolint) {
      const codes = hadolintCodes(hadolint[2]!);
      if (!codes) continue;
      const ruleIds = codes.flatMap(rulesForHadolint);
      pragmas ??= fresh();
      const scope = hadolint[1]?.toLowerCase();
      if (scope === "global") addRules(pragmas.file, ruleIds);
      else if (scope === "stage") pragmas.stages.push({ after: line + 1, ruleIds: new Set(ruleIds) });
      else {
        const set = pragmas.nextLine.get(line + 1) ?? new Set<string>();
        addRules(set, ruleIds);
        pragmas.nextLine.set(line + 1, set);
      }
      continue;
    }
    const shell = HADOLINT_SHELL.exec(raw);
    if (shell) {
      pragmas ??= fresh();
      pragmas.shell = shell[1]!;
      continue;
    }
    const check = node.type === "Directive" ? CHECK.exec(raw) : null;
    if (check) {
      pragmas ??= fresh();
      readCheck(check[1]!, pragmas);
    }
  }
  return pragmas ?? EMPTY;
}

/** BuildKit's `check` directive: `skip=A,B;error=true` (names as BuildKit spells them). */
function readCheck(value: string, pragmas: Pragmas): void {
  for (const part of value.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim().toLowerCase();
    const val = part.slice(eq + 1).trim();
    if (key === "skip") {
      for (const name of val.split(",").map((n) => n.trim())) {
        addRules(pragmas.file, name === "all" ? rulesWithBuildkitEquivalents() : rulesForBuildkit(name));
      }
    } else if (key === "error" && val.toLowerCase() === "true") {
      addRules(pragmas.checkErrors, rulesWithBuildkitEquivalents());
    }
  }
}

function fresh(): Pragmas {
  return { file: new Set(), nextLine: new Map(), stages: [], checkErrors: new Set(), shell: null };
}

/** True when the pragmas take nothing away from any rule. */
export function suppressesNothing(pragmas: Pragmas): boolean {
  return pragmas.file.size === 0 && pragmas.nextLine.size === 0 && pragmas.stages.length === 0;
}

/**
 * Whether `ruleId`'s finding on `line` is suppressed. hadolint places a finding on the first line
 * of its instruction, so `line` is first moved to the start of the instruction that holds it.
 */
export function isSuppressed(pragmas: Pragmas, ast: DockerfileNode, ruleId: string, line: number): boolean {
  if (pragmas.file.has(ruleId)) return true;
  if (pragmas.nextLine.size === 0 && pragmas.stages.length === 0) return false;
  const instructions = ast.instructions;
  let start = line;
  for (const node of instructions) {
    if (node.loc.start.line > line) break;
    if (node.loc.end.line >= line) {
      start = node.loc.start.line;
      break;
    }
  }
  if (pragmas.nextLine.get(start)?.has(ruleId)) return true;
  for (const { after, ruleIds } of pragmas.stages) {
    if (!ruleIds.has(ruleId) || start <= after) continue;
    // Off through the next FROM below the line after the pragma, that FROM included.
    const nextFrom = instructions.find((n) => n.keyword === "FROM" && n.loc.start.line > after);
    if (!nextFrom || start <= nextFrom.loc.start.line) return true;
  }
  return false;
}

interface ReportTarget {
  loc?: { start?: { line: number }; line?: number };
  node?: { loc?: { start: { line: number } } };
}

function reportLine(target: ReportTarget | undefined): number | null {
  const loc = target?.loc ?? target?.node?.loc;
  if (!loc) return null;
  return (loc).start?.line ?? (loc as { line?: number }).line ?? null;
}

const wrapped = new WeakSet();

/**
 * Makes the rule drop its reports where a pragma names one of its equivalents (in place, so that
 * ESLint, the CLI and Nx share one set of rule objects). Done around the rule rather than as
 * ESLint disable directives: ESLint reports a directive that suppresses nothing, and its --fix
 * would then rewrite the hadolint comment.
 */
export function honourPragmas<R extends AnyDockerRule>(ruleId: string, rule: R): R {
  if (wrapped.has(rule)) return rule;
  wrapped.add(rule);
  const create = rule.create.bind(rule);
  rule.create = function create_(context: Parameters<R["create"]>[0]) {
    const sourceCode = context.sourceCode;
    const pragmas = sourceCode.pragmas;
    if (suppressesNothing(pragmas)) return create(context);
    if (pragmas.file.has(ruleId)) return {};
    const report = context.report.bind(context) as (...a: unknown[]) => void;
    const ast = sourceCode.ast;
    const filtered: unknown = Object.create(context, {
      report: {
        value(...args: unknown[]) {
          const line = reportLine(args[0] as ReportTarget);
          if (line !== null && isSuppressed(pragmas, ast, ruleId, line)) return;
          report(...args);
        },
      },
    });
    return create(Object.freeze(filtered) as typeof context);
  };
  return rule;
}

/** Leading parser-directive lines (`# name=value`), where BuildKit reads `# check=`. */
const DIRECTIVE_LINE = /^[ \t]*#[ \t]*([A-Za-z][A-Za-z0-9]*)[ \t]*=(.*)$/;

/**
 * `# check=error=true` among the parser directives: warnings of the rules with a BuildKit
 * counterpart become errors (the runner's part of it; severities are not the rules' to set).
 */
export function promoteCheckErrors<M extends { ruleId: string | null; severity: 1 | 2 }>(text: string, messages: M[]): M[] {
  if (!text.startsWith("#") && !/^\s*#/.test(text)) return messages;
  let promoted: Set<string> | null = null;
  for (const line of text.split(/\r?\n/, 20)) {
    const m = DIRECTIVE_LINE.exec(line);
    if (!m) break;
    if (m[1]!.toLowerCase() !== "check") continue;
    const pragmas = fresh();
    readCheck(m[2]!, pragmas);
    if (pragmas.checkErrors.size > 0) promoted = pragmas.checkErrors;
  }
  if (!promoted || !messages.some((m) => m.severity === 1)) return messages;
  const prefix = "@docker-lint/";
  return messages.map((m) =>
    m.severity === 1 && m.ruleId?.startsWith(prefix) && promoted.has(m.ruleId.slice(prefix.length)) ? { ...m, severity: 2 } : m,
  );
}
