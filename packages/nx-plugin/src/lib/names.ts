/**
 * File names the plugin reacts to. They mirror the core's discovery and config lookup, which
 * is ESM and heavy to load; tests check the two stay equal.
 */

/** The createNodes glob: the same names the CLI lints. */
export const DOCKERFILE_GLOB = "**/{Dockerfile,Containerfile,Dockerfile.*,*.[Dd]ockerfile}";

/** `Dockerfile`, `Dockerfile.*`, `*.Dockerfile`, `*.dockerfile`, `Containerfile`; never `*.dockerignore`. */
export function isDockerfileName(name: string): boolean {
  if (name.endsWith(".dockerignore")) return false;
  return name === "Dockerfile" || name === "Containerfile" || name.startsWith("Dockerfile.") || /.\.[Dd]ockerfile$/.test(name);
}

/** docker-lint config files, in the core's lookup order (`CONFIG_FILES`). */
export const CONFIG_FILES = ["docker-lint.config.json", "docker-lint.config.mjs", "docker-lint.config.js", ".docker-lintrc.json"];

/** ESLint flat config names: a workspace linting Dockerfiles through ESLint keeps its settings there. */
export const ESLINT_CONFIG_FILES = ["eslint.config.js", "eslint.config.mjs", "eslint.config.cjs", "eslint.config.ts", "eslint.config.mts", "eslint.config.cts"];

/** Folders whose Dockerfiles are never a service's (core's DEFAULT_IGNORES). */
export const IGNORED_SEGMENTS = new Set([".devcontainer", "node_modules"]);
