/**
 * Which hadolint codes and BuildKit check names each docker-lint rule covers, so that a
 * `# hadolint ignore=DL3002` pragma, a `.hadolint.yaml` `ignored` list or a BuildKit
 * `# check=skip=…` silences the docker-lint rules that report the same concern.
 *
 * One table until the rules carry it themselves as `meta.docs.equivalents`: then this module
 * reads it from there and the entries below move into the rules.
 */
import { rules } from "../rules/index.js";

export interface RuleEquivalents {
  hadolint?: string[];
  buildkit?: string[];
}

/** Rules without an entry have no hadolint or BuildKit counterpart. */
const TABLE: Record<string, RuleEquivalents> = {
  // DL3002: the last USER of a stage is root (hadolint checks every stage, we the final one).
  "require-non-root-user": { hadolint: ["DL3002"] },
  // DL3006: FROM without a tag; DL3007: the `latest` tag.
  "require-image-tag": { hadolint: ["DL3006", "DL3007"] },
  // Toolchain images without a version are DL3006/DL3007 to hadolint; DL3062: `go install` without @version.
  "no-unpinned-toolchain": { hadolint: ["DL3006", "DL3007", "DL3062"] },
  // DL3022: COPY --from an unknown stage; DL3023: COPY --from its own stage.
  "valid-copy-from": { hadolint: ["DL3022", "DL3023"] },
  // DL3025 and BuildKit's JSONArgsRecommended: shell-form CMD/ENTRYPOINT.
  "json-exec-form": { hadolint: ["DL3025"], buildkit: ["JSONArgsRecommended"] },
};

/** The equivalents of a rule (short id or `@docker-lint/` id), from its meta when it has them. */
export function equivalentsOf(ruleId: string): RuleEquivalents {
  const short = ruleId.startsWith("@docker-lint/") ? ruleId.slice("@docker-lint/".length) : ruleId;
  const fromMeta = (rules[short]?.meta?.docs as { equivalents?: RuleEquivalents } | undefined)?.equivalents;
  return fromMeta ?? TABLE[short] ?? {};
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
