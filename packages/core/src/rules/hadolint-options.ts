/**
 * hadolint's rule settings (`trustedRegistries`, `label-schema`, `strict-labels`, as in
 * .hadolint.yaml) as the options of the docker-lint rules that read them.
 */
import type { RuleEntry } from "../presets.js";

export interface HadolintRuleSettings {
  trustedRegistries?: string[];
  labelSchema?: Record<string, string>;
  strictLabels?: boolean;
}

/** Rule entries (at `severity`) carrying the settings; rules the settings don't concern are left out. */
export function hadolintRuleOptions(settings: HadolintRuleSettings, severity: "error" | "warn" = "error"): Record<string, RuleEntry> {
  const rules: Record<string, RuleEntry> = {};
  if (settings.trustedRegistries && settings.trustedRegistries.length > 0) {
    rules["@docker-lint/trusted-registries"] = [severity, { trustedRegistries: settings.trustedRegistries }];
  }
  if (settings.labelSchema && Object.keys(settings.labelSchema).length > 0) {
    rules["@docker-lint/require-labels"] = [severity, { labelSchema: settings.labelSchema }];
    rules["@docker-lint/label-schema"] = [severity, { labelSchema: settings.labelSchema, strictLabels: settings.strictLabels ?? false }];
  }
  return rules;
}
