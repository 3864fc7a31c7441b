/**
 * `@docker-lint/core/shared`: the pure part of the core, loadable with `require()` from CommonJS
 * (Node 20.19+ loads this ES module synchronously: nothing here awaits at the top level or
 * loads ESLint). File names, globs, and the model questions the Nx plugin asks; the model itself
 * still comes from the main entry (`buildModel`).
 */
export { CONFIG_FILES, DEFAULT_IGNORES, DOCKERFILE_FILE_GLOBS, DOCKERFILE_GLOB, DOCKERFILE_NAME_PATTERNS, DOCKERFILE_PATH_REGEX, ESLINT_CONFIG_FILES, IGNORED_SEGMENTS, isDockerfileName } from "./names.js";
export { buildsFeeding, chain, descendants, entryPath, hasCCompiler, localBuilds, rawDestination, rootStage, selectBuild } from "./model/analysis.js";
export { compileStep, program, programIndex, WRAPPERS } from "./model/commands.js";
export { globToRegExp, hasGlob, matchesPathGlob } from "./model/glob.js";
export { trimSlash } from "./model/paths.js";
export type { CopyModel, DockerfileModel, GoBuild, StageModel } from "./model/model.js";
