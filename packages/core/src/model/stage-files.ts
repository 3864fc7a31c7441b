/**
 * What a stage's filesystem holds, for bases whose contents the images table knows (scratch,
 * distroless static, Chainguard static): the base's own files plus what COPY/ADD put there.
 * A RUN can write anything, so after one the answer is "unknown".
 */
import type { InstructionNode } from "../language/ast.js";
import type { StageModel } from "./model.js";
import { trimSlash } from "./paths.js";

export type Holds = "yes" | "no" | "unknown";

/** The stage and the stages it is built on, the image's own stage first. */
export function stageChain(stage: StageModel): StageModel[] {
  const chain: StageModel[] = [];
  for (let s: StageModel | null = stage; s; s = s.parent) chain.unshift(s);
  return chain;
}

/** `path` is `folder` or inside it. */
function within(path: string, folder: string): boolean {
  const f = trimSlash(folder);
  return f === "/" || path === f || path.startsWith(`${f}/`);
}

/** Whether a COPY or ADD of the stage (or the stages it is built on) before `before` may have written `path`. */
export function copiedBefore(stage: StageModel, path: string, before?: InstructionNode): Holds {
  for (const s of stageChain(stage)) {
    for (const copy of s.copies) {
      if (before && s === stage && copy.node.range[0] >= before.range[0]) continue;
      if (copy.dest.includes("$") || !copy.dest.startsWith("/")) return "unknown";
      // A file lands at dest (or dest/<name>); a folder's contents land under dest.
      if (within(path, copy.dest)) return "yes";
    }
  }
  return "no";
}

/**
 * Whether `path` (absolute) may exist in `stage` when `before` runs (or at the end of the stage).
 * "no" only when the base's contents are known and no COPY, ADD or RUN could have written it.
 */
export function stageMayHold(stage: StageModel, path: string, before?: InstructionNode): Holds {
  const files = stage.image.files;
  if (!files) return "unknown";
  if (files.some((f) => within(path, f))) return "yes";
  let result: Holds = "no";
  for (const s of stageChain(stage)) {
    for (const node of s.instructions) {
      if (before && s === stage && node.range[0] >= before.range[0]) break;
      if (node.keyword === "RUN" || node.keyword === "ONBUILD") result = "unknown";
    }
  }
  const copied = copiedBefore(stage, path, before);
  return copied === "no" ? result : copied;
}

/** The places a bare program name is looked up: the stage's PATH, or the default PATH Docker sets. */
export function searchPath(stage: StageModel): string[] {
  const value = stage.env.get("PATH") ?? "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
  return value.split(":").filter((d) => d.startsWith("/"));
}
