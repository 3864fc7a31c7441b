/**
 * Questions about the model that several rules (and the Nx executor) ask: the stage chains,
 * which Go builds feed the final image, which one it ships, whether a stage can compile C.
 * Pure functions over the model.
 */
import path from "node:path";
import type { CopyModel, DockerfileModel, GoBuild, StageModel } from "./model.js";
import { hasGlob, matchesPathGlob } from "./glob.js";
import { trimSlash } from "./paths.js";

/** The stage and its `FROM <stage>` ancestors, nearest first (reverse it for build order). */
export function chain(stage: StageModel): StageModel[] {
  const out: StageModel[] = [];
  for (let s: StageModel | null = stage; s; s = s.parent) out.push(s);
  return out;
}

/** The first stage of the chain: the one whose FROM names an image. */
export function rootStage(stage: StageModel): StageModel {
  let s = stage;
  while (s.parent) s = s.parent;
  return s;
}

/** Stages built FROM `stage`, directly or through other stages, in file order. */
export function descendants(stage: StageModel, stages: readonly StageModel[]): StageModel[] {
  return stages.filter((s) => s !== stage && chain(s).includes(stage));
}

const C_COMPILER_PACKAGES = /^(gcc|g\+\+|clang|build-base|build-essential|musl-dev|libc6-dev|gcc-[\w.+-]+|musl-gcc)$/;
const INSTALLERS = new Set(["apk", "xx-apk", "apt-get", "apt", "xx-apt-get", "xx-apt", "yum", "dnf", "microdnf", "tdnf"]);

/** The builder image ships gcc (golang Debian variants), or the stage chain installs one, or sets CC. */
export function hasCCompiler(stage: StageModel): boolean {
  if (stage.image.cCompiler) return true;
  for (const s of chain(stage)) {
    if (s.env.has("CC")) return true;
    for (const run of s.runs) {
      for (const c of run.commands) {
        if (!INSTALLERS.has(path.posix.basename(c.argv[0] ?? ""))) continue;
        if (!c.argv.some((a) => a === "add" || a === "install")) continue;
        if (c.argv.some((a) => C_COMPILER_PACKAGES.test(a.replace(/[=~<>].*$/, "")))) return true;
      }
    }
  }
  return false;
}

/**
 * Go builds whose output can reach the final stage: builds in its own `FROM <stage>` chain, and
 * builds whose output a `COPY --from` copies, followed through intermediate stages.
 */
export function buildsFeeding(final: StageModel): GoBuild[] {
  const found = new Set<GoBuild>();
  const seen = new Set<string>();
  const visit = (stage: StageModel, wanted: string | null, depth: number) => {
    const key = `${stage.index}\u0000${wanted}`;
    if (seen.has(key) || depth > 8) return;
    seen.add(key);
    for (const s of chain(stage)) {
      for (const b of s.goBuilds) {
        // `go run` leaves no binary; `go build` of several packages without -o writes nothing.
        if (b.subcommand === "run" || b.output === null) continue;
        if (wanted === null || outputMatches(b.output, wanted)) found.add(b);
      }
      for (const copy of s.copies) {
        if (!copy.fromStage) continue;
        if (wanted !== null && !overlaps(trimSlash(copy.dest), wanted)) continue;
        for (const src of copy.sources) visit(copy.fromStage, path.posix.resolve("/", src), depth + 1);
      }
    }
  };
  visit(final, null, 0);
  return [...found].sort((a, b) => a.run.node.range[0] - b.run.node.range[0]);
}

function overlaps(a: string, b: string): boolean {
  if (hasGlob(a) || hasGlob(b)) return true;
  return a === b || a === "/" || b === "/" || a.startsWith(`${b}/`) || b.startsWith(`${a}/`);
}

