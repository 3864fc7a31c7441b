/** The plugin object ESLint loads: language, rules and rule presets. */
import { DockerfileLanguage } from "./language/language.js";
import { honourPragmas } from "./language/pragmas.js";
import { rules } from "./rules/index.js";
import { shellcheckFindings } from "./runner/shellcheck.js";
import { PLUGIN_NAMESPACE } from "./create-rule.js";
import { VERSION } from "./version.js";

// Each rule honours `# hadolint ignore=…` and `# check=skip=…` for its equivalents.
for (const [id, rule] of Object.entries(rules)) honourPragmas(id, rule);

export const plugin = {
  meta: { name: "@docker-lint/core", version: VERSION, namespace: PLUGIN_NAMESPACE },
  languages: { dockerfile: new DockerfileLanguage({ shellcheck: shellcheckFindings }) },
  rules,
};
