import type { DockerRule } from "../create-rule.js";
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

/**
 * Every rule, by id (without the `@docker-lint/` prefix). The order is the order rules run in,
 * which decides the order of two messages at the same line and column, and the order of the
 * presets: add new rules at the end.
 */
export const rules: Record<string, DockerRule<any, string>> = {
  "require-multi-stage": requireMultiStage,
  "no-unpinned-toolchain": noUnpinnedToolchain,
  "require-minimal-runtime-base": requireMinimalRuntimeBase,
  "go-version-matches-go-mod": goVersionMatchesGoMod,
  "go-static-binary": goStaticBinary,
  "valid-copy-from": validCopyFrom,
  "require-non-root-user": requireNonRootUser,
  "require-image-tag": requireImageTag,
  "no-displaced-directive": noDisplacedDirective,
  "json-exec-form": jsonExecForm,
  "valid-syntax": validSyntax,
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
};
