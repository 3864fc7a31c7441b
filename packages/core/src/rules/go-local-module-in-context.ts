import path from "node:path";
import { createRule } from "../create-rule.js";
import { chain, rootStage } from "../model/analysis.js";
import { programIndex } from "../model/commands.js";
import { contextCopiesBefore, landings, mayBeFilledElsewhere } from "../model/context-copies.js";
import { isIgnored, type DockerignoreFacts } from "../model/dockerignore.js";
import type { LocalReplace } from "../model/gomod.js";
import { expand, type RunModel, type StageModel } from "../model/model.js";

type MessageIds = "outside" | "notCopied" | "ignored" | "absolute";

/** A go command that loads the module graph: a build, or `go mod download`. */
interface GoCommand {
  stage: StageModel;
  run: RunModel;
  /** `build`, `install`, `run` or `mod download`. */
  verb: string;
  /** Which command of this verb in the RUN (for the report location). */
  nth: number;
  cwd: string;
  env: ReadonlyMap<string, string>;
  flags: string[];
}

/** The go commands of a stage that need the module's local folders, in order. */
function goCommands(stage: StageModel): GoCommand[] {
  const found: GoCommand[] = [];
  for (const b of stage.goBuilds) {
    const nth = found.filter((c) => c.run.node === b.run.node && c.verb === b.subcommand).length;
    found.push({ stage, run: b.run, verb: b.subcommand, nth, cwd: b.workdir, env: b.env, flags: b.flags });
  }
  for (const run of stage.runs) {
    let nth = 0;
    for (const [i, c] of run.commands.entries()) {
      const g = programIndex(c.argv);
      if (c.argv[g] !== "go" || c.argv[g + 1] !== "mod" || c.argv[g + 2] !== "download") continue;
      // A `cd` before it moves the module; the model follows `cd` for builds only.
      if (run.commands.slice(0, i).some((p) => p.argv[0] === "cd")) return found;
      const env = new Map(run.env);
      for (const [k, v] of Object.entries(c.env)) env.set(k, expand(v, env));
      found.push({ stage, run, verb: "mod download", nth: nth++, cwd: run.workdir, env, flags: c.argv.slice(g + 3) });
    }
  }
  return found;
}

/** The span of the nth `go <verb>` in the RUN's source. */
function commandRange(text: string, command: GoCommand): [number, number] | null {
  const node = command.run.node;
  const source = text.slice(node.range[0], node.range[1]);
  const verb = command.verb.replace(" ", String.raw`[ \t]+`);
  const re = new RegExp(String.raw`(^|[\s;&|(\x60"'])((?:[^\s;&|()"'\x60]*/)?go)[ \t]+(?:\\\r?\n[ \t]*)*${verb}\b`, "g");
  let k = 0;
  for (const m of source.matchAll(re)) {
    if (k++ !== command.nth) continue;
    const start = node.range[0] + m.index + m[1]!.length;
    return [start, node.range[0] + m.index + m[0].length];
  }
  return null;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, String.raw`\$&`);

const has = (flags: string[], re: RegExp) => flags.some((f) => re.test(f));

/**
 * Reports go.mod `replace … => <folder>` directives and go.work `use` folders that the go command
 * in the image cannot see: outside the build context, excluded by .dockerignore, or not copied
 * into the stage before `go build`/`go mod download`. Checked in the container: where the COPY
 * instructions put go.mod (or go.work), and whether the folder's go.mod lands where the directive
 * points from there.
 */
