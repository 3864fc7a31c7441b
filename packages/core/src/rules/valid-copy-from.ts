import path from "node:path";
import type { InstructionNode, Span } from "../language/ast.js";
import { expand, type CopyModel, type DockerfileModel, type StageModel } from "../model/model.js";
import { matchesPathGlob } from "../model/glob.js";
import { createRule, type DockerRuleContext } from "../create-rule.js";

type Options = [{ allow: string[]; checkSources: boolean }];
type MessageIds = "selfReference" | "laterStage" | "noSuchIndex" | "unknownStage" | "notAStage" | "missingSource" | "useStage";

/**
 * `COPY --from=X` and `RUN --mount=…,from=X` must name an earlier stage or an explicit image.
 * BuildKit pulls any other bare name as `docker.io/library/X:latest`, so a typo in a stage name
 * turns into a pull error (or, worse, a different image).
 */
export default createRule<Options, MessageIds>({
  name: "valid-copy-from",
  meta: {
    type: "problem",
    docs: {
      description: "Require `COPY --from` and `RUN --mount from=` to name an earlier stage or a tagged image",
      recommended: true,
      equivalents: { hadolint: ["DL3022", "DL3023"], trivy: ["DS006"] },
    },
    hasSuggestions: true,
    messages: {
      selfReference: "'{{ref}}' is the stage this instruction is in; a stage cannot copy from itself. Name an earlier stage.",
      laterStage: "Stage '{{ref}}' is defined later (line {{line}}); a stage can only use earlier stages. Move that stage above this one.",
      noSuchIndex: "There is no stage {{ref}} before this one (stages are numbered from 0; {{count}} defined before). Use an earlier stage's index or name.",
      unknownStage: "Unknown stage '{{ref}}'; did you mean '{{candidate}}'? As written, BuildKit pulls an image named '{{ref}}'.",
      notAStage:
        "'{{ref}}' is not a stage of this Dockerfile, so BuildKit pulls the image 'docker.io/library/{{ref}}:latest'. If you meant an image, pin it with a tag ('{{ref}}:<version>'); if it is a named build context, list it in this rule's 'allow' option.",
      missingSource:
        "Stage '{{stage}}' does not produce '{{source}}': its builds write {{outputs}}. Copy one of those paths or fix the build's -o path.",
      useStage: "Use stage '{{candidate}}'.",
    },
    schema: [
      {
        type: "object",
        properties: {
          allow: { type: "array", items: { type: "string" } },
          checkSources: { type: "boolean" },
        },
        additionalProperties: false,
      },
    ],
  },
  defaultOptions: [{ allow: [], checkSources: true }],
  create(context, [{ allow, checkSources }]) {
    const allowed = new Set(allow.map((a) => a.toLowerCase()));
    return {
      Dockerfile() {
        const model = context.sourceCode.model;
        const check = (ref: string, span: Span, stageIndex: number) => {
          const problem = classify(model, ref, stageIndex, allowed);
          if (!problem) return;
          const { messageId, data, candidates = [] } = problem;
          // Point at the value inside the flag (`--from=buidl` → `buidl`) so the suggestion replaces just it.
          const at = span.value.lastIndexOf(ref);
          const valueRange: [number, number] | null = at >= 0 && span.value.slice(at) === ref ? [span.range[0] + at, span.range[1]] : null;
          context.report({
            loc: span.loc,
            messageId,
            data,
            suggest: valueRange
              ? candidates.map((candidate) => ({
                  messageId: "useStage" as const,
                  data: { candidate },
                  fix: (fixer) => fixer.replaceTextRange(valueRange, candidate),
                }))
              : [],
          });
        };

        // COPY --from before any FROM belongs to no stage: nothing is earlier.
        for (const node of model.ast.instructions) {
          if (node.keyword === "FROM") break;
          const flag = node.keyword === "COPY" ? node.flags.find((f) => f.name === "from") : undefined;
          if (!flag?.flagValue) continue;
          const missing: string[] = [];
          const ref = expand(flag.flagValue, model.globalArgs, missing);
          if (missing.length === 0) check(ref, flag, -1);
        }

        for (const stage of model.stages) {
          for (const copy of stage.copies) {
            if (copy.keyword !== "COPY" || copy.from === null || !copy.fromFlag) continue;
            if (copy.from.includes("$")) continue; // a build arg with no default decides
            check(copy.from, copy.fromFlag, stage.index);
            if (checkSources && copy.fromStage && copy.fromStage.index < stage.index) checkCopySources(copy, copy.fromStage, context);
          }
          for (const run of stage.runs) {
            const mountFlags = run.node.flags.filter((f) => f.name === "mount" && f.flagValue);
            mountFlags.forEach((flag, k) => {
              const from = run.mounts[k]?.from;
              if (!from) return;
              const missing: string[] = [];
              const ref = expand(from, run.env, missing);
              if (missing.length > 0) return;
              check(ref, fromValueSpan(flag, from), stage.index);
            });
          }
        }
      },
    };
  },
});

