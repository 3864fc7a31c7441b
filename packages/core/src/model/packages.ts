/**
 * Package-manager invocations read out of RUN commands (apt-get, apk, pip, npm, gem, yum, dnf,
 * zypper, yarn), for the package rules. Shared by every rule that asks "what does this RUN
 * install, and how": pins, non-interactive switches, cache cleanup.
 *
 * A "run site" is a RUN instruction, or the RUN trigger of an `ONBUILD RUN …` (which runs in
 * every image built FROM this one), or a RUN of a fragment that has no FROM yet.
 */
import path from "node:path";
import { LineIndex, type InstructionNode, type SourceLocation, type Span } from "../language/ast.js";
import { memoised } from "./memo.js";
import { parseAssignments, parseMount, runScripts, type DockerfileModel, type RunModel, type StageModel } from "./model.js";
import { splitCommands, type ShellCommand } from "./shell.js";

/** One simple command of a RUN, with its program name normalised (`/usr/bin/apt-get` → `apt-get`). */
export interface ToolCommand {
  /** Program name: basename, `xx-` cross wrappers and `sudo`-like prefixes removed. */
  name: string;
  /** Arguments after the program name. */
  args: string[];
  /** Flag names as getopt reads them: `--no-cache` → `no-cache`, `--root=/x` → `root`, `-yq` → `y`, `q`. */
  flags: string[];
  command: ShellCommand;
  /** Position among the site's commands (order matters for "clean after install"). */
  index: number;
}

export interface RunSite {
  node: InstructionNode;
  /** The stage the RUN is in; null for a fragment with no FROM before it. */
  stage: StageModel | null;
  /** True for an `ONBUILD RUN` trigger: it runs in the child image, so its own stage doesn't matter. */
  onbuild: boolean;
  readonly commands: ShellCommand[];
  readonly tools: ToolCommand[];
  /** `--mount` values, parsed. */
  mounts: Array<Record<string, string>>;
  /** Variables with a known value when the RUN starts (ARG and ENV). */
  env: ReadonlyMap<string, string>;
  /** Names declared by ARG (file-wide, before this line) or ENV (stage chain) before this RUN. */
  readonly declared: ReadonlySet<string>;
}

/** Prefixes that run the next word as the command. */
const WRAPPERS = new Set(["sudo", "command", "exec", "nice", "nohup", "time", "doas"]);
/** tonistiigi/xx wrappers: the same manager, for the target platform. */
const CROSS = new Set(["xx-apk", "xx-apt-get", "xx-apt"]);

/** getopt-style flag names of one argument (hadolint's reading). */
export function flagNames(arg: string): string[] {
  if (arg === "-" || arg === "--" || !arg.startsWith("-")) return [];
  if (arg.startsWith("--")) {
    const eq = arg.indexOf("=");
    return [eq < 0 ? arg.slice(2) : arg.slice(2, eq)];
  }
  return arg.slice(1).split("");
}

/** A redirection word: `>`, `2>`, `>>`, `<`, `>/dev/null`, `2>&1`. */
const REDIRECTION = /^\d*(>>?|<<?|&>>?)(&?\d*|.*)$/;

/** The words without redirections (`> /dev/null`, `2>/dev/null`) and their targets. */
function withoutRedirections(words: string[]): string[] {
  if (!words.some((w) => /^\d*[<>&]/.test(w))) return words;
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const m = REDIRECTION.exec(words[i]!);
    if (!m) {
      out.push(words[i]!);
      continue;
    }
    if (m[2] === "") i++; // the target is the next word
  }
  return out;
}

export function toolCommand(command: ShellCommand, index: number): ToolCommand | null {
  let argv = command.argv;
  // A `\ ` left by a backslash before blanks (no newline) is an empty-looking word: skip it.
  while (argv.length > 0 && argv[0]!.trim() === "") argv = argv.slice(1);
  while (argv.length > 1 && WRAPPERS.has(argv[0]!)) {
    argv = argv.slice(1);
    while (argv.length > 1 && argv[0]!.startsWith("-")) argv = argv.slice(1);
  }
  if (argv.length === 0) return null;
  const first = argv[0]!;
  let name = first.includes("/") ? path.posix.basename(first) : first;
  if (CROSS.has(name)) name = name.slice(3);
  const args = withoutRedirections(argv.slice(1));
  const flags: string[] = [];
  for (const a of args) flags.push(...flagNames(a));
  return { name, args, flags, command, index };
}

/** Is this the command `name` with one of `words` among its arguments (hadolint's cmdHasArgs)? */
export function hasArgs(tool: ToolCommand, names: readonly string[], words: readonly string[]): boolean {
  return names.includes(tool.name) && tool.args.some((a) => words.includes(a));
}

