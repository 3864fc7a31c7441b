import type { DockerRule } from "../create-rule.js";
import copyFromProducedPath from "./copy-from-produced-path.js";
import goStaticBinary from "./go-static-binary.js";
import goVersionMatchesGoMod from "./go-version-matches-go-mod.js";
import jsonExecForm from "./json-exec-form.js";
import noDisplacedDirective from "./no-displaced-directive.js";
import noUnpinnedToolchain from "./no-unpinned-toolchain.js";
import pinGoInstallVersion from "./pin-go-install-version.js";
import requireImageTag from "./require-image-tag.js";
import requireMinimalRuntimeBase from "./require-minimal-runtime-base.js";
import requireMultiStage from "./require-multi-stage.js";
import requireNonRootUser from "./require-non-root-user.js";
import validCopyFrom from "./valid-copy-from.js";
import validSyntax from "./valid-syntax.js";
import stageNameCasing from "./stage-name-casing.js";
import fromAsCasing from "./from-as-casing.js";
import noDuplicateStageName from "./no-duplicate-stage-name.js";
import noReservedStageName from "./no-reserved-stage-name.js";
import noRedundantTargetPlatform from "./no-redundant-target-platform.js";
import noConstantPlatform from "./no-constant-platform.js";
import noMaintainer from "./no-maintainer.js";
import consistentInstructionCasing from "./consistent-instruction-casing.js";
import noEmptyContinuation from "./no-empty-continuation.js";
import noLegacyKeyValue from "./no-legacy-key-value.js";
import validExpose from "./valid-expose.js";
import noOverriddenInstruction from "./no-overridden-instruction.js";
import absoluteWorkdir from "./absolute-workdir.js";
import noSecretsInArgEnv from "./no-secrets-in-arg-env.js";
import noUndefinedArgInFrom from "./no-undefined-arg-in-from.js";
import validDefaultArgInFrom from "./valid-default-arg-in-from.js";
import noUndefinedVar from "./no-undefined-var.js";

/**
 * Every rule, by id (without the `@docker-lint/` prefix). The order is the order rules run in,
 * which decides the order of two messages at the same line and column, and the order of the
 * presets: add new rules at the end.
 */
export const rules: Record<string, DockerRule<any, string>> = {
  "require-multi-stage": requireMultiStage,
  "no-unpinned-toolchain": noUnpinnedToolchain,
  "pin-go-install-version": pinGoInstallVersion,
  "require-minimal-runtime-base": requireMinimalRuntimeBase,
  "go-version-matches-go-mod": goVersionMatchesGoMod,
  "go-static-binary": goStaticBinary,
  "valid-copy-from": validCopyFrom,
  "copy-from-produced-path": copyFromProducedPath,
  "require-non-root-user": requireNonRootUser,
  "require-image-tag": requireImageTag,
  "no-displaced-directive": noDisplacedDirective,
  "json-exec-form": jsonExecForm,
  "valid-syntax": validSyntax,
  "stage-name-casing": stageNameCasing,
  "from-as-casing": fromAsCasing,
  "no-duplicate-stage-name": noDuplicateStageName,
  "no-reserved-stage-name": noReservedStageName,
  "no-redundant-target-platform": noRedundantTargetPlatform,
  "no-constant-platform": noConstantPlatform,
  "no-maintainer": noMaintainer,
  "consistent-instruction-casing": consistentInstructionCasing,
  "no-empty-continuation": noEmptyContinuation,
  "no-legacy-key-value": noLegacyKeyValue,
  "valid-expose": validExpose,
  "no-overridden-instruction": noOverriddenInstruction,
  "absolute-workdir": absoluteWorkdir,
  "no-secrets-in-arg-env": noSecretsInArgEnv,
  "no-undefined-arg-in-from": noUndefinedArgInFrom,
  "valid-default-arg-in-from": validDefaultArgInFrom,
  "no-undefined-var": noUndefinedVar,
};
