/**
 * File names the plugin reacts to: core's own lists (`@docker-lint/core/shared`), so that Nx infers
 * targets for exactly the files the CLI lints.
 *
 * This package is CommonJS (module node16), where a static import of the ESM entry does not type-check;
 * `require()` loads it at run time (Node 20.19+ loads an ES module without top-level await synchronously).
 */
import type * as Shared from "@docker-lint/core/shared" with { "resolution-mode": "import" };

// eslint-disable-next-line @typescript-eslint/no-require-imports -- a static import does not type-check here (see above)
export const shared = require("@docker-lint/core/shared") as typeof Shared;

/** The createNodes glob: the same names the CLI lints. */
export const DOCKERFILE_GLOB: string = shared.DOCKERFILE_GLOB;

/** `Dockerfile`, `Dockerfile.*`, `Dockerfile-*`, `*.Dockerfile`, `*.dockerfile`, `Containerfile`; never `*.dockerignore`. */
export const isDockerfileName: (name: string) => boolean = shared.isDockerfileName;

/** docker-lint config files, in the core's lookup order. */
export const CONFIG_FILES: string[] = shared.CONFIG_FILES;

/** ESLint flat config names: a workspace linting Dockerfiles through ESLint keeps its settings there. */
export const ESLINT_CONFIG_FILES: string[] = shared.ESLINT_CONFIG_FILES;

/** Folders whose Dockerfiles are never a service's (core's DEFAULT_IGNORES). */
export const IGNORED_SEGMENTS: ReadonlySet<string> = shared.IGNORED_SEGMENTS;
