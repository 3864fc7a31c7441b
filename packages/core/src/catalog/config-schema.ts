/**
 * The JSON schema of docker-lint.config.json, made from the rules themselves (ids, option
 * schemas, docs), so editors complete and check rule names and options. The shipped file,
 * schema/docker-lint.config.schema.json, is this function's output (`npm run schema -w
 * packages/core` writes it; a test checks it is current).
 */
import { rules } from "../rules/index.js";
import { presets } from "../presets.js";
import { PLUGIN_NAMESPACE } from "../create-rule.js";

export const SCHEMA_ID = "https://github.com/docker-lint/docker-lint/blob/main/packages/core/schema/docker-lint.config.schema.json";
/**
 * Where `--init` points `$schema`: the copy installed with the package.
 * @public (the schema README and tests name this path)
 */
export const INSTALLED_SCHEMA_PATH = "./node_modules/@docker-lint/core/schema/docker-lint.config.schema.json";

const SEVERITY = { description: "off, warn or error (or 0, 1, 2)", enum: ["off", "warn", "error", 0, 1, 2] };

function ruleEntry(id: string): object {
  const rule = rules[id]!;
  const options = (rule.meta?.schema ?? []) as object[];
  const docs = rule.meta?.docs as { description?: string; url?: string } | undefined;
  const description = `${docs?.description ?? id}${docs?.url ? ` ${docs.url}` : ""}`;
  // Draft-07 tuple form: what editors and most validators read.
  const withOptions = { type: "array", items: [SEVERITY, ...options], additionalItems: false, minItems: 1 };
  return { description, oneOf: [SEVERITY, withOptions] };
}

export function configSchema(): object {
  const ruleProperties: Record<string, object> = {};
  for (const id of Object.keys(rules).sort()) {
    const entry = ruleEntry(id);
    ruleProperties[id] = entry;
    ruleProperties[`${PLUGIN_NAMESPACE}/${id}`] = entry;
  }
  const rulesSchema = { type: "object", description: "Rule settings, by id with or without the @docker-lint/ prefix", properties: ruleProperties, additionalProperties: false };
  const globs = { type: "array", items: { type: "string" } };
  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    $id: SCHEMA_ID,
    title: "docker-lint config",
    type: "object",
    additionalProperties: false,
    properties: {
      $schema: { type: "string" },
      extends: { description: "The preset the rules start from", enum: [...Object.keys(presets), "none"] },
      rules: rulesSchema,
      ignores: { ...globs, description: "Globs, relative to the config file's folder, that the file search skips" },
      overrides: {
        type: "array",
        description: "Rule settings for the files matching `files` (globs relative to the config file's folder)",
        items: { type: "object", required: ["files"], additionalProperties: false, properties: { files: globs, rules: rulesSchema } },
      },
      languageOptions: {
        type: "object",
        properties: {
          goMod: { description: "go.mod text to use instead of the lookup, or false to turn the lookup off", oneOf: [{ type: "string" }, { const: false }] },
          buildContext: { type: "string", description: "Build context folder, relative to each Dockerfile" },
          goWork: { description: "go.work text to use instead of the lookup beside go.mod, or false to turn the lookup off", oneOf: [{ type: "string" }, { const: false }] },
        },
      },
      settings: {
        type: "object",
        description: "Options rules read as context.settings (hadolint's trustedRegistries, labelSchema, strictLabels are kept here)",
        properties: {
          trustedRegistries: globs,
          labelSchema: { type: "object", additionalProperties: { type: "string" } },
          strictLabels: { type: "boolean" },
        },
      },
    },
  };
}
