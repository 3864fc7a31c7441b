/**
 * `@docker-lint/eslint-plugin`: docker-lint's Dockerfile language and rules for ESLint's flat config.
 *
 * The language and rule objects are core's own (not copies), so `npx eslint` and `npx docker-lint`
 * run the same code and report the same findings; this package only adds ready-made configs.
 */
import { createRequire } from "node:module";
import type { ESLint, Linter } from "eslint";
import { DEFAULT_IGNORES, DOCKERFILE_FILE_GLOBS, LANGUAGE_REF, PLUGIN_NAMESPACE, plugin as core, presets, type RulesMap } from "@docker-lint/core";

const require = createRequire(import.meta.url);
const { name, version } = require("../package.json") as { name: string; version: string };

/**
 * Dockerfile names: `Dockerfile`, `Dockerfile.prod`, `Dockerfile-dev`, `api.Dockerfile`, `api.dockerfile`,
 * `Containerfile`: core's list, so that ESLint lints what the CLI lints.
 */
export const files: string[] = [...DOCKERFILE_FILE_GLOBS];

/**
 * `Dockerfile.*` also matches Docker's per-Dockerfile ignore files (`Dockerfile.dockerignore`);
 * dev-container Dockerfiles are skipped as the docker-lint CLI skips them.
 */
export const ignores: string[] = ["**/*.dockerignore", ...DEFAULT_IGNORES];

/** The language id to put in a config's `language` key. */
export const language: string = LANGUAGE_REF;

export const meta = { name, version, namespace: PLUGIN_NAMESPACE };
export const languages = core.languages;
export const rules = core.rules;

// A type alias, not an interface: ESLint.Plugin["configs"] needs an index signature.
export type DockerLintConfigs = { recommended: Linter.Config; strict: Linter.Config; all: Linter.Config };

export const configs = {} as DockerLintConfigs;

const plugin = { meta, languages, rules, configs } satisfies ESLint.Plugin;

function presetConfig(preset: string, ruleMap: RulesMap): Linter.Config {
  return {
    name: `${PLUGIN_NAMESPACE}/${preset}`,
    files,
    ignores,
    // The plugin key must be the namespace: rule ids and inline comments say `@docker-lint/<id>`.
    plugins: { [PLUGIN_NAMESPACE]: plugin },
    language: LANGUAGE_REF,
    rules: ruleMap,
  };
}

// Filled after `plugin` exists because each config refers back to the plugin.
configs.recommended = presetConfig("recommended", presets.recommended!);
configs.strict = presetConfig("strict", presets.strict!);
configs.all = presetConfig("all", presets.all!);

export default plugin;
