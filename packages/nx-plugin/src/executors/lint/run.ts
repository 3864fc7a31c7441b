/**
 * What the executor does for a set of projects: lint every Dockerfile in one pass (one linter
 * per config file), then per Dockerfile build the Go service (step 2) and the image (step 3).
 * Used for one project by the executor and for many by the batch implementation.
 */
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { loadCore, type Core, type CoreModule } from "../../lib/core";
import { loadFixWriter, loadFormatter } from "../../lib/core-extras";
import { checkImage, findDocker, SMOKE_TIMEOUT_S, type DockerClient } from "../../lib/docker";
import { planGoBuild, runGoBuild, type GoBuildPlan } from "../../lib/go-build";
import { toSwitch, type LintExecutorOptions } from "../../lib/options";
import { parseSize, sizeComparison } from "../../lib/size";

export interface ProjectTask {
  /** Nx task id (`api:docker-lint`). */
  id: string;
  project: string;
  /** Project root, workspace-relative. */
  root: string;
  options: LintExecutorOptions;
}

export interface TaskOutcome {
  success: boolean;
  /** The report for this task (what Nx prints and caches); it ends with one size line per image built. */
  output: string;
}

interface FileEntry {
  task: ProjectTask;
  abs: string;
  /** Workspace-relative, for reports. */
  shown: string;
  text: string | null;
  readError?: string;
  ignored: boolean;
  result?: Core.LintResult;
}

const posix = (p: string) => p.split(path.sep).join("/");

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** Config per folder, loaded once per config file: the CLI's lookup, starting at each Dockerfile's folder. */
class ConfigCache {
  readonly #byDir = new Map<string, string | null>();
  readonly #loaded = new Map<string, Promise<{ linter: Core.DockerLinter; ignored: (f: string) => boolean }>>();
  constructor(readonly core: CoreModule, readonly workspaceRoot: string) {}

  async forFile(abs: string): Promise<{ linter: Core.DockerLinter; ignored: (f: string) => boolean; configFile: string | null }> {
    const dir = path.dirname(abs);
    let configFile = this.#byDir.get(dir);
    if (configFile === undefined) {
      configFile = this.core.findConfigFile(dir);
      this.#byDir.set(dir, configFile);
    }
    const key = configFile ?? "";
    let entry = this.#loaded.get(key);
    if (!entry) {
      entry = (async () => {
        const config = configFile ? await this.core.loadConfigFile(configFile) : {};
        const basePath = configFile ? path.dirname(configFile) : this.workspaceRoot;
        const linter = new this.core.DockerLinter(config, { cwd: this.workspaceRoot, basePath });
        const ignored = config.ignores?.length ? this.core.createPathMatcher(config.ignores, basePath) : () => false;
        return { linter, ignored };
      })();
      this.#loaded.set(key, entry);
    }
    return { ...(await entry), configFile };
  }
}

interface StepContext {
  workspaceRoot: string;
  core: CoreModule;
  docker: () => Promise<DockerClient>;
  onProgress?: ProgressListener;
}

/** Live output of a task's steps, one line at a time, as it happens. */
export type ProgressListener = (project: string, line: string) => void;

/**
 * Writes progress lines to stdout, each prefixed with its project (several may interleave).
 * `alone`: this process runs one task, so a prefix Nx adds itself (`--output-style=stream` sets
 * NX_PREFIX_OUTPUT for the task's process) is enough; a batch's lines never get one from Nx.
 */
export function progressPrinter(alone: boolean, env: NodeJS.ProcessEnv = process.env, write = (s: string) => void process.stdout.write(s)): ProgressListener {
  const nxPrefixes = alone && env.NX_PREFIX_OUTPUT === "true";
  return (project, line) => {
    write(nxPrefixes ? `${line}\n` : `[${project}] ${line}\n`);
  };
}

/** One Docker lookup per process, shared by every task of a batch. */
function dockerLookup(preferred?: string, engineTimeout?: number): () => Promise<DockerClient> {
  let found: Promise<DockerClient> | undefined;
  return () => (found ??= findDocker(preferred, engineTimeout));
}

