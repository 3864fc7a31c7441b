/**
 * Where build-context files land in a stage's file system: the COPY/ADD instructions from the
 * context in the stage and the stages it is built `FROM`, plus a RUN's own bind mounts. Paths
 * are taken as written (no file access): a source is a folder when the path asked about lies
 * below it, a file when it is the path itself.
 */
import path from "node:path";
import type { InstructionNode } from "../language/ast.js";
import { chain } from "./analysis.js";
import { cleanPath } from "./dockerignore.js";
import { hasGlob, matchesPathGlob } from "./glob.js";
import { isArchiveName, isUrl } from "./instruction-words.js";
import type { RunModel, StageModel } from "./model.js";

/** One context path (file or folder) placed at a container path. */
interface Placement {
  /** Context path, cleaned (`.` is the context root). */
  source: string;
  /** Absolute container path it is copied to. */
  dest: string;
}

export interface ContextCopies {
  placements: Placement[];
  /**
   * Container paths filled from elsewhere (another stage or image, a URL, an archive, a path
   * with a variable): whatever lies at or below them is unknown. `/` when a destination itself is unknown.
   */
  unknown: string[];
}

/** Copies from the build context made before `before` (a RUN of `stage`), including that RUN's bind mounts. */
export function contextCopiesBefore(stage: StageModel, run: RunModel): ContextCopies {
  const placements: Placement[] = [];
  const unknown: string[] = [];
  const before: InstructionNode = run.node;
  for (const s of chain(stage)) {
    for (const copy of s.copies) {
      if (s === stage && copy.node.range[0] >= before.range[0]) continue;
      const dest = copy.dest;
      if (dest.includes("$") || !dest.startsWith("/")) {
        unknown.push("/");
        continue;
      }
      const parents = copy.node.flags.some((f) => f.name === "parents");
      for (const raw of copy.sources) {
        const opaque =
          copy.from !== null || copy.heredoc || parents || raw.includes("$") || isUrl(raw) || raw.startsWith("git@") || (copy.keyword === "ADD" && isArchiveName(raw));
        if (opaque) unknown.push(dest);
        else placements.push({ source: cleanPath(raw), dest });
      }
    }
  }
  for (const mount of run.mounts) {
    if ((mount.type ?? "bind") !== "bind") continue;
    const target = mount.target ?? mount.dst ?? mount.destination;
    if (!target) continue;
    const dest = path.posix.resolve(run.workdir || "/", target);
    const source = mount.source ?? mount.src ?? ".";
    if (mount.from || source.includes("$") || dest.includes("$")) unknown.push(dest.includes("$") ? "/" : dest);
    else placements.push({ source: cleanPath(source), dest });
  }
  return { placements, unknown };
}

/** Container paths where the context file `file` (a cleaned context path) lands. */
export function landings(copies: ContextCopies, file: string): string[] {
  const found: string[] = [];
  const name = path.posix.basename(file);
  for (const { source, dest } of copies.placements) {
    if (source === ".") found.push(path.posix.join(dest, file));
    else if (source === file || (hasGlob(source) && matchesPathGlob(source, file))) {
      // `COPY go.mod .` and `COPY go.mod /src/go.mod` alike: a file keeps its name unless the destination names it.
      found.push(path.posix.basename(dest) === name ? dest : path.posix.join(dest, name));
    } else if (file.startsWith(`${source}/`)) found.push(path.posix.join(dest, file.slice(source.length + 1)));
  }
  return found;
}

/**
 * Could something other than plain context copies have put files at `containerPath`: a copy from
 * another stage or image, a URL or archive, a variable path, or a glob that picks a folder above it?
 */
export function mayBeFilledElsewhere(copies: ContextCopies, containerPath: string): boolean {
  const related = (a: string) => a === "/" || a === containerPath || containerPath.startsWith(`${a}/`) || a.startsWith(`${containerPath}/`);
  if (copies.unknown.some(related)) return true;
  // A glob matching folders copies their contents; where they land is not worth guessing.
  return copies.placements.some((p) => hasGlob(p.source) && related(p.dest));
}
