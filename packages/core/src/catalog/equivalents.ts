/**
 * Which hadolint codes and BuildKit check names each docker-lint rule covers, so that a
 * `# hadolint ignore=DL3002` pragma, a `.hadolint.yaml` `ignored` list or a BuildKit
 * `# check=skip=…` silences the docker-lint rules that report the same concern.
 *
 * Each rule carries its own as `meta.docs.equivalents`; this module indexes them.
 */
import { rules } from "../rules/index.js";

export interface RuleEquivalents {
  hadolint?: string[];
  buildkit?: string[];
}

/** The equivalents of a rule (short id or `@docker-lint/` id), from its meta when it has them. */
export function equivalentsOf(ruleId: string): RuleEquivalents {
  const short = ruleId.startsWith("@docker-lint/") ? ruleId.slice("@docker-lint/".length) : ruleId;
  const fromMeta = (rules[short]?.meta?.docs as { equivalents?: RuleEquivalents } | undefined)?.equivalents;
  return fromMeta ?? {};
}

let hadolintIndex: Map<string, string[]> | null = null;
let buildkitIndex: Map<string, string[]> | null = null;

function index(kind: keyof RuleEquivalents): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const id of Object.keys(rules)) {
    for (const name of equivalentsOf(id)[kind] ?? []) {
      const key = kind === "hadolint" ? name.toUpperCase() : name;
      map.set(key, [...(map.get(key) ?? []), id]);
    }
  }
  return map;
}

/** docker-lint rule ids (short) that report what hadolint's `code` (DL3002…) reports; [] when none. */
export function rulesForHadolint(code: string): string[] {
  hadolintIndex ??= index("hadolint");
  return hadolintIndex.get(code.toUpperCase()) ?? [];
}

/** docker-lint rule ids (short) that report what BuildKit's check `name` (exact spelling) reports; [] when none. */
export function rulesForBuildkit(name: string): string[] {
  buildkitIndex ??= index("buildkit");
  return buildkitIndex.get(name) ?? [];
}

/** Short ids of every rule with a BuildKit counterpart: what `# check=skip=all` and `error=true` reach. */
export function rulesWithBuildkitEquivalents(): string[] {
  return Object.keys(rules).filter((id) => (equivalentsOf(id).buildkit ?? []).length > 0);
}