export function hasFlag(tool: ToolCommand, ...names: string[]): boolean {
  return tool.flags.some((f) => names.includes(f));
}

export function countFlag(tool: ToolCommand, name: string): number {
  return tool.flags.filter((f) => f === name).length;
}

/**
 * The arguments that are not flags, leaving out the value after each of `valueFlags` (`-t bookworm`)
 * unless given inline (`--target-release=bookworm`).
 */
export function operands(tool: ToolCommand, valueFlags: readonly string[] = []): string[] {
  const out: string[] = [];
  for (let i = 0; i < tool.args.length; i++) {
    const a = tool.args[i]!;
    const names = flagNames(a);
    if (names.length === 0) {
      out.push(a);
      continue;
    }
    if (!a.includes("=") && names.some((n) => valueFlags.includes(n))) i++;
  }
  return out;
}

/** A cache or tmpfs mount whose target contains `fragment` (its contents never reach the image). */
export function hasCacheMount(site: RunSite, fragment: string): boolean {
  return site.mounts.some((m) => {
    const type = m.type ?? "bind";
    if (type !== "cache" && type !== "tmpfs") return false;
    const target = m.target ?? m.dst ?? m.destination ?? "";
    return target.includes(fragment);
  });
}

/**
 * Is anything built on what this site leaves behind? True for the final stage, for a stage
 * another stage is built FROM, for ONBUILD triggers (they run in the child's build) and for
 * fragments without FROM.
 */
export function reachesImage(site: RunSite, model: DockerfileModel): boolean {
  if (site.onbuild || !site.stage) return true;
  const stage = site.stage;
  return stage.isFinal || model.stages.some((s) => s.parent === stage);
}

/** `ONBUILD RUN [--flag=v …] script` → the trigger's flags and script, or null for other triggers. */
function onbuildRun(node: InstructionNode): { mounts: Array<Record<string, string>>; json: string[] | null; args: string } | null {
  if (node.onbuildKeyword !== "RUN") return null;
  let rest = node.args.replace(/^\s*\S+\s*/, "");
  const mounts: Array<Record<string, string>> = [];
  for (;;) {
    const m = /^--([A-Za-z-]+)(?:=(\S*))?\s*/.exec(rest);
    if (!m) break;
    if (m[1]!.toLowerCase() === "mount" && m[2]) mounts.push(parseMount(m[2]));
    rest = rest.slice(m[0].length);
  }
  let json: string[] | null = null;
  if (rest.startsWith("[")) {
    try {
      const parsed: unknown = JSON.parse(rest);
      if (Array.isArray(parsed) && parsed.every((p) => typeof p === "string")) json = parsed;
    } catch {
      json = null;
    }
  }
  return { mounts, json, args: rest };
}

/** Every RUN and ONBUILD RUN of the file, in source order. */
export function runSites(model: DockerfileModel): RunSite[] {
  return memoised(model.memo, "runSites", () => findRunSites(model));
}

function findRunSites(model: DockerfileModel): RunSite[] {
  const sites: RunSite[] = [];
  const runOf = new Map<InstructionNode, { run: RunModel; stage: StageModel }>();
  const stageOf = new Map<InstructionNode, StageModel>();
  for (const stage of model.stages) {
    stageOf.set(stage.from, stage);
    for (const run of stage.runs) runOf.set(run.node, { run, stage });
  }
  // ARG names in the order first declared: a site keeps how many there were when it ran.
  const declared: string[] = [];
  const seen = new Set<string>();
  let stage: StageModel | null = null;
  let env: ReadonlyMap<string, string> = new Map();
  for (const node of model.ast.instructions) {
    switch (node.keyword) {
      case "FROM":
        stage = stageOf.get(node) ?? null;
        break;
      case "ARG":
      case "ENV":
        for (const [name, value] of parseAssignments(node.args, node.keyword === "ENV")) {
          // ARG names count file-wide (hadolint's reading); ENV names only along the stage chain.
          if (node.keyword === "ARG" && !seen.has(name)) {
            seen.add(name);
            declared.push(name);
          }
          if (!stage && value !== null) env = new Map(env).set(name, value);
        }
        break;
      case "RUN": {
        const found = runOf.get(node);
        const commands = found ? found.run.commands : runScripts(node).flatMap((s) => splitCommands(s));
        const mounts = found ? found.run.mounts : node.flags.filter((f) => f.name === "mount" && f.flagValue).map((f) => parseMount(f.flagValue!));
        sites.push(new Site(node, stage, false, commands, mounts, found?.run.env ?? env, declared, declared.length));
        break;
      }
      case "ONBUILD": {
        const trigger = onbuildRun(node);
        if (!trigger) break;
        const commands = runScripts({ ...node, json: trigger.json, args: trigger.args }).flatMap((s) => splitCommands(s));
        sites.push(new Site(node, stage, true, commands, trigger.mounts, stage?.env ?? env, declared, declared.length));
        break;
      }
      default:
        break;
    }
  }
  return sites;
}

