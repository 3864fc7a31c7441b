/**
 * Which folder a Dockerfile is built from. In single-module Go monorepos a service's Dockerfile
 * sits in `cmd/<name>/` but is built from the module root (`COPY go.mod ./`, `go build
 * ./cmd/<name>`); the executor replays the Go build from the context, so the context must be right.
 */
import { statSync } from "node:fs";
import path from "node:path";
import type { Core } from "../lib/core";
import { contextMappings, planGoBuild, toHostPath, type GoBuildPlan, type PlanInput } from "../lib/go-build";

type Expand = PlanInput["expand"];

type DockerfileModel = Core.DockerfileModel;

export function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function exists(p: string): boolean {
  try {
    statSync(p);
    return true;
  } catch {
    return false;
  }
}

const hasVariable = (s: string) => /\$\{?[A-Za-z_]/.test(s);
const isUrl = (s: string) => /^[a-z][a-z0-9+.-]*:\/\//i.test(s);

/** Literal sources COPY/ADD take from the build context (no globs, variables, URLs, `.`). */
export function literalContextSources(model: DockerfileModel): string[] {
  const out = new Set<string>();
  for (const stage of model.stages) {
    for (const copy of stage.copies) {
      if (copy.from !== null || copy.heredoc) continue;
      for (const raw of copy.sources) {
        if (isUrl(raw) || hasVariable(raw) || /[*?[]/.test(raw)) continue;
        const src = path.posix.normalize(raw.replace(/^\.\/+/, ""));
        if (src === "." || src === "" || src.startsWith("..")) continue;
        out.add(src);
      }
    }
  }
  return [...out];
}

/**
 * How well `contextDir` fits the Dockerfile: one point per literal COPY source found there, one
 * more when the Go build's relative packages (`./cmd/hello`) exist from the folder it maps to.
 */
function fit(model: DockerfileModel, sources: string[], contextDir: string, expand: Expand): number {
  let score = sources.filter((s) => exists(path.join(contextDir, s))).length;
  const planned = planGoBuild({ model, contextDir, isDir, expand });
  if (planned.kind === "plan") {
    const { hostDir, build } = planned.plan;
    const relative = build.packages.filter((p) => p.startsWith("./") || p.startsWith("../"));
    if (relative.length > 0 && relative.every((p) => isDir(path.join(hostDir, p.replace(/\/\.\.\.$/, ""))))) score += 1;
  }
  return score;
}

/**
 * The build context for a Dockerfile (workspace-relative folder, `.` for the root): its own
 * folder, or the nearest folder above it (up to the workspace root) where more of what it COPYs
 * and builds exists. A tie keeps the nearer folder.
 */
export function inferContext(workspaceRoot: string, dockerfile: string, model: DockerfileModel, expand?: Expand): string {
  const own = path.posix.dirname(dockerfile);
  const sources = literalContextSources(model);
  let best = own;
  let bestScore = fit(model, sources, path.join(workspaceRoot, own), expand);
  for (let dir = own; dir !== "."; ) {
    dir = path.posix.dirname(dir);
    const score = fit(model, sources, path.join(workspaceRoot, dir), expand);
    if (score > bestScore) {
      best = dir;
      bestScore = score;
    }
  }
  return best;
}

/** `buildContext` as the executor takes it: relative to the Dockerfile's folder. */
export function relativeContext(dockerfile: string, context: string): string {
  return path.posix.relative(path.posix.dirname(dockerfile), context) || ".";
}

/**
 * Nx negations for a .dockerignore's plain patterns (`.git`, `docs`, `bin/`), so files Docker
 * leaves out of the context are not inputs. Globs are left out, and a file with `!` exceptions
 * excludes nothing here: more inputs, never fewer.
 */
export function ignoreNegations(ignoreText: string | null, context: string): string[] {
  if (ignoreText === null) return [];
  const lines = ignoreText.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== "" && !l.startsWith("#"));
  if (lines.some((l) => l.startsWith("!"))) return [];
  const at = (p: string) => (context === "." ? p : `${context}/${p}`);
  return lines.flatMap((l) => {
    const p = path.posix.normalize(l.replace(/^\/+/, "")).replace(/\/+$/, "");
    if (p === "." || p.startsWith("..")) return [];
    // Globs could hide a Dockerfile or go.mod that other inputs need: plain names only.
    if (/[*?[\]\\]/.test(p) || /dockerfile|containerfile|dockerignore|^go\.|\/go\./i.test(p)) return [];
    return [`!${at(p)}`, `!${at(p)}/**/*`];
  });
}

export interface CopyInputsInput {
  model: DockerfileModel;
  /** Workspace-relative build context. */
  context: string;
  workspaceRoot: string;
  /** The replayed Go build, when there is one: its Go files are found by `go list`. */
  plan: GoBuildPlan | null;
}

/**
 * Workspace-relative files and globs the image may read from the context besides the Go sources:
 * what COPY/ADD name, except folders copied into the Go builder stage (its packages cover them),
 * plus what the final stages take from the builder's copied folders.
 */
export function copyInputs({ model, context, workspaceRoot, plan }: CopyInputsInput): string[] {
  const at = (p: string) => (p === "." ? context : context === "." ? p : `${context}/${p}`);
  const contextDir = path.join(workspaceRoot, context);
  const out = new Set<string>();
  const builder = plan?.build.stage ?? null;
  const builderLineage = new Set<Core.StageModel>();
  for (let s: Core.StageModel | null = builder; s; s = s.parent) builderLineage.add(s);
  for (const stage of model.stages) {
    for (const copy of stage.copies) {
      if (copy.heredoc) continue;
      if (copy.from !== null) {
        // `COPY --from=build /src/static /static`: files the builder copied in reach the image.
        if (!builder || copy.fromStage !== builder) continue;
        const mappings = contextMappings(builder, contextDir, isDir, Number.MAX_SAFE_INTEGER);
        for (const src of copy.sources) {
          if (src === plan?.build.output) continue;
          const host = toHostPath(src.replace(/\/+$/, ""), mappings, isDir);
          const rel = host === null ? null : path.relative(workspaceRoot, host).split(path.sep).join("/");
          if (rel !== null && !rel.startsWith("..")) out.add(rel === "" ? "**/*" : `${rel}/**/*`);
        }
        continue;
      }
      for (const raw of copy.sources) {
        if (isUrl(raw)) continue;
        if (hasVariable(raw)) {
          out.add(at("**/*"));
          continue;
        }
        const src = path.posix.normalize(raw.replace(/^\.\/+/, "")) || ".";
        const beforeBuild = plan !== null && builderLineage.has(stage) && (stage !== builder || copy.node.range[0] < plan.build.run.node.range[0]);
        if (/[*?[]/.test(src)) {
          if (!(beforeBuild && src.endsWith(".go"))) out.add(at(src));
          continue;
        }
        if (isDir(path.join(contextDir, src))) {
          if (!beforeBuild) out.add(at(src === "." ? "**/*" : `${src}/**/*`));
        } else if (!(beforeBuild && src.endsWith(".go"))) out.add(at(src));
      }
    }
  }
  return [...out];
}