export default createRule<[], MessageIds>({
  name: "go-local-module-in-context",
  meta: {
    type: "problem",
    docs: {
      description: "Require go.mod `replace` folders and go.work members to be copied into the stage before the go command needs them",
      strict: true,
    },
    messages: {
      outside:
        "{{file}}:{{line}} {{what}}, a folder outside the build context, so '{{command}}' fails: the image has no {{dest}}/go.mod. Build from a folder that holds both (docker build -f <this Dockerfile> <that folder>) and COPY the module's folder to {{dest}}/, or require a published version.",
      notCopied:
        "{{file}}:{{line}} {{what}}, but nothing copies {{source}} to {{dest}}/ before '{{command}}', so it fails: the image has no {{dest}}/go.mod. COPY {{source}} {{dest}}/ first (its go.mod is enough for go mod download).",
      ignored:
        "{{file}}:{{line}} {{what}}, but {{ignoreFile}} excludes {{source}} from the build context, so '{{command}}' fails: the image has no {{dest}}/go.mod. Stop ignoring {{source}}.",
      absolute:
        "{{file}}:{{line}} {{what}}, an absolute path nothing copies into the image, so '{{command}}' fails: the image has no {{dest}}/go.mod. Use a relative folder inside the build context and COPY it to where that path resolves.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const sourceCode = context.sourceCode;
    return {
      Dockerfile() {
        const model = sourceCode.model;
        const goMod = model.goMod;
        if (!goMod?.contextPath) return;
        const goModPath = goMod.contextPath;
        let ignore: DockerignoreFacts | null | undefined;
        const reported = new Set<string>();

        for (const stage of model.stages) {
          // In source order: the first command that needs a folder is the one that fails.
          const commands = goCommands(stage).map((c) => ({ c, range: commandRange(sourceCode.text, c) }));
          commands.sort((a, b) => (a.range?.[0] ?? a.c.run.node.range[0]) - (b.range?.[0] ?? b.c.run.node.range[0]));
          for (const { c: command, range } of commands) {
            // Another go.mod or folder than the one seen here.
            if (has(command.flags, /^-(modfile|C)(=|$)/)) continue;
            const goflags = command.env.get("GOFLAGS") ?? "";
            const copies = contextCopiesBefore(stage, command.run);
            const cwd = command.cwd;
            // The go command uses the go.mod in its folder (or above): the module must land right there.
            if (!landings(copies, goModPath).some((p) => path.posix.dirname(p) === cwd)) continue;
            const before = command.run.node.range[0];
            const earlierScripts = chain(stage)
              .flatMap((s) => s.runs.filter((r) => s !== stage || r.node.range[0] < before))
              .flatMap((r) => r.commands.map((c) => c.text))
              .concat(command.run.commands.filter((c) => c.argv[programIndex(c.argv)] !== "go").map((c) => c.text));

            const check = (directive: LocalReplace | { target: string; line: number; module?: undefined }, file: string, contextBase: string, containerBase: string) => {
              const target = directive.target;
              const dest = path.posix.resolve(containerBase, target);
              if (dest === "/") return;
              const what = directive.module ? `replaces ${directive.module} with ${target}` : `uses ${target}`;
              const goModAt = path.posix.join(dest, "go.mod");
              // Something else may put the folder there: another stage or image, a URL, an
              // earlier RUN that names it (git clone, mkdir, a generator).
              const named = new RegExp(String.raw`(^|[\s/'"=])${escapeRegExp(path.posix.basename(dest))}([\s/'"]|$)`);
              const filledElsewhere = () => mayBeFilledElsewhere(copies, dest) || earlierScripts.some((s) => named.test(s));
              const loc = range ? { start: sourceCode.getLocFromIndex(range[0]), end: sourceCode.getLocFromIndex(range[1]) } : command.run.node.loc;
              const data = { file, line: String(directive.line), what, command: `go ${command.verb}`, dest };
              const report = (messageId: MessageIds, extra: Record<string, string> = {}) => {
                // One finding per directive and stage chain: the first go command that needs the folder fails.
                const key = `${file}:${directive.line}:${rootStage(stage).index}`;
                if (reported.has(key)) return;
                reported.add(key);
                context.report({ loc, messageId, data: { ...data, ...extra } });
              };
              if (path.posix.isAbsolute(target)) {
                if (!copies.placements.some((p) => goModAt === p.dest || goModAt.startsWith(`${p.dest}/`)) && !filledElsewhere()) report("absolute");
                return;
              }
              const source = path.posix.join(contextBase, target);
              if (source === ".." || source.startsWith("../")) {
                if (!filledElsewhere()) report("outside");
                return;
              }
              if (ignore === undefined) {
                ignore = sourceCode.dockerignore;
                // `!` exceptions re-include paths: stand back, as no-copy-ignored-file does.
                if (ignore && ignore.exceptions.length > 0) ignore = null;
              }
              const goModSource = path.posix.join(source, "go.mod");
              // An ignored folder is not sent, whatever copies it.
              const ignoredBy = ignore && (isIgnored(ignore, source) || isIgnored(ignore, goModSource)) ? ignore.path : null;
              if (!ignoredBy && landings(copies, goModSource).includes(goModAt)) return;
              if (filledElsewhere()) return;
              const shown = source === "." ? "." : `${source}/`;
              if (ignoredBy) report("ignored", { source: shown, ignoreFile: ignoredBy });
              else report("notCopied", { source: shown });
            };

            // Vendored builds read vendor/, not the replacement folders.
            if (!goMod.vendored && !/(^|\s)-mod=vendor(\s|$)/.test(goflags) && !has(command.flags, /^-mod=vendor$/)) {
              for (const r of goMod.localReplaces) check(r, goMod.path, path.posix.dirname(goModPath), cwd);
            }
            // go.work applies when the image has it above the module and GOWORK leaves it on.
            const work = goMod.work;
            const gowork = command.env.get("GOWORK");
            if (!work?.contextPath || (gowork !== undefined && gowork !== "")) continue;
            const workDir = landings(copies, work.contextPath)
              .map((p) => path.posix.dirname(p))
              .filter((d) => d === cwd || d === "/" || cwd.startsWith(`${d}/`))
              .sort((a, b) => b.length - a.length)[0];
            if (workDir === undefined) continue;
            const workBase = path.posix.dirname(work.contextPath);
            for (const use of work.uses) check({ target: use.dir, line: use.line }, work.path, workBase, workDir);
            for (const r of work.localReplaces) check(r, work.path, workBase, workDir);
          }
        }
      },
    };
  },
});