/** A RUN site; its tools and declared names are worked out when a rule first asks (most ask for neither). */
class Site implements RunSite {
  #tools: ToolCommand[] | undefined;
  #declared: ReadonlySet<string> | undefined;

  constructor(
    readonly node: InstructionNode,
    readonly stage: StageModel | null,
    readonly onbuild: boolean,
    readonly commands: ShellCommand[],
    readonly mounts: Array<Record<string, string>>,
    readonly env: ReadonlyMap<string, string>,
    /** The file's ARG names in order; the first `argCount` were declared before this RUN. */
    private readonly argNames: readonly string[],
    private readonly argCount: number,
  ) {}

  get tools(): ToolCommand[] {
    if (!this.#tools) {
      const tools: ToolCommand[] = [];
      this.commands.forEach((c, i) => {
        const t = toolCommand(c, i);
        if (t) tools.push(t);
      });
      this.#tools = tools;
    }
    return this.#tools;
  }

  get declared(): ReadonlySet<string> {
    if (!this.#declared) {
      const names = new Set(this.argNames.slice(0, this.argCount));
      for (let s = this.stage; s; s = s.parent) for (const n of s.envNames) names.add(n);
      this.#declared = names;
    }
    return this.#declared;
  }
}

export type Manager = "apt" | "apk" | "pip" | "npm" | "gem" | "yum" | "dnf" | "zypper";

/** What one command installs: the package words as written, and module streams (`dnf module install x:1`). */
export interface PackageInstall {
  manager: Manager;
  tool: ToolCommand;
  packages: string[];
  /** True for `yum/dnf module install`: the words are module specs (`name:stream`). */
  modules: boolean;
}

const APT = ["apt-get", "apt", "aptitude"];
const DNF = ["dnf", "microdnf", "tdnf"];
const PIP_VALUE_FLAGS = [
  "abi", "b", "build", "e", "editable", "extra-index-url", "f", "find-links", "i", "index-url", "implementation",
  "no-binary", "only-binary", "platform", "prefix", "progress-bar", "proxy", "python", "python-version", "root",
  "root-user-action", "src", "t", "target", "trusted-host", "upgrade-strategy",
];

/** Words after the first `install` (a flag value may come before it). */
function afterInstall(words: string[], verbs: readonly string[] = ["install"]): string[] {
  const at = words.findIndex((w) => verbs.includes(w));
  return at < 0 ? [] : words.slice(at + 1).filter((w) => !verbs.includes(w));
}

/** `pip install`, `pip3.12 install`, `pipx install`, `python -m pip install` (not pipenv). */
export function isPipInstall(tool: ToolCommand): boolean {
  if (tool.name.startsWith("pip") && !tool.name.startsWith("pipenv")) return tool.args.includes("install");
  if (tool.name.startsWith("python")) {
    const m = tool.args.indexOf("-m");
    return m >= 0 && tool.args[m + 1] === "pip" && tool.args[m + 2] === "install";
  }
  return false;
}

/** The packages a command installs, by manager; null when it installs nothing. */
export function packageInstall(tool: ToolCommand): PackageInstall | null {
  const { name, args } = tool;
  if (APT.includes(name) && args.includes("install")) {
    return { manager: "apt", tool, packages: afterInstall(operands(tool, ["t", "target-release", "o", "c"])), modules: false };
  }
  if (name === "apk" && args.includes("add")) {
    return { manager: "apk", tool, packages: afterInstall(operands(tool, ["t", "virtual", "repository", "X", "p", "root"]), ["add"]), modules: false };
  }
  if (isPipInstall(tool)) {
    return { manager: "pip", tool, packages: afterInstall(operands(tool, PIP_VALUE_FLAGS)), modules: false };
  }
  if (name === "npm" && args.includes("install")) {
    const words = operands(tool, ["loglevel", "registry"]);
    // `npm --prefix x install`: only when install is the first word, as `npm install` is meant.
    if (words[0] !== "install") return null;
    return { manager: "npm", tool, packages: afterInstall(words), modules: false };
  }
  if (name === "gem" && (args.includes("install") || args.includes("i"))) {
    const words: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (a === "--") break;
      // gem's options mostly take a value: skip the word after each.
      if (a.startsWith("-")) {
        if (!a.includes("=")) i++;
        continue;
      }
      words.push(a);
    }
    return { manager: "gem", tool, packages: afterInstall(words, ["install", "i"]), modules: false };
  }
  if ((name === "yum" || DNF.includes(name)) && args.includes("install")) {
    // Groups (`dnf group install "Development Tools"`) have no versions.
    if (args.includes("group")) return null;
    const modules = args.includes("module");
    const packages = operands(tool).filter((w) => w !== "install" && w !== "module");
    return { manager: name === "yum" ? "yum" : "dnf", tool, packages, modules };
  }
  if (name === "zypper" && (args.includes("install") || args.includes("in"))) {
    return { manager: "zypper", tool, packages: operands(tool).filter((w) => w !== "install" && w !== "in"), modules: false };
  }
  return null;
}

