/**
 * What a stage leaves in its file system, as far as the Dockerfile says: the files and folders
 * its builds, COPYs, WORKDIRs and `mkdir`s make. Only for golang-image stages whose every RUN we
 * understand, and only for paths the golang image cannot already hold; null otherwise.
 */
import path from "node:path";
import type { CopyModel, StageModel } from "./model.js";
import { chain } from "./analysis.js";
import { matchesPathGlob } from "./glob.js";
import { trimSlash } from "./paths.js";


/** Commands that write nothing outside system folders (which we never check). */
const HARMLESS = new Set([
  "true", ":", "set", "echo", "printf", "ls", "cat", "pwd", "env", "printenv", "test", "[", "which", "id", "whoami", "uname",
  "sleep", "rm", "chmod", "chown", "apk", "xx-apk", "apt-get", "apt", "xx-apt-get", "yum", "dnf", "microdnf", "update-ca-certificates",
  "addgroup", "adduser", "useradd", "groupadd", "file", "ldd", "du", "df", "go", "mkdir", "xx-verify",
]);
/** `go` subcommands whose writes we know: builds (outputs modelled) and module/cache commands. */
const GO_KNOWN = new Set(["build", "install", "mod", "version", "env", "vet", "list", "get", "clean", "fmt", "help"]);
/**
 * Folders a golang image already fills (its Debian or Alpine root, /go/pkg): never reported.
 * Anything else (/out, /app, /src, /go/bin…) exists only if the Dockerfile made it.
 */
const SYSTEM = ["/usr", "/etc", "/lib", "/lib32", "/lib64", "/libx32", "/bin", "/sbin", "/boot", "/var", "/root", "/tmp", "/home", "/opt", "/proc", "/sys", "/dev", "/run", "/srv", "/mnt", "/media", "/go/pkg"];

export interface StageOutputs {
  /** Files or folders known to exist, with everything below them unknown. */
  trees: string[];
  /** Exact files (build outputs, made folders). */
  files: string[];
  /** Folders the Dockerfile made (WORKDIR, -o dir): empty of anything but what is listed. */
  owned: string[];
  outputs: Array<{ path: string; line: number }>;
}

function under(p: string, dir: string): boolean {
  return p === dir || dir === "/" || p.startsWith(`${dir}/`);
}

/** What the stage chain writes, or null when some RUN does something we can't follow. */
export function stageOutputs(stage: StageModel): StageOutputs | null {
  if (stage.image.family !== "golang") return null;
  // The golang image creates /go/bin and /go/src empty.
  const result: StageOutputs = { trees: [], files: [], owned: ["/go/bin", "/go/src"], outputs: [] };
  for (const s of chain(stage).reverse()) {
    if (s.instructions.some((n) => n.keyword === "ONBUILD")) return null;
    // WORKDIR creates its folder; every RUN and the stage's end record the one in effect.
    if (!s.workdir.includes("$")) result.owned.push(s.workdir);
    for (const copy of s.copies) {
      const written = copyTargets(copy);
      if (!written) return null;
      result.trees.push(...written);
    }
    for (const run of s.runs) {
      if (!run.workdir.includes("$")) result.owned.push(run.workdir);
      let cwd = run.workdir;
      for (const c of run.commands) {
        const cmd = c.argv[0];
        if (cmd === undefined || cmd === "export") continue;
        if (cmd === "cd") {
          if (c.argv[1]) cwd = path.posix.resolve(cwd, c.argv[1]);
          continue;
        }
        // Redirections write files our splitter doesn't see as separate words.
        if (/[<>]/.test(c.text)) return null;
        const base = path.posix.basename(cmd);
        if (!HARMLESS.has(base)) return null;
        if (base === "go") {
          const sub = c.argv[1];
          if (!sub || !GO_KNOWN.has(sub)) return null;
          if (c.argv.includes("-C")) return null;
          // `go mod tidy/vendor/init`, `go get` rewrite files in the module folder.
          if ((sub === "mod" && !["download", "verify", "graph", "why"].includes(c.argv[2] ?? "")) || sub === "get") result.trees.push(cwd);
        }
        if (base === "mkdir") result.owned.push(...c.argv.slice(1).filter((a) => !a.startsWith("-")).map((a) => path.posix.resolve(cwd, a)));
      }
    }
    for (const b of s.goBuilds) {
      if (b.subcommand === "run") return null;
      if (b.output === null) {
        if (b.subcommand === "build") continue; // several packages, no -o: Go writes nothing
        return null;
      }
      if (b.output.includes("$")) return null;
      const oArg = outputArg(b.command.argv);
      const line = b.run.node.loc.start.line;
      // `-o dir/`, several packages, or `go install` (GOOS/GOARCH subfolders): the whole folder.
      if (b.subcommand === "install" || (oArg !== null && oArg.endsWith("/")) || b.packages.length > 1 || b.packages.some((p) => p.includes("..."))) {
        const dir = b.subcommand === "install" || oArg?.endsWith("/") ? path.posix.dirname(b.output) : b.output;
        result.trees.push(dir);
        result.outputs.push({ path: `${dir}/`, line });
      } else {
        result.files.push(b.output);
        result.owned.push(path.posix.dirname(b.output));
        result.outputs.push({ path: b.output, line });
      }
    }
  }
  return result;
}