export interface RunTasksOptions {
  /** Called as each task finishes (batch mode hands results to Nx one by one). */
  onDone?: (id: string, outcome: TaskOutcome) => void;
  onProgress?: ProgressListener;
  /** How many projects build at once (Nx's --parallel); default 3, as Nx's. */
  concurrency?: number;
}

export async function runTasks(tasks: ProjectTask[], workspaceRoot: string, { onDone, onProgress, concurrency = 3 }: RunTasksOptions = {}): Promise<Map<string, TaskOutcome>> {
  const core = await loadCore();
  const outcomes = new Map<string, TaskOutcome>();
  const lintOut = await lintAll(tasks, workspaceRoot, core);
  const docker = dockerLookup(tasks.find((t) => t.options.docker)?.options.docker, tasks.find((t) => t.options.engineTimeout)?.options.engineTimeout);
  const ctx: StepContext = { workspaceRoot, core, docker, onProgress };
  const queue = [...tasks];
  const width = Math.max(1, Math.min(queue.length, concurrency));
  await Promise.all(
    Array.from({ length: width }, async () => {
      for (let task = queue.shift(); task; task = queue.shift()) {
        const lint = lintOut.get(task.id)!;
        const outcome = await buildSteps(task, lint, ctx);
        outcomes.set(task.id, outcome);
        onDone?.(task.id, outcome);
      }
    }),
  );
  return outcomes;
}

interface LintOutcome {
  ok: boolean;
  text: string;
  files: FileEntry[];
}

async function lintAll(tasks: ProjectTask[], workspaceRoot: string, core: CoreModule): Promise<Map<string, LintOutcome>> {
  const configs = new ConfigCache(core, workspaceRoot);
  const out = new Map<string, LintOutcome>();
  const formatters = new Map<string, Awaited<ReturnType<typeof loadFormatter>>>();
  const writeFixed = tasks.some((t) => t.options.fix) ? await loadFixWriter() : null;
  const rulesMeta = Object.fromEntries(Object.entries(core.plugin.rules).map(([id, rule]) => [core.fullRuleId(id), (rule as { meta?: unknown }).meta ?? {}]));
  const color = process.env.NO_COLOR === undefined && (process.stdout.isTTY || (process.env.FORCE_COLOR !== undefined && process.env.FORCE_COLOR !== "0"));

  for (const task of tasks) {
    const lines: string[] = [];
    const files: FileEntry[] = [];
    let ok = true;
    const dockerfiles = task.options.dockerfiles ?? [];
    if (dockerfiles.length === 0) {
      out.set(task.id, { ok: false, text: "docker-lint: no Dockerfiles given (option `dockerfiles`)", files });
      continue;
    }
    for (const rel of dockerfiles) {
      const abs = path.resolve(workspaceRoot, task.root, rel);
      const shown = posix(path.relative(workspaceRoot, abs));
      const entry: FileEntry = { task, abs, shown, text: null, ignored: false };
      files.push(entry);
      try {
        entry.text = readFileSync(abs, "utf8");
      } catch (e) {
        entry.readError = (e as NodeJS.ErrnoException).code === "ENOENT" ? `${shown}: no such file` : `${shown}: ${(e as Error).message}`;
        ok = false;
        lines.push(entry.readError);
        continue;
      }
      let cfg;
      try {
        cfg = await configs.forFile(abs);
      } catch (e) {
        ok = false;
        lines.push(`docker-lint config: ${(e as Error).message}`);
        continue;
      }
      if (cfg.ignored(abs)) {
        entry.ignored = true;
        lines.push(`${shown}: ignored by ${posix(path.relative(workspaceRoot, cfg.configFile!))}`);
        continue;
      }
      const result = cfg.linter.lintText(entry.text, { filePath: abs, fix: task.options.fix === true });
      if (writeFixed && result.output !== undefined) {
        writeFixed(abs, result.output, entry.text);
        entry.text = result.output;
      }
      entry.result = result;
    }
    const results = files.filter((f) => f.result).map((f) => ({ ...f.result!, filePath: f.shown }));
    const errors = results.reduce((n, r) => n + r.errorCount, 0);
    const warnings = results.reduce((n, r) => n + r.warningCount, 0);
    const maxWarnings = task.options.maxWarnings ?? -1;
    const format = task.options.format ?? "stylish";
    let formatter = formatters.get(format);
    if (!formatter) {
      try {
        formatter = await loadFormatter(format);
      } catch (e) {
        out.set(task.id, { ok: false, text: `docker-lint: ${(e as Error).message}`, files });
        continue;
      }
      formatters.set(format, formatter);
    }
    const report = formatter(results, { cwd: workspaceRoot, color: format === "stylish" && color, rulesMeta, version: core.VERSION }).replace(/\n+$/, "");
    if (report.trim()) lines.push(report.replace(/^\n+/, ""));
    if (errors > 0) ok = false;
    if (maxWarnings >= 0 && warnings > maxWarnings) {
      ok = false;
      lines.push(`docker-lint found too many warnings (${warnings}; maximum: ${maxWarnings}).`);
    }
    if (format === "stylish" && errors + warnings === 0 && results.length > 0) {
      lines.unshift(`lint: ${results.map((r) => r.filePath).join(", ")}: no problems`);
    }
    out.set(task.id, { ok, text: lines.join("\n"), files });
  }
  return out;
}