/**
 * The span of `word` as a whole shell word in the instruction's source, at or after offset `from`;
 * null when it is not written literally (built by quotes or variables).
 */
export function findWord(text: string, node: InstructionNode, word: string, from: number, lines: LineIndex): Span | null {
  // An empty word is written nowhere; indexOf("") matches at every offset, so the loop would never end.
  if (word === "") return null;
  const source = text.slice(0, node.range[1]);
  for (let at = source.indexOf(word, Math.max(from, node.range[0])); at >= 0; at = source.indexOf(word, at + 1)) {
    const before = source[at - 1] ?? " ";
    const after = source[at + word.length] ?? " ";
    if (/[\s"'=]/.test(before) && /[\s"';&|)]/.test(after)) return lines.span(at, at + word.length);
  }
  return null;
}

/**
 * Where each tool's program word and (optionally) one of its arguments are written. Walks every
 * tool of the site in order, so a command is not confused with an earlier one of the same name.
 */
export function locateTools(text: string, site: RunSite, lines: LineIndex): Map<ToolCommand, Span | null> {
  const out = new Map<ToolCommand, Span | null>();
  let cursor = site.node.range[0];
  for (const tool of site.tools) {
    const word = tool.command.argv.find((w) => w.trim() !== "" && !WRAPPERS.has(w) && !w.startsWith("-")) ?? tool.name;
    const span = findWord(text, site.node, word, cursor, lines);
    if (span) cursor = span.range[1];
    out.set(tool, span);
  }
  return out;
}

/** The span of argument `arg` of a tool whose program word is at `program`. */
export function locateArg(text: string, site: RunSite, program: Span | null, arg: string, lines: LineIndex): Span | null {
  return program ? findWord(text, site.node, arg, program.range[1], lines) : null;
}

/** A command of a RUN site, with its report spans found on demand (most commands are never reported). */
export interface ToolVisit {
  site: RunSite;
  tool: ToolCommand;
  /** The program word in the source, or null where it cannot be found. */
  program(): Span | null;
  /** `word` after the program word in the source, or null. */
  arg(word: string): Span | null;
  /** From the program word to `word` (the command as written), else the whole instruction. */
  through(word: string): SourceLocation;
}

/** Every command of every RUN site (ONBUILD triggers and fragments before FROM included), in file order. */
export function* toolVisits(text: string, model: DockerfileModel): Generator<ToolVisit> {
  let lines: LineIndex | null = null;
  for (const site of runSites(model)) {
    let spans: Map<ToolCommand, Span | null> | null = null;
    for (const tool of site.tools) {
      const program = (): Span | null => {
        lines ??= new LineIndex(text);
        spans ??= locateTools(text, site, lines);
        return spans.get(tool) ?? null;
      };
      const arg = (word: string): Span | null => {
        lines ??= new LineIndex(text);
        const start = program();
        const span = locateArg(text, site, start, word, lines);
        if (!start || !span) return null;
        // Trust the span only when the source between the program and `word` holds exactly this
        // command's words: a comment line or another command in between means the search found
        // another command's word, and a fix there would land in the wrong place.
        const between = text.slice(start.range[1], span.range[0]).replace(/[\\`]\r?\n/g, " ").split(/\s+/).filter(Boolean).join(" ");
        return between === tool.args.slice(0, tool.args.indexOf(word)).join(" ") ? span : null;
      };
      const through = (word: string): SourceLocation => {
        const start = program();
        const end = arg(word);
        return start && end ? { start: start.loc.start, end: end.loc.end } : site.node.loc;
      };
      yield { site, tool, program, arg, through };
    }
  }
}