const GO_FILE = /^[^*?[$]*(?:^|\/)(?:go\.(?:mod|sum|work|work\.sum)|[^/]+\.go)$/;

/** Paths a COPY/ADD writes (each with unknown contents below), or null when the destination is unknown. */
function copyTargets(copy: CopyModel): string[] | null {
  if (copy.dest.includes("$")) return null;
  const rawDest = copy.node.json ? copy.node.json[copy.node.json.length - 1] ?? "" : copy.node.argv[copy.node.argv.length - 1]?.value ?? "";
  const dest = trimSlash(copy.dest);
  const intoFolder = /\/["']?$/.test(rawDest) || /^["']?\.{1,2}["']?$/.test(rawDest) || copy.sources.length > 1;
  if (!intoFolder || copy.heredoc || copy.keyword === "ADD") return [dest];
  // A source folder's *contents* land in the destination, so only names that are surely files
  // (go.mod, go.sum, *.go) keep their own path; anything else may fill the folder.
  if (copy.sources.every((src) => GO_FILE.test(src))) return copy.sources.map((src) => path.posix.join(dest, path.posix.basename(src)));
  return [dest];
}

function outputArg(argv: string[]): string | null {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "-o" || argv[i] === "--o") return argv[i + 1] ?? null;
    const m = /^--?o=(.*)$/.exec(argv[i]!);
    if (m) return m[1]!;
  }
  return null;
}

/**
 * Can `source` (a path or glob, as a `COPY --from` source names it) be in the stage? True when
 * it is something the stage makes, or lies where we don't judge (the root, system folders).
 */
export function mayHold(made: StageOutputs, source: string): boolean {
  const src = trimSlash(path.posix.resolve("/", source));
  const globAt = src.search(/[*?[]/);
  const glob = globAt >= 0;
  const prefix = glob ? src.slice(0, src.lastIndexOf("/", globAt)) || "/" : src;
  if (prefix === "/" || SYSTEM.some((d) => under(prefix, d))) return true;
  if (!glob) return exists(src, made);
  return matchesGlob(src, [...made.trees, ...made.files]) || made.trees.some((t) => under(prefix, t) || under(t, prefix));
}

/** A path exists when it is a known file, lies inside a known tree, or is a folder above one. */
function exists(src: string, made: StageOutputs): boolean {
  if (made.trees.some((t) => under(src, t) || under(t, src))) return true;
  if (made.files.some((f) => f === src || under(f, src))) return true;
  // The folders WORKDIR/mkdir created exist (empty), and so do their parents.
  return made.owned.some((d) => d === src || under(d, src));
}

/** Does the glob match a known path, or a folder above one? */
function matchesGlob(glob: string, paths: string[]): boolean {
  return paths.some((p) => matchesPathGlob(glob, p) || p.split("/").some((_, i, parts) => matchesPathGlob(glob, parts.slice(0, i + 1).join("/"))));
}