/** The `from=X` part of a `--mount` flag, as a span (the whole flag when not found). */
function fromValueSpan(flag: Span, from: string): Span {
  const m = /(^|,)from=/.exec(flag.value.replace(/^--mount=/, "")) ;
  if (!m) return flag;
  const offset = flag.value.indexOf("=") + 1 + m.index + m[0].length;
  const start = flag.range[0] + offset;
  const end = start + from.length;
  if (flag.value.slice(offset, offset + from.length) !== from) return flag;
  const lineStart = flag.loc.start;
  // Flags never span lines: columns shift by the offset.
  return {
    value: from,
    range: [start, end],
    loc: { start: { line: lineStart.line, column: lineStart.column + offset }, end: { line: lineStart.line, column: lineStart.column + offset + from.length } },
  };
}

interface Problem {
  messageId: MessageIds;
  data: Record<string, string>;
  candidates?: string[];
}

/** Decides what a `--from` value names, relative to the stage at `stageIndex`. */
export function classify(model: DockerfileModel, ref: string, stageIndex: number, allowed: Set<string> = new Set()): Problem | null {
  const lower = ref.toLowerCase();
  const target = model.stageByRef(ref);
  if (target) {
    if (target.index === stageIndex) return { messageId: "selfReference", data: { ref } };
    if (target.index > stageIndex) return { messageId: "laterStage", data: { ref, line: String(target.from.loc.start.line) } };
    return null;
  }
  if (/^\d+$/.test(ref)) {
    return { messageId: "noSuchIndex", data: { ref, count: String(Math.max(0, stageIndex)) } };
  }
  // A registry path, tag or digest: an explicit image (hadolint DL3022 treats `:` the same way).
  if (/[/:@]/.test(ref)) return null;
  if (allowed.has(lower)) return null;
  const earlier = model.stages.filter((s) => s.index < stageIndex && s.name).map((s) => s.name!);
  const candidates = [...new Set(earlier)]
    .map((name) => ({ name, d: distance(lower, name) }))
    .filter(({ name, d }) => looksLikeTypo(lower, name, d))
    .sort((a, b) => a.d - b.d)
    .map(({ name }) => name);
  if (candidates.length > 0) return { messageId: "unknownStage", data: { ref, candidate: candidates[0]! }, candidates };
  return { messageId: "notAStage", data: { ref } };
}

/** Edit distance ≤ 2 (≤ 1 for short names), or one name a prefix of the other (`build`/`builder`). */
function looksLikeTypo(a: string, b: string, d: number): boolean {
  const shorter = Math.min(a.length, b.length);
  if (shorter >= 3 && (a.startsWith(b) || b.startsWith(a))) return true;
  return d <= (shorter <= 4 ? 1 : 2);
}

/** Levenshtein distance with transpositions counted as one edit. */
export function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

// ---------------------------------------------------------------------------------------------
// Missing artifacts: only for golang-image stages whose every RUN we understand, and only for
// paths the golang image cannot already hold.

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

interface Producers {
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
function producers(stage: StageModel): Producers | null {
  if (stage.image.family !== "golang") return null;
  // The golang image creates /go/bin and /go/src empty.
  const result: Producers = { trees: [], files: [], owned: ["/go/bin", "/go/src"], outputs: [] };
  const chain: StageModel[] = [];
  for (let s: StageModel | null = stage; s; s = s.parent) chain.unshift(s);
  for (const s of chain) {
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

function trimSlash(p: string): string {
  return p.length > 1 ? p.replace(/\/+$/, "") : p;
}

function checkCopySources(copy: CopyModel, from: StageModel, context: DockerRuleContext<Options, MessageIds>): void {
  if (copy.heredoc || copy.node.json) return;
  const made = producers(from);
  if (!made || made.outputs.length === 0) return;
  const sourceSpans = copy.node.argv.slice(0, -1);
  copy.sources.forEach((raw, i) => {
    if (raw.includes("$")) return;
    const src = trimSlash(path.posix.resolve("/", raw));
    const globAt = src.search(/[*?[]/);
    const prefix = globAt >= 0 ? src.slice(0, src.lastIndexOf("/", globAt)) || "/" : src;
    if (prefix === "/" || SYSTEM.some((d) => under(prefix, d))) return;
    const known = [...made.trees, ...made.files];
    const found = globAt >= 0 ? matchesGlob(src, known) || made.trees.some((t) => under(prefix, t) || under(t, prefix)) : exists(src, made);
    if (found) return;
    const span: Span | InstructionNode = sourceSpans[i] ?? copy.node;
    context.report({
      loc: span.loc,
      messageId: "missingSource",
      data: {
        stage: from.name ?? String(from.index),
        source: raw,
        outputs: made.outputs.map((o) => `${o.path} (line ${o.line})`).join(", "),
      },
    });
  });
}

/** A path exists when it is a known file, lies inside a known tree, or is a folder above one. */
function exists(src: string, made: Producers): boolean {
  if (made.trees.some((t) => under(src, t) || under(t, src))) return true;
  if (made.files.some((f) => f === src || under(f, src))) return true;
  // The folders WORKDIR/mkdir created exist (empty), and so do their parents.
  return made.owned.some((d) => d === src || under(d, src));
}

/** Does the glob match a known path, or a folder above one? */
function matchesGlob(glob: string, paths: string[]): boolean {
  return paths.some((p) => matchesPathGlob(glob, p) || p.split("/").some((_, i, parts) => matchesPathGlob(glob, parts.slice(0, i + 1).join("/"))));
}
