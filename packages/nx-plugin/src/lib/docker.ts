/**
 * Step 3: build the image with BuildKit and check it for real: size, non-root user, an
 * executable entry point, and a smoke run. Every image and container made here carries a
 * per-run name and is removed afterwards unless `keepImages`.
 */
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import { describeLinking, readElf } from "./elf";
import { onInterrupt, run, tail, type RunResult } from "./exec";
import type { LintExecutorOptions } from "./options";
import { formatSize } from "./size";
import { firstTarEntry, modeString } from "./tar";

/**
 * How long an interrupted or abandoned `docker build` may take to stop: BuildKit cannot cancel an
 * image export, and names the image when it ends (a minute for a Go toolchain image on vfs).
 */
const BUILD_STOP_MS = 120_000;
/** The same for `docker create`: the engine makes the container (seconds on vfs) even when its client is killed. */
const CREATE_STOP_MS = 60_000;

export interface DockerClient {
  command: string;
  /** Engine version, when one answers. */
  serverVersion: string | null;
  /** Why no engine is usable (for `auto`'s one-line skip message, and `true`'s failure). */
  problem: string | null;
}

/** Default seconds to wait for the engine to answer `docker version` (option `engineTimeout`). */
export const ENGINE_TIMEOUT_S = 15;

async function answers(command: string, args: string[], timeoutMs: number): Promise<RunResult> {
  return run(command, args, { timeoutMs, env: { ...process.env, DOCKER_CLI_HINTS: "false" } });
}

/**
 * Finds a client that can drive BuildKit and an engine that answers. A client with the buildx
 * plugin works; so does a client older than 23.0 (it speaks BuildKit itself with
 * DOCKER_BUILDKIT=1); a newer client without buildx cannot, so another one is tried (Debian's
 * /usr/bin/docker next to a newer one in /usr/local/bin, as on this project's CI machine).
 */
export async function findDocker(preferred?: string, timeoutS = ENGINE_TIMEOUT_S): Promise<DockerClient> {
  const timeoutMs = timeoutS * 1000;
  const where = process.env.DOCKER_HOST ? ` at DOCKER_HOST=${process.env.DOCKER_HOST}` : "";
  const candidates = preferred && preferred !== "auto" ? [preferred] : ["docker", "/usr/bin/docker"];
  let lastProblem = "no docker client found";
  for (const command of [...new Set(candidates)]) {
    if (command.includes("/") && !existsSync(command)) continue;
    const version = await answers(command, ["version", "--format", "{{.Client.Version}}|{{.Server.Version}}"], timeoutMs);
    if (version.timedOut) {
      lastProblem = `no Docker engine answers${where} within ${timeoutS} s (${command} version timed out; the option engineTimeout sets the wait)`;
      continue;
    }
    if (version.spawnError) {
      lastProblem = `${command}: ${version.spawnError}`;
      continue;
    }
    const [client = "", server = ""] = version.stdout.toString("utf8").trim().split("|");
    if (version.code !== 0 || !server) {
      const msg = tail(version.stderr, 1) || "no Docker engine answers";
      lastProblem = `no Docker engine answers (${command} version: ${msg.replace(/^.*?(Cannot connect|error during connect)/, "$1")})`;
      continue;
    }
    const major = Number(/^(\d+)/.exec(client)?.[1] ?? "0");
    if (major >= 23) {
      const buildx = await answers(command, ["buildx", "version"], timeoutMs);
      if (buildx.code !== 0) {
        lastProblem = `${command} ${client} needs the buildx plugin for BuildKit builds, and it is missing`;
        continue;
      }
    }
    return { command, serverVersion: server, problem: null };
  }
  return { command: preferred && preferred !== "auto" ? preferred : "docker", serverVersion: null, problem: lastProblem };
}

/** Build failures with a known cause on engines without a registry or network. */
const BUILD_HINTS: Array<[RegExp, string]> = [
  [/network bridge not found/, 'the engine has no bridge network (dockerd --bridge=none): set the option network: "none"'],
  [/docker\/dockerfile:|frontend gateway/, "a `# syntax=` line makes BuildKit pull its frontend image; without registry access, remove it (the built-in frontend supports RUN --mount)"],
  [/failed to (?:do request|resolve)|no such host|pull access denied/, "a base image is not in the local engine and no registry answers: build it or `docker load` it into this engine, or make a registry with it reachable"],
];

