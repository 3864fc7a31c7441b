import type { DockerRule } from "../create-rule.js";
import shellcheck from "./shellcheck.js";
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
import noIgnorePragma from "./no-ignore-pragma.js";
import noInteractiveCommands from "./no-interactive-commands.js";
import preferWorkdir from "./prefer-workdir.js";
import noSudo from "./no-sudo.js";
import preferAddToExtract from "./prefer-add-to-extract.js";
import validExposePort from "./valid-expose-port.js";
import preferCopy from "./prefer-copy.js";
import copyMultipleSourcesToDir from "./copy-multiple-sources-to-dir.js";
import trustedRegistries from "./trusted-registries.js";
import validOnbuild from "./valid-onbuild.js";
import noEnvSelfReference from "./no-env-self-reference.js";
import relativeCopyNeedsWorkdir from "./relative-copy-needs-workdir.js";
import useraddNoLogInit from "./useradd-no-log-init.js";
import quietWget from "./quiet-wget.js";
import validLabelKey from "./valid-label-key.js";
import requireLabels from "./require-labels.js";
import labelSchema from "./label-schema.js";
import requireHealthcheck from "./require-healthcheck.js";
import mergeConsecutiveRuns from "./merge-consecutive-runs.js";
import userNumericId from "./user-numeric-id.js";
import noCopyStageRoot from "./no-copy-stage-root.js";
import singleDownloadTool from "./single-download-tool.js";
import useShellInstruction from "./use-shell-instruction.js";
import requirePipefail from "./require-pipefail.js";
import pinPackageVersions from "./pin-package-versions.js";
import nonInteractiveInstall from "./non-interactive-install.js";
import cleanPackageCache from "./clean-package-cache.js";
import noInstallRecommends from "./no-install-recommends.js";
import preferAptGet from "./prefer-apt-get.js";
import noZypperDistUpgrade from "./no-zypper-dist-upgrade.js";
import noCopyIgnoredFile from "./no-copy-ignored-file.js";
import validDefinitionDescription from "./valid-definition-description.js";
import validBaseImagePlatform from "./valid-base-image-platform.js";
import entrypointBinaryExists from "./entrypoint-binary-exists.js";
import noRunWithoutShell from "./no-run-without-shell.js";
import userInPasswd from "./user-in-passwd.js";
import noGoToolexec from "./no-go-toolexec.js";
import scratchCaCertificates from "./scratch-ca-certificates.js";
import goBuildReleaseFlags from "./go-build-release-flags.js";
import goCrossBuildTarget from "./go-cross-build-target.js";
import noCopyGoWorkspace from "./no-copy-go-workspace.js";
import goDependencyCaching from "./go-dependency-caching.js";
import goLocalModuleInContext from "./go-local-module-in-context.js";

/**
 * Every rule, by id (without the `@docker-lint/` prefix). The order is the order rules run in,
 * which decides the order of two messages at the same line and column, and the order of the
 * presets: add new rules at the end.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- rules of every options type: Options is read and written, so only `any` admits them all
export const rules: Record<string, DockerRule<any>> = {
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
  "no-ignore-pragma": noIgnorePragma,
  "no-interactive-commands": noInteractiveCommands,
  "prefer-workdir": preferWorkdir,
  "no-sudo": noSudo,
  "prefer-add-to-extract": preferAddToExtract,
  "valid-expose-port": validExposePort,
  "prefer-copy": preferCopy,
  "copy-multiple-sources-to-dir": copyMultipleSourcesToDir,
  "trusted-registries": trustedRegistries,
  "valid-onbuild": validOnbuild,
  "no-env-self-reference": noEnvSelfReference,
  "relative-copy-needs-workdir": relativeCopyNeedsWorkdir,
  "useradd-no-log-init": useraddNoLogInit,
  "quiet-wget": quietWget,
  "valid-label-key": validLabelKey,
  "require-labels": requireLabels,
  "label-schema": labelSchema,
  "require-healthcheck": requireHealthcheck,
  "merge-consecutive-runs": mergeConsecutiveRuns,
  "user-numeric-id": userNumericId,
  "no-copy-stage-root": noCopyStageRoot,
  "single-download-tool": singleDownloadTool,
  "use-shell-instruction": useShellInstruction,
  "require-pipefail": requirePipefail,
  "pin-package-versions": pinPackageVersions,
  "non-interactive-install": nonInteractiveInstall,
  "clean-package-cache": cleanPackageCache,
  "no-install-recommends": noInstallRecommends,
  "prefer-apt-get": preferAptGet,
  "no-zypper-dist-upgrade": noZypperDistUpgrade,
  "no-copy-ignored-file": noCopyIgnoredFile,
  "valid-definition-description": validDefinitionDescription,
  "valid-base-image-platform": validBaseImagePlatform,
  shellcheck,
  "entrypoint-binary-exists": entrypointBinaryExists,
  "no-run-without-shell": noRunWithoutShell,
  "user-in-passwd": userInPasswd,
  "no-go-toolexec": noGoToolexec,
  "scratch-ca-certificates": scratchCaCertificates,
  "go-build-release-flags": goBuildReleaseFlags,
  "go-cross-build-target": goCrossBuildTarget,
  "no-copy-go-workspace": noCopyGoWorkspace,
  "go-dependency-caching": goDependencyCaching,
  "go-local-module-in-context": goLocalModuleInContext,
};
