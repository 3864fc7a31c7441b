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
import pinPackageVersions from "./pin-package-versions.js";
import nonInteractiveInstall from "./non-interactive-install.js";
import cleanPackageCache from "./clean-package-cache.js";
import noInstallRecommends from "./no-install-recommends.js";
import preferAptGet from "./prefer-apt-get.js";
import noZypperDistUpgrade from "./no-zypper-dist-upgrade.js";

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
  "pin-package-versions": pinPackageVersions,
  "non-interactive-install": nonInteractiveInstall,
  "clean-package-cache": cleanPackageCache,
  "no-install-recommends": noInstallRecommends,
  "prefer-apt-get": preferAptGet,
  "no-zypper-dist-upgrade": noZypperDistUpgrade,
};