/** What to do about a failed build's output, when the cause is a known one. */
export function buildHints(output: string): string[] {
  return BUILD_HINTS.filter(([re]) => re.test(output)).map(([, hint]) => hint);
}

/** The image options are the executor's own (options.ts documents them), passed through as given. */
export interface ImageCheckOptions
  extends Pick<LintExecutorOptions, "buildArgs" | "imageName" | "tags" | "platforms" | "cacheFrom" | "cacheTo" | "secrets" | "smokeEnv" | "builder"> {
  docker: DockerClient;
  /** Project name, for unique names and report lines. */
  project: string;
  dockerfile: string;
  contextDir: string;
  /** Builder stage alias to build with `--target` for the size comparison, or null. */
  builderTarget: string | null;
  network?: string;
  maxImageSizeBytes?: number;
  /** Final base has no libc: the entry point must be a static executable. */
  requireStaticEntrypoint?: boolean;
  smoke: boolean;
  smokeArgs: string[];
  smokeTimeoutMs: number;
  smokeMemory: string;
  buildTimeoutMs: number;
  keepImages: boolean;
  /** Live output of docker build and the smoke run, line by line. */
  progress?: (line: string) => void;
  /** Aborted when a concurrent step (the host go build) failed: stop and report nothing. */
  signal?: AbortSignal;
}

/** Default seconds the smoke run's program may run, counted from the container's start (option `smokeTimeout`). */
export const SMOKE_TIMEOUT_S = 30;

/** `{project}` and `{hash}` in a tag template. */
export function expandTag(template: string, project: string, imageId: string): string {
  const hash = imageId.replace(/^sha256:/, "").slice(0, 12);
  return template.replace(/\{project\}/g, project).replace(/\{hash\}/g, hash);
}

/** The `docker build` (or `docker buildx build`) arguments for the options that pass straight through. */
export function buildFlags(o: Pick<ImageCheckOptions, "network" | "buildArgs" | "platforms" | "cacheFrom" | "cacheTo" | "secrets" | "builder">): string[] {
  const args = o.builder ? ["buildx", "build", "--builder", o.builder, "--load"] : ["build"];
  if (o.network) args.push(`--network=${o.network}`);
  if (o.platforms?.length) args.push(`--platform=${o.platforms.join(",")}`);
  for (const c of o.cacheFrom ?? []) args.push(`--cache-from=${c}`);
  for (const c of o.cacheTo ?? []) args.push(`--cache-to=${c}`);
  for (const s of o.secrets ?? []) args.push("--secret", s);
  for (const [k, v] of Object.entries(o.buildArgs ?? {})) args.push("--build-arg", `${k}=${v}`);
  return args;
}

export interface ImageOutcome {
  ok: boolean;
  /** Stopped because `signal` was aborted; `lines` is empty. */
  aborted?: boolean;
  lines: string[];
  finalBytes?: number;
  builderBytes?: number | null;
}

interface ImageConfig {
  User?: string;
  Entrypoint?: string[] | null;
  Cmd?: string[] | null;
  WorkingDir?: string;
  Env?: string[] | null;
}

/** Lower-case letters, digits, `-`, `.`, `_`: what an image name and a container name both allow. */
export function runName(project: string, random = randomBytes(4).toString("hex")): string {
  const safe = project.toLowerCase().replace(/[^a-z0-9._-]+/g, "-").replace(/^[^a-z0-9]+/, "").slice(0, 80) || "project";
  return `docker-lint-${safe}-${random}`;
}

/** Root is uid 0 whatever the spelling; an empty USER means the image default, which is root. */
export function isRootUser(user: string | undefined): boolean {
  const name = (user ?? "").split(":")[0]!.trim();
  return name === "" || name === "root" || name === "0";
}

/**
 * A progress line as it may be kept: Nx caches a task's whole output when it runs outside a
 * batch, and a cached result must read the same on any machine. So the run's random image name
 * becomes `<image>`, and BuildKit's timings (`#7 DONE 0.3s`, `#9 0.512 <output>`, ` 0.1s done`)
 * and vertex digests are dropped; null: drop the line.
 */
