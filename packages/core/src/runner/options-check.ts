/**
 * Whether a config's rule options certainly pass ESLint's own check (ajv over each rule's
 * `meta.schema`), decided without loading ESLint's Linter and ajv, which cost a run with any
 * config about 200 ms of start-up (tools/bench/README.md). It knows only the JSON Schema keywords
 * our rules' schemas use; for anything else it is unsure, and then the first file goes through
 * Linter, so a bad option still fails with ESLint's own message. "Certainly valid" must never
 * be said of options ESLint would reject (tests/runner/options-check.test.ts checks this
 * against ESLint on generated options).
 */
import { isPlainObject, type AnyDockerRule } from "../create-rule.js";

type Verdict = boolean | "unsure";

const KNOWN = new Set(["type", "properties", "additionalProperties", "items", "enum", "uniqueItems", "pattern", "minItems", "maxItems", "description"]);

function hasType(value: unknown, type: unknown): Verdict {
  switch (type) {
    case "string":
      return typeof value === "string";
    case "boolean":
      return typeof value === "boolean";
    case "null":
      return value === null;
    case "array":
      return Array.isArray(value);
    case "object":
      return isPlainObject(value);
    case "integer":
      return typeof value === "number" ? (Number.isFinite(value) ? Number.isInteger(value) : "unsure") : false;
    case "number":
      return typeof value === "number" ? (Number.isFinite(value) ? true : "unsure") : false;
    default:
      return "unsure";
  }
}

/** Every verdict true: true; any false: false; else unsure. */
function all(verdicts: Iterable<Verdict>): Verdict {
  let result: Verdict = true;
  for (const v of verdicts) {
    if (v === false) return false;
    if (v === "unsure") result = "unsure";
  }
  return result;
}

function primitive(value: unknown): boolean {
  return value === null || (typeof value !== "object" && typeof value !== "function");
}

function check(schema: unknown, value: unknown): Verdict {
  if (schema === true) return true;
  if (!isPlainObject(schema)) return "unsure";
  for (const key of Object.keys(schema)) if (!KNOWN.has(key)) return "unsure";
  const verdicts: Verdict[] = [];
  const { type } = schema;
  if (type !== undefined) {
    const types = Array.isArray(type) ? type : [type];
    const each = types.map((t) => hasType(value, t));
    verdicts.push(each.includes(true) ? true : each.includes("unsure") ? "unsure" : false);
  }
  if (schema.enum !== undefined) {
    if (!Array.isArray(schema.enum) || !primitive(value) || !schema.enum.every(primitive)) return "unsure";
    verdicts.push(schema.enum.includes(value));
  }
  if (typeof value === "string" && schema.pattern !== undefined) {
    if (typeof schema.pattern !== "string") return "unsure";
    verdicts.push(new RegExp(schema.pattern).test(value));
  }
  if (Array.isArray(value)) {
    const { items, minItems, maxItems, uniqueItems } = schema;
    if (minItems !== undefined) verdicts.push(typeof minItems === "number" ? value.length >= minItems : "unsure");
    if (maxItems !== undefined) verdicts.push(typeof maxItems === "number" ? value.length <= maxItems : "unsure");
    if (uniqueItems === true) verdicts.push(value.every(primitive) ? new Set(value).size === value.length : "unsure");
    else if (uniqueItems !== undefined && uniqueItems !== false) return "unsure";
    // A list of schemas checks items by position; items past it are allowed (no additionalItems).
    if (Array.isArray(items)) verdicts.push(all(value.slice(0, items.length).map((item, i) => check(items[i], item))));
    else if (items !== undefined) verdicts.push(all(value.map((item) => check(items, item))));
  }
  if (isPlainObject(value)) {
    const properties = schema.properties ?? {};
    const extra = schema.additionalProperties;
    if (!isPlainObject(properties)) return "unsure";
    for (const [key, item] of Object.entries(value)) {
      if (Object.hasOwn(properties, key)) verdicts.push(check(properties[key], item));
      else if (extra === false) verdicts.push(false);
      else if (extra !== undefined) verdicts.push(check(extra, item));
    }
  }
  return all(verdicts);
}

/** ESLint's reading of `meta.schema` (its Config's getRuleOptionsSchema), null: options are not checked. */
function optionsSchema(rule: AnyDockerRule): unknown {
  const schema: unknown = rule.meta?.schema;
  if (schema === false) return null;
  if (schema === undefined || (Array.isArray(schema) && schema.length === 0)) return { type: "array", minItems: 0, maxItems: 0 };
  if (Array.isArray(schema)) return { type: "array", items: schema, minItems: 0, maxItems: schema.length };
  return schema;
}

/**
 * True when each enabled rule's options (as ESLint normalises them: numeric severity first,
 * default options merged) certainly pass ESLint's check; false when unsure or invalid.
 */
export function optionsCertainlyValid(rules: Record<string, [number, ...unknown[]]>, ruleFor: (id: string) => AnyDockerRule | undefined): boolean {
  for (const [id, config] of Object.entries(rules)) {
    if (config[0] === 0) continue;
    const rule = ruleFor(id);
    if (!rule) return false;
    const schema = optionsSchema(rule);
    if (schema !== null && check(schema, config.slice(1)) !== true) return false;
  }
  return true;
}
