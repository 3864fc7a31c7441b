/**
 * File names docker-lint reacts to: Dockerfiles, its config files, and the folders no preset
 * lints. Pure data and string checks, so the lean `@docker-lint/core/shared` entry can carry them.
 */

/**
 * The Dockerfile name patterns, without folders: `Dockerfile`, `Dockerfile.prod`, `Dockerfile-dev`,
 * `api.Dockerfile`, `api.dockerfile`, `Containerfile`. Globs are case-sensitive, hence `[Dd]`; no
 * `!(*.*)`-style pattern, which would match `Makefile`. The CLI, the ESLint configs, the Nx plugin
 * and the commit hooks all derive their names from this list.
 */
export const DOCKERFILE_NAME_PATTERNS: readonly string[] = ["Dockerfile", "Dockerfile.*", "Dockerfile-*", "*.[Dd]ockerfile", "Containerfile"];

/** One glob for the names isDockerfileName accepts (Nx createNodes, lint-staged, editors). */
export const DOCKERFILE_GLOB = `**/{${DOCKERFILE_NAME_PATTERNS.join(",")}}`;

/** The same names as separate globs, as ESLint's `files` takes them. */
export const DOCKERFILE_FILE_GLOBS: readonly string[] = DOCKERFILE_NAME_PATTERNS.map((p) => `**/${p}`);

/**
 * The same names as a regular expression over slash-separated paths, in the syntax Python and
 * JavaScript share (pre-commit's `files:`); `*.dockerignore` is excluded separately.
 */
export const DOCKERFILE_PATH_REGEX = "(^|/)(Dockerfile([.-][^/]*)?|Containerfile|[^/]+\\.[Dd]ockerfile)$";

/** `Dockerfile`, `Dockerfile.*`, `Dockerfile-*`, `*.Dockerfile`, `*.dockerfile`, `Containerfile`; never `*.dockerignore`. */
export function isDockerfileName(name: string): boolean {
  if (name.endsWith(".dockerignore")) return false;
  return name === "Dockerfile" || name === "Containerfile" || name.startsWith("Dockerfile.") || name.startsWith("Dockerfile-") || /.\.[Dd]ockerfile$/.test(name);
}

/** docker-lint config files, in lookup order. */
export const CONFIG_FILES = ["docker-lint.config.json", "docker-lint.config.mjs", "docker-lint.config.js", ".docker-lintrc.json"];

/** ESLint flat config names: a workspace linting Dockerfiles through ESLint keeps its settings there. */
export const ESLINT_CONFIG_FILES = ["eslint.config.js", "eslint.config.mjs", "eslint.config.cjs", "eslint.config.ts", "eslint.config.mts", "eslint.config.cts"];

/** Files no preset lints unless named explicitly: dev containers and dependencies. */
export const DEFAULT_IGNORES = ["**/.devcontainer/**", "**/node_modules/**"];

/** The folder names DEFAULT_IGNORES skips, for quick checks of path segments. */
export const IGNORED_SEGMENTS: ReadonlySet<string> = new Set([".devcontainer", "node_modules"]);
