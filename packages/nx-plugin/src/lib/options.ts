/** The lint executor's options (schema.json mirrors this) and the plugin's nx.json options. */

export type Switch = "auto" | boolean;

export interface LintExecutorOptions {
  /** Dockerfiles to lint, relative to the project root. Inferred targets list the ones found. */
  dockerfiles?: string[];
  /** Output format: `stylish` (default), `json`, `sarif` or `github`. */
  format?: string;
  /** Apply fixes to the files (use the non-cached `docker-lint-fix` target, or --skip-nx-cache). */
  fix?: boolean;
  /** Fail when there are more warnings than this; -1: no limit. */
  maxWarnings?: number;
  /** Step 2: `auto` builds when the Dockerfile builds Go and a host `go` exists. */
  goBuild?: Switch | "true" | "false";
  /** Step 3: `auto` runs when a Docker engine answers. */
  image?: Switch | "true" | "false";
  /** Build context, relative to each Dockerfile's folder. */
  buildContext?: string;
  /** `docker build --network=<value>` (e.g. `none`). */
  network?: string;
  /** Largest acceptable final image, e.g. `20MB`. */
  maxImageSize?: string | number;
  /** Run the image once (`docker run --rm --network none …`) and expect exit 0. */
  smoke?: boolean;
  /** Arguments for the smoke run, appended to the entry point. */
  smokeArgs?: string[];
  /** Seconds the smoke run's program may run, counted from the container's start, before it counts as hung. */
  smokeTimeout?: number;
  /** Memory limit of the smoke run (`docker run --memory`). */
  smokeMemory?: string;
  /** Keep the images built (their names are printed). */
  keepImages?: boolean;
  /** Docker client to use; `auto` picks one that can drive BuildKit. */
  docker?: string;
  /** Seconds to wait for the Docker engine to answer before the image step counts it as absent. */
  engineTimeout?: number;
  /** Seconds allowed for each `docker build`. */
  buildTimeout?: number;
  /** Go command for step 2. */
  go?: string;
  /** Seconds allowed for `go build`. */
  goBuildTimeout?: number;
  buildArgs?: Record<string, string>;
  /** Repository for the validated image, which is then kept: `registry.example/team/api`. */
  imageName?: string;
  /** Tags for `imageName`; `{project}` and `{hash}` (image ID, 12 hex digits) are filled in. Default `{project}-{hash}`. */
  tags?: string[];
  /** `docker build --platform` values. */
  platforms?: string[];
  cacheFrom?: string[];
  cacheTo?: string[];
  /** `docker build --secret` values (`id=npmrc,src=.npmrc`). */
  secrets?: string[];
  /** Environment of the smoke run (`docker run -e`). */
  smokeEnv?: Record<string, string>;
  /** Buildx builder (default: BUILDX_BUILDER, else the client's own BuildKit). */
  builder?: string;
}

export interface DockerLintPluginOptions {
  /** Name of the inferred target (default `docker-lint`). */
  targetName?: string;
  /** Name of the inferred, never-cached fix target (default `docker-lint-fix`); false: none. */
  fixTargetName?: string | false;
  /** Default `goBuild` for inferred targets. */
  goBuild?: Switch;
  /** Default `image` for inferred targets. */
  image?: Switch;
}

export function toSwitch(value: unknown, fallback: Switch = "auto"): Switch {
  if (value === true || value === "true") return true;
  if (value === false || value === "false") return false;
  if (value === "auto") return "auto";
  return fallback;
}

export const EXECUTOR = "@docker-lint/nx-plugin:lint";
export const DEFAULT_TARGET = "docker-lint";
export const DEFAULT_FIX_TARGET = "docker-lint-fix";
