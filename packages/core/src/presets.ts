/** Rule presets, as ESLint rule maps with full `@docker-lint/<id>` ids. */
import { PLUGIN_NAMESPACE } from "./create-rule.js";

type Level = "off" | "warn" | "error";
export type RuleEntry = Level | 0 | 1 | 2 | [Level | 0 | 1 | 2, ...unknown[]];
export type RulesMap = Record<string, RuleEntry>;

const id = (name: string) => `${PLUGIN_NAMESPACE}/${name}`;

/** Tuned so that a well-written multi-stage Dockerfile gets no error. */
export const recommended: RulesMap = {
  [id("valid-syntax")]: "error",
  [id("require-multi-stage")]: "error",
  [id("no-unpinned-toolchain")]: "error",
  [id("require-minimal-runtime-base")]: "error",
  [id("go-version-matches-go-mod")]: "error",
  [id("go-static-binary")]: "error",
  [id("valid-copy-from")]: "error",
  [id("require-non-root-user")]: "error",
  [id("require-image-tag")]: "error",
  [id("no-displaced-directive")]: "error",
  [id("json-exec-form")]: ["error", { shellBases: false }],
};

/** Patch or digest pins, alpine and slim runtimes reported, shell-form CMD reported everywhere. */
export const strict: RulesMap = {
  ...recommended,
  [id("no-unpinned-toolchain")]: ["error", { level: "patch" }],
  [id("require-minimal-runtime-base")]: ["error", { slim: "report" }],
  [id("json-exec-form")]: ["error", { shellBases: true }],
};

export const presets: Record<string, RulesMap> = { recommended, strict };

/** Files no preset lints unless named explicitly: dev containers. */
export const DEFAULT_IGNORES = ["**/.devcontainer/**", "**/node_modules/**"];