export function portableProgressLine(line: string, runImage: string): string | null {
  if (/^#\d+ sha256:[0-9a-f]{64}$/.test(line) || /^#\d+ DONE \d+(?:\.\d+)?s$/.test(line)) return null;
  return line
    .split(runImage)
    .join("<image>")
    .replace(/^(#\d+) \d+\.\d+ /, "$1 ")
    .replace(/ \d+(?:\.\d+)?s( done)?$/, "$1");
}

export async function checkImage(o: ImageCheckOptions): Promise<ImageOutcome> {
  const docker = o.docker.command;
  const name = runName(o.project);
  const toProgress = o.progress;
  const progress = toProgress
    ? (line: string) => {
        const kept = portableProgressLine(line, name);
        if (kept !== null) toProgress(kept);
      }
    : undefined;
  const images: string[] = [];
  const containers: string[] = [];
  const lines: string[] = [];
  const env = { ...process.env, DOCKER_BUILDKIT: "1", DOCKER_CLI_HINTS: "false" };
  const rel = (p: string) => path.relative(o.contextDir, p).split(path.sep).join("/");

  const build = async (tag: string, target: string | null, signal: AbortSignal | undefined, quiet = false): Promise<RunResult> => {
    const args = [...buildFlags(o), "--progress=plain", "-f", o.dockerfile, "-t", tag, "--label", "dev.docker-lint.created-by=nx-plugin"];
    if (target) args.push("--target", target);
    args.push(o.contextDir);
    images.push(tag);
    progress?.(`docker build${target ? ` --target ${target}` : ""} -f ${rel(o.dockerfile) || path.basename(o.dockerfile)} .`);
    return run(docker, args, { env, timeoutMs: o.buildTimeoutMs, onLine: quiet ? undefined : progress, signal, gracefulStopMs: BUILD_STOP_MS });
  };
  const aborted = (): ImageOutcome => ({ ok: false, aborted: true, lines: [] });
  const inspect = async (tag: string): Promise<{ Id: string; Size: number; Config?: ImageConfig | null } | null> => {
    const r = await run(docker, ["image", "inspect", "--format", "{{json .}}", tag], { env });
    if (r.code !== 0) return null;
    return JSON.parse(r.stdout.toString("utf8")) as { Id: string; Size: number; Config?: ImageConfig | null };
  };
  // Sorted: the final image's name first, its builder's (`…-builder`) after, whichever build started first.
  const kept = () => (o.keepImages && images.length > 0 ? [`  kept images: ${[...images].sort().join(", ")}`] : []);
  const failure = (message: string[], extra: Partial<ImageOutcome> = {}): ImageOutcome => ({ ok: false, lines: [...lines, ...message, ...kept()], ...extra });
  // Names are registered before each docker command starts, so an interrupt at any point finds them.
  const removeSync = () => {
    if (containers.length > 0) spawnSync(docker, ["rm", "-f", ...containers], { env, stdio: "ignore", timeout: 30_000 });
    if (!o.keepImages && images.length > 0) spawnSync(docker, ["rmi", "-f", ...images], { env, stdio: "ignore", timeout: 60_000 });
  };
  const interrupted = onInterrupt(removeSync);

  try {
    // The builder stage, tagged for its size, builds alongside the final image: BuildKit runs the
    // steps both share once, and exporting the builder's layers overlaps the final stage's work
    // (building it after the final image added a third to the step's time). Its progress would
    // repeat the final build's, so only its command line is shown.
    const stopBuilder = new AbortController();
    const builderTag = `${name}-builder`;
    const builderBuild = o.builderTarget ? build(builderTag, o.builderTarget, o.signal ? AbortSignal.any([o.signal, stopBuilder.signal]) : stopBuilder.signal, true) : null;
    const built = await build(name, null, o.signal);
    if (built.code !== 0 || o.signal?.aborted) {
      stopBuilder.abort();
      await builderBuild;
    }
    if (o.signal?.aborted) return aborted();
    if (built.code !== 0) {
      const why = built.timedOut ? `timed out after ${o.buildTimeoutMs / 1000} s` : `exit ${built.code}`;
      const output = built.stderr + built.stdout.toString("utf8");
      const hints = buildHints(output).map((h) => `  hint: ${h}`);
      return failure([`docker build failed (${why}): ${docker} build -f ${rel(o.dockerfile) || path.basename(o.dockerfile)} .`, ...indent(tail(output, 30)), ...hints]);
    }
    const image = await inspect(name);
    if (!image) {
      stopBuilder.abort();
      await builderBuild;
      return failure([`docker image inspect ${name} failed after a successful build`]);
    }
    const finalBytes = image.Size;

    // The builder's build may still be exporting: the checks below run meanwhile.
    const builderSize: Promise<number | null> = builderBuild
      ? builderBuild.then(async (b) => {
          if (b.code === 0) return (await inspect(builderTag))?.Size ?? null;
          if (!b.aborted) lines.push(`  note: building the builder stage alone (--target ${o.builderTarget}) failed; no size comparison`);
          return null;
        })
      : Promise.resolve(null);
    const problems: string[] = [];
    const checks: string[] = [];

    if (o.maxImageSizeBytes !== undefined) {
      if (finalBytes > o.maxImageSizeBytes) problems.push(`image is ${formatSize(finalBytes)}, over maxImageSize ${formatSize(o.maxImageSizeBytes)}`);
      else checks.push(`size ${formatSize(finalBytes)} ≤ maxImageSize ${formatSize(o.maxImageSizeBytes)}`);
    }

    const cfg = image.Config ?? {};
    if (isRootUser(cfg.User)) problems.push(`runs as root (USER ${cfg.User ? cfg.User : "not set"}): add USER nonroot:nonroot (or a numeric uid) to the final stage`);
    else checks.push(`user ${cfg.User}`);

    const ctr = `${name}-smoke`;
    const envArgs = Object.entries(o.smokeEnv ?? {}).flatMap(([k, v]) => ["-e", `${k}=${v}`]);
    // create, then start: a time-out then kills a container that surely exists, so `rm -f`
    // removes it (killing `docker run` while the engine still created it left one behind).
    const createArgs = ["create", "--network", "none", "--memory", o.smokeMemory, ...envArgs, "--name", ctr, name, ...o.smokeArgs];
    let containerMade = false;
    const entry = [...(cfg.Entrypoint ?? []), ...(cfg.Entrypoint?.length ? [] : cfg.Cmd ?? [])];
    const program = entry[0];
    if (!program) {
      problems.push("the image has no ENTRYPOINT or CMD");
    } else {
      // One container serves both checks: created for the smoke run, read (docker cp) before it starts.
      containers.push(ctr);
      const created = await run(docker, createArgs, { env, timeoutMs: 60_000, gracefulStopMs: CREATE_STOP_MS });
      if (created.code !== 0) {
        problems.push(`docker create failed: ${tail(created.stderr, 3)}`);
      } else {
        containerMade = true;
        const found = await readEntrypoint(docker, ctr, program, cfg, env);
        if ("problem" in found) problems.push(found.problem);
        else {
          const { path: p, entry: file } = found;
          if (file.kind !== "file") problems.push(`entry point ${p} is a ${file.kind}, not a file`);
          else if ((file.mode & 0o111) === 0) problems.push(`entry point ${p} is not executable (${modeString(file.mode)}): COPY --chmod=0755 or chmod it in the builder`);
          else {
            let linking = "";
            if (file.content.subarray(0, 4).equals(Buffer.from([0x7f, 0x45, 0x4c, 0x46]))) {
              try {
                const elf = readElf(file.content);
                linking = `, ${describeLinking(elf)}`;
                if (o.requireStaticEntrypoint && !elf.static) problems.push(`entry point ${p} is ${describeLinking(elf)}, but the final base has no libc or loader`);
              } catch {
                /* a truncated or odd ELF: the smoke run will tell */
              }
            }
            checks.push(`entry point ${p} (${modeString(file.mode)}${linking})`);
          }
        }
      }
    }

    if (o.smoke && problems.length === 0 && containerMade) {
      progress?.(`smoke run: docker run --rm --network none ${name}${o.smokeArgs.length ? ` ${o.smokeArgs.join(" ")}` : ""}`);
      const r = await smokeRun(docker, ctr, o.smokeTimeoutMs, env, progress);
      const shown = `docker run --rm --network none --memory ${o.smokeMemory} <image>${o.smokeArgs.length ? ` ${o.smokeArgs.join(" ")}` : ""}`;
      if (r.timedOut) {
        problems.push(`smoke run did not exit within ${o.smokeTimeoutMs / 1000} s: ${shown}. Set smokeArgs to arguments that make the program exit 0 (e.g. ["--version"] or a health-check flag), or smoke: false`);
      } else if (r.code !== 0) {
        problems.push(`smoke run exited ${r.code}: ${shown}`, ...indent(tail(r.stderr + r.stdout.toString("utf8"), 10)));
      } else checks.push(`smoke run exit 0${o.smokeArgs.length ? ` (${o.smokeArgs.join(" ")})` : ""}`);
    }

    // Only a validated image gets the user's names; those tags stay when the run's own is removed.
    const named: string[] = [];
    if (problems.length === 0 && o.imageName) {
      for (const template of o.tags?.length ? o.tags : ["{project}-{hash}"]) {
        const ref = `${o.imageName}:${expandTag(template, o.project, image.Id)}`;
        const tagged = await run(docker, ["tag", name, ref], { env });
        if (tagged.code === 0) named.push(ref);
        else problems.push(`docker tag ${ref} failed: ${tail(tagged.stderr, 2)}`);
      }
    }
    if (named.length > 0) checks.push(`tagged ${named.join(", ")}`);
    const builderBytes = await builderSize;
    if (o.signal?.aborted) return aborted();
    const sizesBuilt = builderBytes !== null ? `final image ${formatSize(finalBytes)}, --target ${o.builderTarget} ${formatSize(builderBytes)}` : `final image ${formatSize(finalBytes)}`;
    const headline = `docker build ok: ${sizesBuilt}`;
    const report = [headline, ...lines, ...checks.map((c) => `  ✔ ${c}`), ...problems.map((p) => `  ✖ ${p}`), ...kept()];
    return { ok: problems.length === 0, lines: report, finalBytes, builderBytes };
  } finally {
    // Containers first: an image a container still uses cannot be removed.
    for (const c of containers) await run(docker, ["rm", "-f", c], { env, timeoutMs: 30_000 });
    if (!o.keepImages && images.length > 0) await run(docker, ["rmi", "-f", ...images], { env, timeoutMs: 60_000 });
    interrupted();
  }
}

/**
 * The smoke run of a created container: start, then wait with the time-out. The time-out counts
 * from the moment the container runs, so a slow engine (a loaded machine creating and starting
 * containers) does not eat the program's time.
 */
async function smokeRun(docker: string, ctr: string, timeoutMs: number, env: NodeJS.ProcessEnv, progress?: (line: string) => void): Promise<RunResult> {
  const started = await run(docker, ["start", ctr], { env, timeoutMs: 60_000 });
  if (started.code !== 0) return started;
  const waited = await run(docker, ["wait", ctr], { env, timeoutMs });
  // Logs as the program wrote them, stdout and stderr (its exit code comes from `docker wait`).
  const logs = await run(docker, ["logs", ctr], { env, timeoutMs: 60_000, onLine: progress });
  const code = waited.code === 0 ? Number(waited.stdout.toString("utf8").trim()) : waited.code;
  return { code: Number.isNaN(code) ? null : code, stdout: logs.stdout, stderr: logs.stderr + (waited.code !== 0 && !waited.timedOut ? waited.stderr : ""), timedOut: waited.timedOut };
}

/** Finds the entry point in the container's file system (following symlinks) and reads it. */
async function readEntrypoint(
  docker: string,
  ctr: string,
  program: string,
  cfg: ImageConfig,
  env: NodeJS.ProcessEnv,
): Promise<{ path: string; entry: NonNullable<ReturnType<typeof firstTarEntry>> } | { problem: string }> {
  let candidates: string[];
  if (program.startsWith("/")) candidates = [program];
  else if (program.includes("/")) candidates = [path.posix.join(cfg.WorkingDir || "/", program)];
  else {
    const pathVar = (cfg.Env ?? []).find((e) => e.startsWith("PATH="))?.slice(5) ?? "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    candidates = pathVar.split(":").filter(Boolean).map((d) => path.posix.join(d, program));
  }
  for (const p of candidates) {
    const r = await run(docker, ["cp", "-L", `${ctr}:${p}`, "-"], { env, timeoutMs: 60_000 });
    if (r.code !== 0) continue;
    const entry = firstTarEntry(r.stdout);
    if (entry) return { path: p, entry };
  }
  return { problem: `entry point ${program} does not exist in the image${candidates.length > 1 ? ` (looked in ${candidates.join(", ")})` : ""}` };
}

function indent(text: string): string[] {
  return text ? text.split("\n").map((l) => `  ${l}`) : [];
}
