/**
 * `.hadolint.yaml` as a config source: its `ignored` and `override` lists become rule settings
 * (through the rules' hadolint equivalents), its `failure-threshold` and `no-color` CLI defaults.
 * `trustedRegistries`, `label-schema` and `strict-labels` are carried in the config's `settings`
 * for the rules that will read them (none does yet).
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { equivalentsOf, rulesForHadolint } from "../catalog/equivalents.js";
import type { RuleEntry } from "../presets.js";
import { ConfigError, type DockerLintConfig } from "./lint.js";

export const HADOLINT_CONFIG_FILES = [".hadolint.yaml", ".hadolint.yml"];

/** hadolint's levels, most severe first; `none`/`ignore` as a threshold fail on any finding (as hadolint). */
export const HADOLINT_LEVELS = ["error", "warning", "info", "style", "none"] as const;
export type FailureThreshold = (typeof HADOLINT_LEVELS)[number];

export interface HadolintSettings {
  trustedRegistries?: string[];
  labelSchema?: Record<string, string>;
  strictLabels?: boolean;
}

export interface TranslatedHadolintConfig {
  file: string;
  /** Rule settings from `ignored` and `override`. */
  rules: Record<string, RuleEntry>;
  /** Options carried for rules to come. */
  settings: HadolintSettings;
  failureThreshold?: FailureThreshold;
  noColor?: boolean;
  /** What has no docker-lint equivalent, one line each (for `--init --from-hadolint`). */
  unmapped: string[];
}

/** The nearest `.hadolint.yaml`/`.yml` in `cwd` or a parent folder. */
export function findHadolintConfig(cwd: string): string | null {
  let dir = path.resolve(cwd);
  for (;;) {
    for (const name of HADOLINT_CONFIG_FILES) {
      const p = path.join(dir, name);
      if (existsSync(p)) return p;
    }
    const up = path.dirname(dir);
    if (up === dir) return null;
    dir = up;
  }
}

export function isHadolintConfigFile(file: string): boolean {
  return /\.ya?ml$/i.test(file);
}

const stringList = (value: unknown, key: string, file: string): string[] => {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) throw new ConfigError(`"${key}" must be a list of strings`, file);
  return value;
};

/** Severity of a docker-lint rule for a hadolint level: ours has two. */
const LEVEL_TO_SEVERITY: Record<string, "error" | "warn"> = { error: "error", warning: "warn", info: "warn", style: "warn" };

/** Reads and translates a `.hadolint.yaml`. Errors name the file and line. */
export async function loadHadolintConfig(file: string): Promise<TranslatedHadolintConfig> {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new ConfigError(`cannot read config: ${(e as Error).message}`, file);
  }
  const { parseDocument } = await import("yaml");
  const doc = parseDocument(text);
  if (doc.errors.length > 0) {
    const err = doc.errors[0]!;
    const where = err.linePos?.[0] ? ` (line ${err.linePos[0].line}, column ${err.linePos[0].col})` : "";
    throw new ConfigError(`invalid YAML${where}: ${err.message.split("\n")[0]}`, file);
  }
  return translateHadolintConfig(doc.toJS() ?? {}, file);
}

