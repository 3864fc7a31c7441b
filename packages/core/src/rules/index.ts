import type { DockerRuleDefinition } from "../create-rule.js";
import goStaticBinary from "./go-static-binary.js";
import goVersionMatchesGoMod from "./go-version-matches-go-mod.js";
import jsonExecForm from "./json-exec-form.js";
import noDisplacedDirective from "./no-displaced-directive.js";
import noUnpinnedToolchain from "./no-unpinned-toolchain.js";
import requireImageTag from "./require-image-tag.js";
import requireMinimalRuntimeBase from "./require-minimal-runtime-base.js";
import requireMultiStage from "./require-multi-stage.js";
import requireNonRootUser from "./require-non-root-user.js";
import validCopyFrom from "./valid-copy-from.js";
import validSyntax from "./valid-syntax.js";

/** Every rule, by id (without the `@docker-lint/` prefix). */
export const rules: Record<string, DockerRuleDefinition<any>> = {
  "go-static-binary": goStaticBinary,
  "go-version-matches-go-mod": goVersionMatchesGoMod,
  "json-exec-form": jsonExecForm,
  "no-displaced-directive": noDisplacedDirective,
  "no-unpinned-toolchain": noUnpinnedToolchain,
  "require-image-tag": requireImageTag,
  "require-minimal-runtime-base": requireMinimalRuntimeBase,
  "require-multi-stage": requireMultiStage,
  "require-non-root-user": requireNonRootUser,
  "valid-copy-from": validCopyFrom,
  "valid-syntax": validSyntax,
};
