/**
 * Nx 24 inference: every Dockerfile gives the project that holds it a cached `docker-lint`
 * target. A folder with a Dockerfile (and a go.mod) but no project file becomes a project,
 * named after its folder as @nx-go/nx-go names Go projects, so the two plugins agree.
 */
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { CreateNodesContext, CreateNodesResult, CreateNodes, NxJsonConfiguration, ProjectConfiguration, TargetConfiguration } from "@nx/devkit";
import { DOCKERFILE_GLOB, CONFIG_FILES, ESLINT_CONFIG_FILES, IGNORED_SEGMENTS, isDockerfileName } from "../lib/names";
import { DEFAULT_FIX_TARGET, DEFAULT_TARGET, EXECUTOR, toSwitch, type DockerLintPluginOptions, type LintExecutorOptions } from "../lib/options";
import { loadCore, type Core, type CoreModule } from "../lib/core";
import { planGoBuild } from "../lib/go-build";
import { copyInputs, ignoreNegations, inferContext, isDir, literalContextSources, relativeContext } from "./context";
import { GoDepsCache } from "./go-inputs";
import { PLUGIN_PACKAGE, selfInputs } from "./self-inputs";

type Input = NonNullable<TargetConfiguration["inputs"]>[number];

const PROJECT_FILES = ["project.json", "package.json"];

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

function readJson(p: string): Record<string, unknown> | null {
  try {
    return JSON.parse(readFileSync(p, "utf8")) as Record<string, unknown>;
  } catch {
    return null;
  }
}

const posix = (p: string) => p.split(path.sep).join("/");

/**
 * The project a Dockerfile belongs to: the nearest folder at or above it (below the workspace
 * root) with a project.json or package.json; else the Dockerfile's own folder. A go.mod above
 * does not claim it: in a single-module repository each `cmd/<service>/` is its own project.
 */
export function projectRootFor(workspaceRoot: string, dockerfile: string): string {
  const own = posix(path.dirname(dockerfile));
  for (let dir = own; dir !== "." && dir !== ""; dir = posix(path.dirname(dir))) {
    const abs = path.join(workspaceRoot, dir);
    if (PROJECT_FILES.some((f) => isFile(path.join(abs, f)))) return dir;
  }
  return own === "" ? "." : own;
}

/**
 * The name to give the project, or undefined when another plugin names it (project.json).
 * A package.json name is repeated so the project is named even outside npm workspaces.
 */
export function projectName(workspaceRoot: string, root: string): string | undefined {
  const abs = path.join(workspaceRoot, root);
  const projectJson = path.join(abs, "project.json");
  if (isFile(projectJson)) {
    const name = readJson(projectJson)?.name;
    return typeof name === "string" ? name : undefined;
  }
  const pkg = readJson(path.join(abs, "package.json"));
  if (pkg && typeof pkg.name === "string") return pkg.name;
  return root === "." ? path.basename(workspaceRoot) : path.posix.basename(root);
}

/** A folder name shared by two inferred projects (two `build/` folders) becomes its path, `a-build`. */
function uniqueNames(workspaceRoot: string, roots: string[]): Map<string, string | undefined> {
  const names = new Map(roots.map((r) => [r, projectName(workspaceRoot, r)] as const));
  const count = new Map<string, number>();
  for (const n of names.values()) if (n) count.set(n, (count.get(n) ?? 0) + 1);
  for (const [root, n] of names) {
    const named = isFile(path.join(workspaceRoot, root, "project.json")) || isFile(path.join(workspaceRoot, root, "package.json"));
    if (n && !named && (count.get(n) ?? 0) > 1) names.set(root, root.split("/").join("-"));
  }
  return names;
}

/** `{projectRoot}/x` for paths inside the project, `{workspaceRoot}/x` otherwise. */
function fileInput(root: string, workspacePath: string): string {
  const rel = root === "." ? workspacePath : path.posix.relative(root, workspacePath);
  if (!rel.startsWith("..")) return rel === "" ? "{projectRoot}" : `{projectRoot}/${rel}`;
  return workspacePath === "" || workspacePath === "." ? "{workspaceRoot}" : `{workspaceRoot}/${workspacePath}`;
}

/** The nearest `name` file at or above `dir`, up to the workspace root (workspace-relative), or null. */
function nearestUp(workspaceRoot: string, dir: string, name: string): string | null {
  for (let cur = dir; ; cur = posix(path.dirname(cur))) {
    const rel = cur === "." || cur === "" ? name : `${cur}/${name}`;
    if (isFile(path.join(workspaceRoot, rel))) return rel;
    if (cur === "." || cur === "") return null;
  }
}

