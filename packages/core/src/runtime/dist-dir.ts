/**
 * The package's dist/ folder, as a file URL ending in `/`. In the one-file bundle
 * (dist/docker-lint.bundle.cjs) its banner sets __DOCKER_LINT_DIST_URL (scripts/bundle.mjs);
 * elsewhere this module is dist/runtime/dist-dir.js.
 */
declare const __DOCKER_LINT_DIST_URL: string | undefined;

export const DIST_URL: string = typeof __DOCKER_LINT_DIST_URL === "string" ? __DOCKER_LINT_DIST_URL : new URL("../", import.meta.url).href;