export function translateHadolintConfig(raw: unknown, file: string): TranslatedHadolintConfig {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) throw new ConfigError("config must be a mapping", file);
  const c = raw as Record<string, unknown>;
  const out: TranslatedHadolintConfig = { file, rules: {}, settings: {}, unmapped: [] };
  const noEquivalent = new Set<string>();
  const rulesOf = (code: string) => {
    const ids = rulesForHadolint(code);
    if (ids.length === 0) noEquivalent.add(code);
    return ids;
  };

  // hadolint applies style, info, warning, then error: the most severe override wins.
  const override: unknown = c.override ?? {};
  if (typeof override !== "object" || override === null || Array.isArray(override)) throw new ConfigError(`"override" must be a mapping of level to codes`, file);
  for (const level of ["style", "info", "warning", "error"]) {
    for (const code of stringList((override as Record<string, unknown>)[level], `override.${level}`, file)) {
      for (const id of rulesOf(code)) out.rules[id] = LEVEL_TO_SEVERITY[level]!;
    }
  }
  for (const key of Object.keys(override)) {
    if (!(key in LEVEL_TO_SEVERITY)) throw new ConfigError(`"override.${key}": expected error, warning, info or style`, file);
  }
  // Ignored codes win over overrides (hadolint drops ignored findings last).
  const ignored = stringList(c.ignored, "ignored", file);
  const ignoredSet = new Set(ignored.map((code) => code.toUpperCase()));
  for (const code of ignored) {
    for (const id of rulesOf(code)) {
      if (out.rules[id] === "off") continue;
      out.rules[id] = "off";
      // One rule can cover several codes: say what else goes with it.
      const others = (equivalentsOf(id).hadolint ?? []).filter((other) => !ignoredSet.has(other));
      if (others.length > 0) out.unmapped.push(`${id} is off because ${code} is ignored; it also covers ${others.join(", ")}`);
    }
  }
  if (noEquivalent.size > 0) out.unmapped.push(`no docker-lint rule covers ${[...noEquivalent].sort().join(", ")}`);

  const registries = stringList(c.trustedRegistries, "trustedRegistries", file);
  if (registries.length > 0) out.settings.trustedRegistries = registries;
  const schema = c["label-schema"];
  if (schema !== undefined && schema !== null) {
    if (typeof schema !== "object" || Array.isArray(schema)) throw new ConfigError(`"label-schema" must be a mapping of label to type`, file);
    out.settings.labelSchema = schema as Record<string, string>;
  }
  if (c["strict-labels"] !== undefined) out.settings.strictLabels = c["strict-labels"] === true;
  if (out.settings.trustedRegistries || out.settings.labelSchema || out.settings.strictLabels) {
    out.unmapped.push("trustedRegistries, label-schema and strict-labels are kept in \"settings\"; no rule checks them yet");
  }

  const threshold = c["failure-threshold"];
  if (threshold !== undefined) {
    const t = (typeof threshold === "string" ? threshold : JSON.stringify(threshold)).toLowerCase();
    out.failureThreshold = (t === "ignore" ? "none" : t) as FailureThreshold;
    if (!(HADOLINT_LEVELS as readonly string[]).includes(out.failureThreshold)) {
      throw new ConfigError(`"failure-threshold" must be one of ${HADOLINT_LEVELS.join(", ")}; got ${JSON.stringify(threshold)}`, file);
    }
  }
  if (c["no-color"] !== undefined) out.noColor = c["no-color"] === true;
  for (const key of ["disable-ignore-pragma", "no-fail", "verbose", "format", "formats"]) {
    if (c[key] !== undefined) out.unmapped.push(`"${key}" has no config equivalent${CLI_HINTS[key] ?? ""}`);
  }
  return out;
}

const CLI_HINTS: Record<string, string> = {
  "no-fail": " (ignore the exit code, or use --failure-threshold error with rules at warn)",
  format: " (use -f on the command line)",
  formats: " (use -f on the command line)",
};

/** `config` with the hadolint rules and settings beneath its own (docker-lint's config wins). */
export function mergeHadolintConfig(config: DockerLintConfig, hadolint: TranslatedHadolintConfig): DockerLintConfig {
  const merged: DockerLintConfig = { ...config, rules: { ...hadolint.rules, ...config.rules } };
  if (Object.keys(hadolint.settings).length > 0) merged.settings = { ...hadolint.settings, ...config.settings };
  return merged;
}

/**
 * The failure threshold as docker-lint severities: `error` fails on errors only (our default);
 * `warning`, `info`, `style` and `none` fail on warnings too, hadolint's lower levels being our `warn`.
 */
export function failsOnWarnings(threshold: FailureThreshold | undefined): boolean {
  return threshold !== undefined && threshold !== "error";
}

export interface ConfigSources {
  /** The docker-lint config file, else the .hadolint.yaml used, else null (globs and messages are relative to its folder). */
  configFile: string | null;
  /** The effective config: docker-lint's over hadolint's translation. */
  config: DockerLintConfig;
  hadolint: TranslatedHadolintConfig | null;
}

/**
 * The config of a run: `explicit` (-c) alone when given (a docker-lint config, or a .hadolint.yaml);
 * else the nearest docker-lint config and the nearest .hadolint.yaml, docker-lint's winning.
 */
export async function loadConfigSources(cwd: string, explicit?: string): Promise<ConfigSources> {
  const { findConfigFile, loadConfigFile } = await import("./lint.js");
  if (explicit !== undefined) {
    const file = path.resolve(cwd, explicit);
    if (isHadolintConfigFile(file)) {
      const hadolint = await loadHadolintConfig(file);
      return { configFile: file, config: mergeHadolintConfig({}, hadolint), hadolint };
    }
    return { configFile: file, config: await loadConfigFile(file), hadolint: null };
  }
  const configFile = findConfigFile(cwd);
  const config = configFile ? await loadConfigFile(configFile) : {};
  const hadolintFile = findHadolintConfig(cwd);
  if (!hadolintFile) return { configFile, config, hadolint: null };
  const hadolint = await loadHadolintConfig(hadolintFile);
  return { configFile: configFile ?? hadolintFile, config: mergeHadolintConfig(config, hadolint), hadolint };
}