/** The folders from `dir` up to the workspace root, workspace-relative (`.` for the root). */
function foldersUp(dir: string): string[] {
  const out: string[] = [];
  for (let cur = dir; ; cur = posix(path.dirname(cur))) {
    out.push(cur === "" ? "." : cur);
    if (cur === "." || cur === "") return out;
  }
}

type TargetDefaultValue = NonNullable<NxJsonConfiguration["targetDefaults"]>[string];

/**
 * Options a targetDefaults value sets for our targets: the plain form, or the array form's
 * entries that apply to every project of this plugin's executor (last one wins).
 */
function defaultOptions(value: TargetDefaultValue | undefined): Record<string, unknown> {
  if (!value) return {};
  if (!Array.isArray(value)) return (value.options ?? {}) as Record<string, unknown>;
  let out: Record<string, unknown> = {};
  for (const entry of value) {
    const f = entry.filter;
    if (f?.projects || (f?.executor && f.executor !== EXECUTOR) || (f?.plugin && f.plugin !== PLUGIN_PACKAGE)) continue;
    out = { ...out, ...((entry.options ?? {}) as Record<string, unknown>) };
  }
  return out;
}

/** Options as Nx will hand them to the executor: plugin defaults < targetDefaults < project.json. */
function effectiveOptions(
  workspaceRoot: string,
  root: string,
  targetName: string,
  nxJson: NxJsonConfiguration | undefined,
  defaults: LintExecutorOptions,
): LintExecutorOptions {
  const td = nxJson?.targetDefaults ?? {};
  const fromDefaults = { ...defaultOptions(td[EXECUTOR]), ...defaultOptions(td[targetName]) } as LintExecutorOptions;
  const projectJson = readJson(path.join(workspaceRoot, root, "project.json")) as ProjectConfiguration | null;
  const fromProject = (projectJson?.targets?.[targetName]?.options ?? {}) as LintExecutorOptions;
  return { ...defaults, ...fromDefaults, ...fromProject };
}

export function lintInputs(workspaceRoot: string, root: string, dockerfiles: string[], options: LintExecutorOptions): Input[] {
  const inputs = new Set<string>();
  const dirs = new Set<string>();
  for (const df of dockerfiles) {
    const workspacePath = root === "." ? df : `${root}/${df}`;
    inputs.add(fileInput(root, workspacePath));
    // Docker reads <Dockerfile>.dockerignore first, then the context's .dockerignore.
    inputs.add(fileInput(root, `${workspacePath}.dockerignore`));
    const dir = posix(path.dirname(workspacePath));
    dirs.add(dir === "" ? "." : dir);
  }
  for (const dir of dirs) {
    const context = posix(path.normalize(path.join(dir, options.buildContext ?? ".")));
    inputs.add(fileInput(root, context === "." ? ".dockerignore" : `${context}/.dockerignore`));
    for (const name of ["go.mod", "go.work"]) {
      const found = nearestUp(workspaceRoot, dir, name);
      if (!found) continue;
      inputs.add(fileInput(root, found));
      // go.mod's checksums live in go.sum, go.work's in go.work.sum.
      inputs.add(fileInput(root, name === "go.mod" ? found.replace(/go\.mod$/, "go.sum") : `${found}.sum`));
    }
  }
  // The config lookup walks up from each Dockerfile's folder; everything it could find is an input.
  const configNames = `{${[...CONFIG_FILES, ...ESLINT_CONFIG_FILES].join(",")}}`;
  const configDirs = new Set([...dirs].flatMap(foldersUp));
  for (const dir of configDirs) inputs.add(dir === "." ? `{workspaceRoot}/${configNames}` : `{workspaceRoot}/${dir}/${configNames}`);
  return [...inputs];
}

export const DOCKER_ENGINE_PROBE = "docker version --format '{{.Server.Version}}' 2>/dev/null || echo no-engine";

/** The base images the Dockerfiles pull (ARG defaults applied), sorted; `scratch` and variables left out. */
export function baseImages(models: Array<Core.DockerfileModel | null>): string[] {
  const out = new Set<string>();
  for (const model of models) {
    for (const stage of model?.stages ?? []) {
      const ref = stage.base?.resolved;
      if (!ref || ref === "scratch" || stage.base!.unresolved.length > 0 || !/^[A-Za-z0-9][A-Za-z0-9._/:@-]*$/.test(ref)) continue;
      out.add(ref);
    }
  }
  return [...out].sort();
}

/**
 * What step 3's outcome depends on besides files: whether an engine answers (its version) and
 * the local images the build starts from. Each image's id, or `missing`, so a result cached
 * while a base image was absent (build failed) or different is not replayed once it is there;
 * Nx shares task history across clones and worktrees, and an unhashed difference shows as flaky tasks.
 */
