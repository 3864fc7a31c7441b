/** `--print-config <file>`: the preset and rule settings (with default options filled in) that apply to a file. */
import { createPathMatcher, fullRuleId, type DockerLintConfig } from "../runner/lint.js";
import { presets, type RuleEntry } from "../presets.js";
import { plugin } from "../plugin.js";
import { deepMerge, PLUGIN_NAMESPACE } from "../create-rule.js";

const LEVELS: Record<string, "off" | "warn" | "error"> = { 0: "off", 1: "warn", 2: "error", off: "off", warn: "warn", error: "error" };

export interface EffectiveConfig {
  filePath: string;
  configFile: string | null;
  preset: string;
  rules: Record<string, ["off" | "warn" | "error", ...unknown[]]>;
  languageOptions: Record<string, unknown>;
}

export function effectiveConfig(
  config: DockerLintConfig,
  configFile: string | null,
  extraRules: Record<string, RuleEntry>,
  filePath: string,
  basePath: string,
): EffectiveConfig {
  const preset = config.extends ?? "recommended";
  const layers: Array<Record<string, RuleEntry>> = [preset === "none" ? {} : presets[preset] ?? {}, config.rules ?? {}];
  for (const o of config.overrides ?? []) if (createPathMatcher(o.files, basePath)(filePath)) layers.push(o.rules ?? {});
  layers.push(extraRules);

  // Later layers win; a bare level keeps the options set by earlier layers, as in ESLint.
  const merged = new Map<string, unknown[]>();
  for (const layer of layers) {
    for (const [id, entry] of Object.entries(layer)) {
      const full = fullRuleId(id);
      const [level, ...opts] = Array.isArray(entry) ? entry : [entry];
      merged.set(full, [level, ...(opts.length > 0 || !merged.has(full) ? opts : merged.get(full)!.slice(1))]);
    }
  }

  const rules: EffectiveConfig["rules"] = {};
  for (const id of [...merged.keys()].sort()) {
    const [level, ...opts] = merged.get(id)!;
    const rule = plugin.rules[id.slice(PLUGIN_NAMESPACE.length + 1)];
    const defaults = ((rule?.meta as { defaultOptions?: unknown[] } | undefined)?.defaultOptions ?? []);
    const length = Math.max(defaults.length, opts.length);
    const options = Array.from({ length }, (_, i) => deepMerge(defaults[i], opts[i]));
    rules[id] = [LEVELS[String(level)] ?? "off", ...options];
  }
  return { filePath, configFile, preset, rules, languageOptions: { ...(config.languageOptions ?? {}) }, ...(config.settings ? { settings: config.settings } : {}) };
}
