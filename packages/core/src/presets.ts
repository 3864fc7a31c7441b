/**
 * Rule presets, as ESLint rule maps with full `@docker-lint/<id>` ids, generated from each
 * rule's `meta.docs` (`recommended`, `strict`): a new rule joins a preset by saying so itself.
 */
import { PLUGIN_NAMESPACE, type DockerRuleDocs } from "./create-rule.js";
import { rules } from "./rules/index.js";

type Level = "off" | "warn" | "error";
export type RuleEntry = Level | 0 | 1 | 2 | [Level | 0 | 1 | 2, ...unknown[]];
export type RulesMap = Record<string, RuleEntry>;

/** A docs `recommended`/`strict` value as a rule entry; undefined when the rule is not in. */
function entry(value: DockerRuleDocs["recommended"]): RuleEntry | undefined {
  if (value === undefined || value === false) return undefined;
  return value === true ? "error" : ["error", ...value];
}

function preset(pick: (docs: DockerRuleDocs) => RuleEntry | undefined): RulesMap {
  const map: RulesMap = {};
  for (const [name, rule] of Object.entries(rules)) {
    const chosen = rule.meta?.docs ? pick(rule.meta.docs) : undefined;
    if (chosen !== undefined) map[`${PLUGIN_NAMESPACE}/${name}`] = chosen;
  }
  return map;
}

/** Tuned so that a well-written multi-stage Dockerfile gets no error. */
export const recommended: RulesMap = preset((docs) => entry(docs.recommended));

/** Every recommended rule, plus stricter options: patch or digest pins, slim runtimes and shell-form CMD reported everywhere. */
export const strict: RulesMap = preset((docs) => entry(docs.strict) ?? entry(docs.recommended));

/** Every rule on, with its default options. */
export const all: RulesMap = preset(() => "error");

export const presets: Record<string, RulesMap> = { recommended, strict, all };

export { DEFAULT_IGNORES } from "./names.js";