function label(task: ProjectTask, file: FileEntry, many: boolean, workspaceRoot: string): string {
  return many ? `${task.project} (${posix(path.relative(path.join(workspaceRoot, task.root), file.abs))})` : task.project;
}

async function buildSteps(task: ProjectTask, lint: LintOutcome, ctx: StepContext): Promise<TaskOutcome> {
  const o = task.options;
  const goSwitch = toSwitch(o.goBuild);
  const imageSwitch = toSwitch(o.image);
  const lines: string[] = lint.text ? [lint.text] : [];
  /** `api: 4.7 MB, builder 346 MB, 98.6% smaller`, one per image built (label, rest). */
  const sizeLines: Array<[string, string]> = [];
  let success = lint.ok;
  const active = lint.files.filter((f) => f.text !== null && !f.ignored);
  const many = active.length > 1;
  const progress = ctx.onProgress ? (line: string) => { ctx.onProgress!(task.project, line); } : undefined;
  let maxImageSizeBytes: number | undefined;
  try {
    maxImageSizeBytes = o.maxImageSize === undefined || o.maxImageSize === "" ? undefined : parseSize(o.maxImageSize);
  } catch (e) {
    return { success: false, output: [...lines, `docker-lint: maxImageSize: ${(e as Error).message}`].join("\n") };
  }

  for (const file of active) {
    if (goSwitch === false && imageSwitch === false) break;
    const heading = many ? `${file.shown}:` : null;
    const section: string[] = [];
    const parsed = ctx.core.parse(file.text!);
    if (!parsed.ok) {
      section.push(`build steps skipped: the Dockerfile does not parse`);
      if (heading) lines.push(heading, ...section.map((l) => `  ${l}`));
      else lines.push(...section);
      success = false;
      continue;
    }
    const model = ctx.core.buildModel(parsed.ast, null);
    const contextDir = path.resolve(path.dirname(file.abs), o.buildContext ?? ".");

    // Step 2 (the Go build) and step 3 (the image) run at once: the host build overlaps the
    // image build, and a failed host build stops the image build it would have skipped.
    let plan: GoBuildPlan | null = null;
    const goLines: string[] = [];
    let goOk = true;
    let goRun: Promise<void> = Promise.resolve();
    const stopImage = new AbortController();
    if (goSwitch !== false) {
      const planned = planGoBuild({ model, contextDir, isDir, expand: ctx.core.expand, goVersionFromTag: ctx.core.goVersionFromTag });
      if (planned.kind === "plan") {
        plan = planned.plan;
        const goPlan = plan;
        goRun = runGoBuild(goPlan, { go: o.go, timeoutMs: (o.goBuildTimeout ?? 600) * 1000, displayRoot: ctx.workspaceRoot, progress }).then((r) => {
          if (r.goMissing && goSwitch === "auto") goLines.push(`go build: skipped: no \`${o.go ?? "go"}\` on this machine`);
          else {
            goLines.push(...r.lines);
            if (!r.ok) {
              goOk = false;
              stopImage.abort();
            }
          }
        });
      } else if (planned.kind === "none") {
        if (goSwitch === true) {
          goLines.push(`go build failed: goBuild is true, but ${planned.reason}`);
          goOk = false;
        } else goLines.push(`go build: skipped (${planned.reason})`);
      } else if (planned.kind === "unsafe") {
        // Not a failure: the Dockerfile may be fine, it just cannot be replayed safely here.
        const instead = imageSwitch === false ? "not replayed on this machine" : "the image build compiles it inside Docker instead";
        goLines.push(`go build: skipped: ${planned.reason}; ${instead}`);
      } else {
        goLines.push(`go build${goSwitch === true ? " failed" : ": skipped"}: ${planned.message}`);
        if (goSwitch === true) goOk = false;
      }
    }

    const imageLines: string[] = [];
    let imageOk = true;
    let imageRun: Promise<void> = Promise.resolve();
    if (imageSwitch !== false) {
      const docker = await ctx.docker();
      if (docker.problem) {
        if (imageSwitch === true) {
          imageLines.push(`image failed: image is true, but ${docker.problem}`);
          imageOk = false;
        } else imageLines.push(`image: skipped: ${docker.problem}`);
      } else if (!goOk || !lint.ok) {
        imageLines.push(`image: skipped (an earlier step failed)`);
      } else {
        const final = model.finalStage;
        const builderTarget = plan?.builderTarget ?? final?.copies.find((c) => c.fromStage?.name)?.fromStage?.name ?? null;
        imageRun = checkImage({
          docker,
          project: task.project,
          dockerfile: file.abs,
          contextDir,
          builderTarget: final && builderTarget !== final.name ? builderTarget : null,
          network: o.network,
          maxImageSizeBytes,
          requireStaticEntrypoint: final?.image.libc === "none",
          smoke: o.smoke !== false,
          smokeArgs: o.smokeArgs ?? [],
          smokeTimeoutMs: (o.smokeTimeout ?? SMOKE_TIMEOUT_S) * 1000,
          smokeMemory: o.smokeMemory ?? "128m",
          buildTimeoutMs: (o.buildTimeout ?? 900) * 1000,
          keepImages: o.keepImages === true,
          buildArgs: o.buildArgs,
          progress,
          imageName: o.imageName,
          tags: o.tags,
          platforms: o.platforms,
          cacheFrom: o.cacheFrom,
          cacheTo: o.cacheTo,
          secrets: o.secrets,
          smokeEnv: o.smokeEnv,
          builder: o.builder,
          signal: stopImage.signal,
        }).then((r) => {
          if (r.aborted) {
            imageLines.push(`image: skipped (an earlier step failed)`);
            imageOk = false;
            return;
          }
          imageLines.push(...r.lines);
          if (!r.ok) imageOk = false;
          if (r.finalBytes !== undefined) sizeLines.push([label(task, file, many, ctx.workspaceRoot), sizeComparison(r.finalBytes, r.builderBytes ?? null)]);
        });
      }
    }
    await Promise.all([goRun, imageRun]);
    section.push(...goLines, ...imageLines);
    const fileOk = goOk && imageOk;
    if (!fileOk) success = false;
    if (heading) lines.push(heading, ...section.map((l) => `  ${l}`));
    else lines.push(...section);
  }
  // The end-of-run summary reads these lines back: a failed project's images are marked there too.
  const sizes = sizeLines.map(([name, sizes]) => `${name}${success ? "" : " (failed)"}: ${sizes}`);
  return { success, output: [...lines, ...sizes].join("\n") };
}
