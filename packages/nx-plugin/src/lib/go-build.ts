/**
 * Step 2: compile the Go service with the host's Go the way the Dockerfile's builder stage
 * does, then check the binary. `planGoBuild` is pure (the model plus an `isDir` probe); the
 * runner spawns `go`.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Core } from "./core";
import { describeLinking, readElf, type ElfInfo } from "./elf";
import { onInterrupt, run, tail } from "./exec";
import { FROM_DOCKERFILE, vetBuildEnv, vetBuildFlags, vetPackages } from "./go-flags";
import { binaryGoVersion, chooseToolchain, fetchToolchain, hostGoInfo, type ImageGo } from "./go-toolchain";
import { loadCore } from "./core";
import { shared } from "./names";
import { formatSize } from "./size";

type DockerfileModel = Core.DockerfileModel;
type StageModel = Core.StageModel;
type GoBuild = Core.GoBuild;

export interface GoBuildPlan {
  build: GoBuild;
  /** The builder stage's alias (for `docker build --target`), or null when it has none. */
  builderTarget: string | null;
  /** Host folder to run `go` in: the build's WORKDIR mapped back through the stage's COPYs. */
  hostDir: string;
  /** `go` arguments, with OUTPUT_PLACEHOLDER where the output path goes. */
  args: string[];
  /** Variables to set (a value) or remove (null) on top of the host environment. */
  env: Record<string, string | null>;
  /** File name of the artifact (the image's name for it). */
  outputName: string;
  /** Path of the artifact inside the image's final stage (the entrypoint), when known. */
  finalPath: string | null;
  finalImage: string;
  finalLibc: Core.Libc;
  /** The Go the builder stage's image names. */
  imageGo: ImageGo;
  /** Assumptions made while mapping, worth a line in the report. */
  notes: string[];
  /** The go.work the builder stage copies from the build context (host path), or null: GOWORK=off. */
  goWork?: string | null;
}