export function engineProbe(images: string[]): string {
  const ids = images.map((i) => `docker image inspect --format '${i} {{.Id}}' '${i}' 2>/dev/null || echo '${i} missing'`);
  return [DOCKER_ENGINE_PROBE, ...ids].join("; ");
}

/** A Dockerfile as the inference read it: its model (null when unreadable or broken). */
export interface DockerfileFacts {
  /** Workspace-relative path. */
  file: string;
  model: Core.DockerfileModel | null;
}

export interface BuildInputsContext {
  workspaceRoot: string;
  core: CoreModule | null;
  goDeps: GoDepsCache;
}

function withNegations(inputs: Set<string>, root: string, negations: string[]): void {
  for (const n of negations) inputs.add(`!${fileInput(root, n.slice(1))}`);
}

/**
 * Steps 2 and 3 read the build context, so what they read becomes an input while they may run:
 * the Go packages the service's main package imports inside the workspace (`go list -deps`),
 * their module files, and the other files the Dockerfile COPYs. When that cannot be worked out
 * (no Go on the host, a Dockerfile that does not parse, a build that cannot be mapped), the
 * whole context is the input: more re-runs, never a stale result.
 */
export function buildInputs(root: string, facts: DockerfileFacts[], options: LintExecutorOptions, ctx: BuildInputsContext): Input[] {
  const goBuild = toSwitch(options.goBuild);
  if (goBuild === false && toSwitch(options.image) === false) return [];
  const inputs = new Set<string>();
  for (const { file, model } of facts) {
    const context = posix(path.normalize(path.join(path.dirname(file), options.buildContext ?? ".")));
    const whole = () => inputs.add(fileInput(root, context === "." ? "**/*" : `${context}/**/*`));
    if (!model || context.startsWith("..")) {
      whole();
      continue;
    }
    const contextDir = path.join(ctx.workspaceRoot, context);
    const planned = planGoBuild({ model, contextDir, isDir, expand: ctx.core?.expand });
    const plan = planned.kind === "plan" ? planned.plan : null;
    if (planned.kind === "error") {
      whole();
      continue;
    }
    if (plan) {
      const goWork = literalContextSources(model).some((s) => path.posix.basename(s) === "go.work");
      const deps = ctx.goDeps.resolve(plan, { go: options.go, goWork });
      if (!deps.ok) {
        whole();
        continue;
      }
      for (const dir of deps.deps.dirs) inputs.add(fileInput(root, dir === "." ? "*.go" : `${dir}/*.go`));
      for (const f of [...deps.deps.files, ...deps.deps.moduleFiles]) inputs.add(fileInput(root, f));
    }
    for (const f of copyInputs({ model, context, workspaceRoot: ctx.workspaceRoot, plan })) inputs.add(fileInput(root, f));
    const ignoreFile = isFile(path.join(ctx.workspaceRoot, `${file}.dockerignore`)) ? `${file}.dockerignore` : context === "." ? ".dockerignore" : `${context}/.dockerignore`;
    let ignoreText: string | null = null;
    try {
      ignoreText = readFileSync(path.join(ctx.workspaceRoot, ignoreFile), "utf8");
    } catch {
      /* no .dockerignore */
    }
    withNegations(inputs, root, ignoreNegations(ignoreText, context));
  }
  const out: Input[] = [...inputs];
  // A missing go makes the command fail, which Nx hashes like any other output.
  if (goBuild !== false) out.push({ runtime: `${options.go ?? "go"} version` });
  if (toSwitch(options.image) !== false) out.push({ runtime: engineProbe(baseImages(facts.map((f) => f.model))) });
  return out;
}

export interface InferredProject {
  root: string;
  dockerfiles: string[];
}

/** Groups Dockerfiles by the project that holds them; skips dev containers and dependencies. */
export function groupDockerfiles(workspaceRoot: string, files: readonly string[]): InferredProject[] {
  const byRoot = new Map<string, string[]>();
  for (const file of files) {
    const f = posix(file);
    if (!isDockerfileName(path.posix.basename(f))) continue;
    if (f.split("/").some((seg) => IGNORED_SEGMENTS.has(seg))) continue;
    const root = projectRootFor(workspaceRoot, f);
    const rel = root === "." ? f : path.posix.relative(root, f);
    const list = byRoot.get(root) ?? [];
    list.push(rel);
    byRoot.set(root, list);
  }
  return [...byRoot].map(([root, dockerfiles]) => ({ root, dockerfiles: dockerfiles.sort() }));
}

export interface InferredNode {
  /** The Dockerfile (workspace-relative) that Nx attributes the project to. */
  file: string;
  project: ProjectConfiguration;
}