/** Does copying `source` (a file, folder or glob) pick up a build's output? Unknown outputs count. */
function outputMatches(output: string, source: string): boolean {
  if (output.includes("$")) return true;
  const src = trimSlash(source);
  if (hasGlob(src)) return matchesPathGlob(src, output, { orBelow: true });
  return output === src || src === "/" || output.startsWith(`${src}/`);
}

const hasVariable = (s: string) => /\$\{?[A-Za-z_]/.test(s);

/** The executable the stage starts: ENTRYPOINT's first word, else CMD's; null when unknown. */
export function entryPath(stage: StageModel): string | null {
  const spec = stage.entrypoint ?? stage.cmd;
  const first = spec?.argv[0];
  if (!first || hasVariable(first)) return null;
  // Shell-form entry points run `/bin/sh -c …`; their first word is still the program.
  return first.startsWith("/") ? path.posix.normalize(first) : first.includes("/") ? path.posix.join(stage.workdir || "/", first) : null;
}

/** A COPY's last argument (its destination) as written, to tell `dir/` from a file name. */
export function rawDestination(copy: CopyModel): string {
  const words = copy.node.json ?? copy.node.argv.map((w) => w.value);
  return words[words.length - 1] ?? "";
}

/** A `COPY --from` source as an absolute path in its stage, without a trailing slash. */
function copySource(copy: CopyModel, src: string): string {
  const from = copy.fromStage!;
  const abs = src.startsWith("/") ? path.posix.normalize(src) : path.posix.join(from.workdir || "/", src);
  return trimSlash(abs);
}

/** Builds of local code: `go install tool@v1` fetches a remote module, which is not the service. */
export function localBuilds(stage: StageModel): GoBuild[] {
  return stage.goBuilds.filter((b) => (b.subcommand === "build" || b.subcommand === "install") && !b.packages.some((p) => p.includes("@")));
}

/**
 * The Go build whose output the final stage ships (and runs, when ENTRYPOINT/CMD names it), with
 * the output's path in the final image; or why there is none.
 */
export function selectBuild(model: DockerfileModel): { build: GoBuild; finalPath: string | null } | { reason: string } {
  const final = model.finalStage;
  if (!final) return { reason: "the Dockerfile has no FROM" };
  const entry = entryPath(final);
  // Single-stage: the final stage compiles the program itself.
  const own = chain(final).flatMap(localBuilds);
  if (own.length > 0) {
    const match = entry ? own.find((b) => b.output === entry) : undefined;
    return { build: match ?? own[own.length - 1]!, finalPath: match ? entry : own[own.length - 1]!.output };
  }
  const shipped: Array<{ build: GoBuild; finalPath: string }> = [];
  for (const copy of final.copies) {
    if (!copy.fromStage) continue;
    const builds = chain(copy.fromStage).flatMap(localBuilds);
    const destIsDir = rawDestination(copy).endsWith("/") || copy.sources.length > 1;
    for (const raw of copy.sources) {
      const src = copySource(copy, raw);
      for (const b of builds) {
        if (!b.output) continue;
        // A file lands at the destination (or in it, when it names a folder)...
        if (b.output === src) shipped.push({ build: b, finalPath: destIsDir ? path.posix.join(copy.dest, path.posix.basename(src)) : copy.dest });
        // ...a folder's contents land in the destination: `COPY --from=build /out/ /bin/`.
        else if (b.output.startsWith(`${src === "/" ? "" : src}/`)) shipped.push({ build: b, finalPath: path.posix.join(copy.dest, b.output.slice(src === "/" ? 1 : src.length + 1)) });
      }
    }
  }
  if (shipped.length === 0) {
    const anyBuild = model.stages.some((s) => localBuilds(s).length > 0);
    return { reason: anyBuild ? "no go build output is copied into the final stage" : "the Dockerfile runs no go build" };
  }
  const byEntry = entry ? shipped.find((s) => s.finalPath === entry) : undefined;
  return byEntry ?? shipped[shipped.length - 1]!;
}