/** The go.work the stage COPYs literally from the build context, as a host path inside it. */
function copiedGoWork(stage: StageModel, contextDir: string): string | null {
  for (const copy of stage.copies) {
    if (copy.from !== null || copy.heredoc) continue;
    for (const raw of copy.sources) {
      const src = path.posix.normalize(raw.replace(/^\.\/+/, ""));
      if (path.posix.basename(src) !== "go.work" || src.startsWith("..") || /[$*?[]/.test(src)) continue;
      return path.join(contextDir, ...src.split("/"));
    }
  }
  return null;
}

export type PlanResult =
  | { kind: "plan"; plan: GoBuildPlan }
  | { kind: "none"; reason: string }
  | { kind: "error"; message: string }
  /** The build would run or read something of the Dockerfile's choosing on the host. */
  | { kind: "unsafe"; reason: string };

export const OUTPUT_PLACEHOLDER = "\u0000output";

const GOARCH_BY_NODE_ARCH: Record<string, string> = { x64: "amd64", arm64: "arm64", arm: "arm", ia32: "386", ppc64: "ppc64le", s390x: "s390x", riscv64: "riscv64", loong64: "loong64" };

/** The GOARCH a local `docker build` targets: the engine's (here: the host's) architecture. */
export function hostGoArch(nodeArch: string = process.arch): string {
  return GOARCH_BY_NODE_ARCH[nodeArch] ?? "amd64";
}

const hasVariable = (s: string) => /\$\{?[A-Za-z_]/.test(s);

function imageLabel(stage: StageModel): string {
  return stage.root?.resolved ?? stage.base?.resolved ?? "?";
}

/**
 * The stage questions core answers for the rules too (one implementation): the build whose output
 * the final stage ships, a stage's `FROM <stage>` chain, a COPY's raw destination.
 */
const { chain: lineage, rawDestination: rawDest, selectBuild, trimSlash, hasGlob } = shared;
export { selectBuild };

interface PathMapping {
  container: string;
  host: string;
}

/**
 * Maps container paths of a stage back to host paths through the COPY/ADD instructions
 * (from the build context) that ran before `before`: `COPY . .` into WORKDIR /src maps /src to
 * the context folder; `COPY go.mod go.sum ./` maps the folder it lands in.
 */
export function contextMappings(stage: StageModel, contextDir: string, isDir: (p: string) => boolean, before: number): PathMapping[] {
  const out: PathMapping[] = [];
  for (const s of lineage(stage).reverse()) {
    for (const copy of s.copies) {
      if (copy.from !== null || copy.heredoc || copy.node.range[0] >= before) continue;
      const destIsDir = rawDest(copy).endsWith("/") || copy.sources.length > 1;
      for (const raw of copy.sources) {
        if (/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) || hasVariable(raw)) continue;
        const src = raw.replace(/^\.\/+/, "") || ".";
        // `COPY *.go ./`: the files land in the destination folder, from the glob's folder.
        const dest = trimSlash(copy.dest);
        if (hasGlob(src)) {
          out.push({ container: dest, host: path.join(contextDir, path.dirname(src)) });
          continue;
        }
        const host = path.join(contextDir, src);
        if (isDir(host)) out.push({ container: dest, host });
        else out.push({ container: destIsDir ? dest : path.posix.dirname(dest), host: path.dirname(host) });
      }
    }
  }
  return out;
}

/** `container` under a mapping, as a host path; the longest (most specific) mapping wins. */
export function toHostPath(container: string, mappings: PathMapping[], isDir: (p: string) => boolean): string | null {
  const candidates = mappings
    .filter((m) => container === m.container || container.startsWith(m.container === "/" ? "/" : `${m.container}/`))
    .sort((a, b) => b.container.length - a.container.length);
  for (const m of candidates) {
    const rel = path.posix.relative(m.container, container);
    const host = rel ? path.join(m.host, ...rel.split("/")) : m.host;
    if (isDir(host)) return host;
  }
  return null;
}

export interface PlanInput {
  model: DockerfileModel;
  /** Absolute folder of the build context (default: the Dockerfile's folder). */
  contextDir: string;
  isDir: (p: string) => boolean;
  /** GOARCH for `$TARGETARCH`-style values; the host's by default. */
  defaultGoArch?: string;
  /** The core's variable expansion, for `-ldflags=-X main.version=${VERSION}`; none: flags as written. */
  expand?: (text: string, vars: Map<string, string | null>) => string;
  /** The core's `goVersionFromTag`; none: the host's Go builds. */
  goVersionFromTag?: (tag: string | null) => string | null;
}

export function planGoBuild({ model, contextDir, isDir, defaultGoArch = hostGoArch(), expand, goVersionFromTag }: PlanInput): PlanResult {
  const selected = selectBuild(model);
  if ("reason" in selected) return { kind: "none", reason: selected.reason };
  const { build, finalPath } = selected;
  const final = model.finalStage!;
  const notes: string[] = [];

  const mappings = contextMappings(build.stage, contextDir, isDir, build.run.node.range[0]);
  let hostDir = toHostPath(trimSlash(build.workdir), mappings, isDir);
  if (!hostDir) {
    if (mappings.length === 0 && isDir(contextDir)) {
      // Sources fetched another way (a git clone, a bind mount): the context is the best guess.
      hostDir = contextDir;
      notes.push(`no COPY from the build context precedes the build; compiling in the context folder`);
    } else {
      const shown = [...new Set(mappings.map((m) => `${m.container} ← ${path.relative(contextDir, m.host).split(path.sep).join("/") || "."}`))];
      return { kind: "error", message: `cannot map the build's working directory ${build.workdir} back to a folder of the build context (COPY mappings: ${shown.join(", ") || "none"})` };
    }
  }

  const scope = { hostDir, contextDir };
  const vettedEnv = vetBuildEnv(build.env, scope, (name, value) => {
    if (name === "GOOS") return "linux";
    if (name === "GOARCH") return defaultGoArch;
    notes.push(`${name}=${value} is set by the build; left to Go's default here`);
    return null;
  });
  if (!vettedEnv.ok) return { kind: "unsafe", reason: vettedEnv.reason };
  notes.push(...vettedEnv.notes);
  const env: Record<string, string | null> = {};
  for (const name of FROM_DOCKERFILE) env[name] = vettedEnv.value.env[name] ?? null;
  if (vettedEnv.value.goflags.length > 0) env.GOFLAGS = vettedEnv.value.goflags.join(" ");
  // Images are Linux whatever the host is; `go` alone would build for the host OS.
  env.GOOS ??= "linux";
  env.GOARCH ??= defaultGoArch;
  if (env.CGO_ENABLED === null && build.stage.image.toolchain === "go" && build.stage.image.cCompiler === false) {
    // Without a C compiler (golang:*-alpine) Go turns cgo off by itself; mirror the image.
    env.CGO_ENABLED = "0";
    notes.push(`${imageLabel(build.stage)} has no C compiler, so cgo is off as it would be there`);
  }

  const packages = build.packages.map((p) => {
    if (!p.startsWith("/")) return p;
    const host = toHostPath(p, mappings, isDir);
    return host ? `./${path.relative(hostDir, host).split(path.sep).join("/") || "."}` : p;
  });
  // `go install` differs from `go build` only in where the binary goes; -o puts it in our temp dir.
  const vars = build.env as Map<string, string | null>;
  const vettedFlags = vetBuildFlags(
    build.flags.map((f) => (expand && hasVariable(f) ? expand(f, vars) : f)),
    scope,
  );
  if (!vettedFlags.ok) return { kind: "unsafe", reason: vettedFlags.reason };
  notes.push(...vettedFlags.notes);
  const outside = vetPackages(packages, scope);
  if (outside) return { kind: "unsafe", reason: outside };
  const flags = vettedFlags.value;
  const args = ["build", ...flags];
  // VCS stamping reads the host's .git, which a build context normally leaves out.
  if (!flags.some((f) => f.startsWith("-buildvcs"))) args.push("-buildvcs=false");
  const outputName = path.posix.basename(build.output ?? finalPath ?? "app");
  args.push("-o", OUTPUT_PLACEHOLDER, ...(packages.length > 0 ? packages : ["."]));

  const goWork = copiedGoWork(build.stage, contextDir);
  return {
    kind: "plan",
    plan: {
      build,
      builderTarget: build.stage.name,
      hostDir,
      args,
      env,
      outputName,
      finalPath,
      finalImage: imageLabel(final),
      finalLibc: final.image.libc,
      imageGo: {
        image: imageLabel(build.stage),
        version: build.stage.image.toolchain === "go" && build.stage.root ? (goVersionFromTag?.(build.stage.root.tag) ?? null) : null,
      },
      notes: goWork ? [...notes, `the Dockerfile copies ${path.relative(contextDir, goWork).split(path.sep).join("/")}, so the build uses it (GOWORK)`] : notes,
      goWork,
    },
  };
}

export interface GoBuildOutcome {
  ok: boolean;
  /** The go command could not be started (not installed). */
  goMissing?: boolean;
  /** Report lines (the first is the headline). */
  lines: string[];
  sizeBytes?: number;
  elf?: ElfInfo;
}

export interface RunGoBuildOptions {
  go?: string;
  timeoutMs?: number;
  /** Shown instead of absolute paths (reports are cached and must not depend on the machine). */
  displayRoot: string;
  /** Live output of go, line by line. */
  progress?: (line: string) => void;
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

function moduleRoot(dir: string): string | null {
  for (let cur = dir; ; cur = path.dirname(cur)) {
    try {
      if (statSync(path.join(cur, "go.mod")).isFile()) return cur;
    } catch {
      /* keep looking upward */
    }
    if (path.dirname(cur) === cur) return null;
  }
}

export function goEnvironment(plan: GoBuildPlan, base: NodeJS.ProcessEnv = process.env, toolchain = "local"): NodeJS.ProcessEnv {
  // A null in the plan unsets the variable.
  const env: NodeJS.ProcessEnv = Object.fromEntries(
    Object.entries({ ...base, ...plan.env }).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
  );
  const flags = (env.GOFLAGS ?? "").split(/\s+/).filter(Boolean);
  const mod = moduleRoot(plan.hostDir);
  if (mod && !flags.some((f) => f.startsWith("-mod="))) {
    try {
      if (statSync(path.join(mod, "vendor")).isDirectory()) flags.push("-mod=vendor");
    } catch {
      /* no vendor folder: modules come from the local module cache */
    }
  }
  if (flags.length > 0) env.GOFLAGS = flags.join(" ");
  else delete env.GOFLAGS;
  // Offline and reproducible: modules come from the cache or vendor/, the toolchain was fetched
  // beforehand (fetchToolchain). go.work counts only when the Dockerfile copies it into the image.
  env.GOPROXY = "off";
  env.GOTOOLCHAIN = toolchain;
  env.GOWORK = plan.goWork && isFile(plan.goWork) ? plan.goWork : "off";
  return env;
}

const rel = (p: string, root: string) => path.relative(root, p).split(path.sep).join("/") || ".";

const SHOWN_FIRST = ["CGO_ENABLED", "GOOS", "GOARCH"];

export function goCommandLine(plan: GoBuildPlan, outputShown = `<tmp>/${plan.outputName}`, toolchain = "local"): string {
  const rank = (k: string) => (SHOWN_FIRST.includes(k) ? SHOWN_FIRST.indexOf(k) : SHOWN_FIRST.length);
  const envPart = Object.entries(plan.env)
    .filter(([, v]) => v !== null)
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([k, v]) => `${k}=${v}`)
    .join(" ");
  const args = plan.args.map((a) => (a === OUTPUT_PLACEHOLDER ? outputShown : /\s/.test(a) ? JSON.stringify(a) : a));
  const all = [toolchain === "local" ? "" : `GOTOOLCHAIN=${toolchain}`, envPart].filter(Boolean).join(" ");
  return `${all ? `${all} ` : ""}go ${args.join(" ")}`;
}

export async function runGoBuild(plan: GoBuildPlan, options: RunGoBuildOptions): Promise<GoBuildOutcome> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), "docker-lint-go-"));
  const removeTmp = () => { rmSync(tmp, { recursive: true, force: true }); };
  const interrupted = onInterrupt(removeTmp);
  const out = path.join(tmp, plan.outputName);
  const where = rel(plan.hostDir, options.displayRoot);
  const go = options.go ?? "go";
  try {
    const host = await hostGoInfo(go);
    if ("problem" in host) return { ok: false, goMissing: /ENOENT/.test(host.problem), lines: [`go build: cannot run ${go}: ${host.problem}`] };
    const core = await loadCore();
    const mod = moduleRoot(plan.hostDir);
    const goMod = mod ? core.readGoMod(path.join(mod, "go.mod")) : null;
    const choice = chooseToolchain(plan.imageGo, host, goMod?.go ?? null, core.compareGoVersions);
    if (!choice.ok) return { ok: false, lines: [`go build failed: ${choice.message}`] };
    let toolchain = choice.toolchain;
    const toolNotes = choice.note ? [choice.note] : [];
    const fetchProblem = await fetchToolchain(go, toolchain, options.timeoutMs);
    if (fetchProblem) {
      toolNotes.push(`cannot fetch ${toolchain} (${fetchProblem}); host go ${host.version} builds instead`);
      toolchain = "local";
    }
    plan = { ...plan, notes: [...toolNotes, ...plan.notes] };
    const shown = `${goCommandLine(plan, undefined, toolchain)} (in ${where})`;
    const args = plan.args.map((a) => (a === OUTPUT_PLACEHOLDER ? out : a));
    options.progress?.(shown);
    // go's own work folder goes inside ours, so a killed build leaves nothing behind either.
    const work = path.join(tmp, "work");
    mkdirSync(work);
    const env = { ...goEnvironment(plan, process.env, toolchain), GOTMPDIR: work };
    const r = await run(go, args, { cwd: plan.hostDir, env, timeoutMs: options.timeoutMs, onLine: options.progress });
    if (r.spawnError) return { ok: false, goMissing: /ENOENT/.test(r.spawnError), lines: [`go build: cannot run ${go}: ${r.spawnError}`] };
    if (r.timedOut) return { ok: false, lines: [`go build: timed out after ${Math.round((options.timeoutMs ?? 0) / 1000)} s: ${shown}`] };
    if (r.code !== 0) {
      const lines = [`go build failed: ${shown}`, ...indent(tail(r.stderr.split(tmp).join("<tmp>")))];
      if (/GOPROXY=off|module lookup disabled/.test(r.stderr)) lines.push("  (modules are not downloaded here: vendor them, or fill the module cache with `go mod download` first)");
      return { ok: false, lines };
    }
    const bytes = readFileSync(out);
    let elf: ElfInfo;
    try {
      elf = readElf(bytes);
    } catch (e) {
      return { ok: false, lines: [`go build: ${plan.outputName} is not an executable: ${(e as Error).message}`] };
    }
    const size = bytes.length;
    const linking = describeLinking(elf);
    const builtWith = binaryGoVersion(bytes);
    const headline = `go build ok: ${plan.outputName} ${formatSize(size)}, ${elf.machine}, ${linking}${builtWith ? `, ${builtWith}` : ""}`;
    const lines = [headline, `  ${shown}`, ...plan.notes.map((n) => `  note: ${n}`)];
    if (plan.finalLibc === "none" && !elf.static) {
      return {
        ok: false,
        sizeBytes: size,
        elf,
        lines: [
          `go build: ${plan.outputName} is ${linking}, but the final base ${plan.finalImage} has no libc or dynamic loader, so it cannot start there.`,
          `  Set CGO_ENABLED=0 for this build (ENV CGO_ENABLED=0 in the builder stage, or CGO_ENABLED=0 go build …), or ship it on a base with glibc (gcr.io/distroless/base-debian12).`,
          `  ${shown}`,
          ...plan.notes.map((n) => `  note: ${n}`),
        ],
      };
    }
    return { ok: true, lines, sizeBytes: size, elf };
  } finally {
    removeTmp();
    interrupted();
  }
}

function indent(text: string): string[] {
  return text ? text.split("\n").map((l) => `  ${l}`) : [];
}
