/**
 * The package's entry point (package.json "exports"): the library from its one-file bundle when
 * the build made one (see load-bundle.ts), else from dist/index.js. Either way one instance, so
 * the CLI, the ESLint plugin and the Nx plugin share the very same rule objects. Types come from
 * index.d.ts; a test keeps the names below equal to index.ts's exports.
 */
import type * as Library from "./index.js";
import { loadBundle } from "./runtime/load-bundle.js";

const library: typeof Library = loadBundle() ?? (await import("./index.js"));

export const {
  CONFIG_FILES,
  ConfigError,
  DEFAULT_IGNORES,
  DiscoveryError,
  DockerLinter,
  DockerfileLanguage,
  DockerfileSourceCode,
  FORMAT_NAMES,
  LANGUAGE_REF,
  LineIndex,
  MAX_SOURCE_BYTES,
  MINIMAL_SUGGESTIONS,
  PLUGIN_NAMESPACE,
  VERSION,
  all,
  buildModel,
  checkText,
  compareGoVersions,
  createPathMatcher,
  createRule,
  decodeSource,
  discoverFiles,
  expand,
  findConfigFile,
  findGoMod,
  fullRuleId,
  goVersionFromTag,
  imageFacts,
  imageName,
  isDockerfileName,
  isFormatName,
  loadConfigFile,
  loadFormatter,
  main,
  parse,
  parseGoMod,
  parseImageRef,
  plugin,
  presets,
  readGoMod,
  readSourceFile,
  recommended,
  rules,
  shortRuleId,
  splitCommands,
  strict,
  toFlatConfig,
  toResult,
  validateConfig,
  visitorKeys,
  writeFixedFile,
} = library;