/** Inputs without repeats (the lint and build steps both name go.mod); objects compared by content. */
function unique(inputs: Input[]): Input[] {
  const seen = new Set<string>();
  return inputs.filter((i) => {
    const key = JSON.stringify(i);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function readFacts(workspaceRoot: string, file: string, core: CoreModule | null): DockerfileFacts {
  if (!core) return { file, model: null };
  try {
    const parsed = core.parse(readFileSync(path.join(workspaceRoot, file), "utf8"));
    return { file, model: parsed.ok ? core.buildModel(parsed.ast, null) : null };
  } catch {
    return { file, model: null };
  }
}

async function loadCoreOrNull(): Promise<CoreModule | null> {
  try {
    return await loadCore();
  } catch {
    // Without the core every input falls back to the whole context; the executor reports the problem.
    return null;
  }
}

export async function inferProjects(
  files: readonly string[],
  options: DockerLintPluginOptions | undefined,
  context: Pick<CreateNodesContext, "workspaceRoot" | "nxJsonConfiguration">,
): Promise<InferredNode[]> {
  const targetName = options?.targetName ?? DEFAULT_TARGET;
  const fixTargetName = options?.fixTargetName === undefined ? DEFAULT_FIX_TARGET : options.fixTargetName;
  const workspaceRoot = context.workspaceRoot;
  const self = selfInputs(workspaceRoot);
  const core = await loadCoreOrNull();
  const goDeps = new GoDepsCache(workspaceRoot);
  const groups = groupDockerfiles(workspaceRoot, files);
  const names = uniqueNames(workspaceRoot, groups.map((g) => g.root));
  const nodes: InferredNode[] = [];
  for (const { root, dockerfiles } of groups) {
    const at = (df: string) => (root === "." ? df : `${root}/${df}`);
    const facts = new Map<string, DockerfileFacts>();
    for (const df of dockerfiles) facts.set(df, readFacts(workspaceRoot, at(df), core));
    const defaults: LintExecutorOptions = { dockerfiles };
    if (options?.goBuild !== undefined) defaults.goBuild = options.goBuild;
    if (options?.image !== undefined) defaults.image = options.image;
    // One buildContext serves every Dockerfile of the target: set it only when they agree.
    const contexts = new Set(dockerfiles.map((df) => {
      const model = facts.get(df)!.model;
      return model ? relativeContext(at(df), inferContext(workspaceRoot, at(df), model, core?.expand)) : ".";
    }));
    if (contexts.size === 1 && !contexts.has(".")) defaults.buildContext = [...contexts][0]!;
    const effective = effectiveOptions(workspaceRoot, root, targetName, context.nxJsonConfiguration, defaults);
    const name = names.get(root);
    const shown = effective.dockerfiles ?? dockerfiles;
    const shownFacts = shown.map((df) => facts.get(df) ?? readFacts(workspaceRoot, at(df), core));
    const targets: Record<string, TargetConfiguration> = {
      [targetName]: {
        executor: EXECUTOR,
        options: defaults,
        cache: true,
        inputs: unique([...lintInputs(workspaceRoot, root, shown, effective), ...buildInputs(root, shownFacts, effective, { workspaceRoot, core, goDeps }), ...self]),
        outputs: [],
        metadata: {
          technologies: ["docker"],
          description: `Lint ${shown.join(", ")}; build the Go service and the image and check them`,
          ...(name ? { help: { command: `npx nx run ${name}:${targetName} --help`, example: { options: { maxImageSize: "20MB", smokeArgs: ["-version"] } } } } : {}),
        },
      },
    };
    if (fixTargetName) {
      // A fix run rewrites its own inputs, so a cached replay would skip the rewrite: never cache it.
      targets[fixTargetName] = {
        executor: EXECUTOR,
        options: { dockerfiles, fix: true, goBuild: false, image: false },
        cache: false,
        metadata: { technologies: ["docker"], description: `Apply docker-lint fixes to ${shown.join(", ")}` },
      };
    }
    nodes.push({
      file: at(dockerfiles[0]!),
      project: { root, ...(name ? { name } : {}), targets },
    });
  }
  goDeps.save();
  return nodes;
}

export const createNodes: CreateNodes<DockerLintPluginOptions> = [
  DOCKERFILE_GLOB,
  async (files, options, context) =>
    // Nx expects results per config file; a project's first Dockerfile carries it.
    (await inferProjects(files, options, context)).map(({ file, project }): [string, CreateNodesResult] => [file, { projects: { [project.root]: project } }]),
];

/**
 * Nx ≤ 22 called the batched signature createNodesV2; Nx 24 reads either.
 * @alias
 */
export const createNodesV2 = createNodes;
