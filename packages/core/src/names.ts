/**
 * File names docker-lint reacts to: Dockerfiles, its config files, and the folders no preset
 * lints. Pure data and string checks, so the lean `@docker-lint/core/shared` entry can carry them.
 */

/** A glob for the names isDockerfileName accepts (Nx createNodes, editors). */
export const DOCKERFILE_GLOB = "**/{Dockerfile,Containerfile,Dockerfile.*,*.[Dd]ockerfile}";

/** `Dockerfile`, `Dockerfile.*`, `*.Dockerfile`, `*.dockerfile`, `Containerfile`; never `*.dockerignore`. */
export function isDockerfileName(name: string): boolean {
  if (name.endsWith(".dockerignore")) return false;
  return name === "Dockerfile" || name === "Containerfile" || name.startsWith("Dockerfile.") || /.\.[Dd]ockerfile$/.test(name);
}

/** docker-lint config files, in lookup order. */
export const CONFIG_FILES = ["docker-lint.config.json", "docker-lint.config.mjs", "docker-lint.config.js", ".docker-lintrc.json"];

/** ESLint flat config names: a workspace linting Dockerfiles through ESLint keeps its settings there. */
export const ESLINT_CONFIG_FILES = ["eslint.config.js", "eslint.config.mjs", "eslint.config.cjs", "eslint.config.ts", "eslint.config.mts", "eslint.config.cts"];

/** Files no preset lints unless named explicitly: dev containers and dependencies. */
export const DEFAULT_IGNORES = ["**/.devcontainer/**", "**/node_modules/**"];

/** The folder names DEFAULT_IGNORES skips, for quick checks of path segments. */
export const IGNORED_SEGMENTS: ReadonlySet<string> = new Set([".devcontainer", "node_modules"]);
