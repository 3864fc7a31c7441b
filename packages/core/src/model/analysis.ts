/**
 * Questions about the model that several rules (and the Nx executor) ask: which Go builds feed
 * the final image, whether a stage can compile C. Pure functions over the model.
 */
import path from "node:path";
import type { GoBuild, StageModel } from "./model.js";
import { hasGlob, matchesPathGlob } from "./glob.js";

/** The stage and its `FROM <stage>` ancestors, nearest first. */
export function chain(stage: StageModel): StageModel[] {
  const out: StageModel[] = [];
  for (let s: StageModel | null = stage; s; s = s.parent) out.push(s);
  return out;
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

function trimSlash(p: string): string {
  return p.length > 1 ? p.replace(/\/+$/, "") : p;
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
