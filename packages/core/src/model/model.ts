/**
 * The semantic model, computed once per file and shared by every rule: stages with resolved
 * base images, ARG/ENV in effect, USER, WORKDIR, ENTRYPOINT/CMD, COPY/ADD, RUN commands and
 * the Go builds they run.
 */
import type { FileMemo } from "./memo.js";
import path from "node:path";
import type { DockerfileNode, FlagNode, InstructionNode, Span } from "../language/ast.js";
import { imageFacts, parseImageRef, type ImageFacts, type ImageRef } from "./images.js";
import { splitCommands, SHELLS, type ShellCommand } from "./shell.js";
import type { GoModFacts } from "./gomod.js";
import { NOT_NORMAL } from "./paths.js";
import { programIndex } from "./commands.js";

export interface ExecSpec {
  node: InstructionNode;
  form: "exec" | "shell";
  argv: string[];
}

export interface CopyModel {
  node: InstructionNode;
  keyword: "COPY" | "ADD";
  /** The `--from` value as written, or null. */
  from: string | null;
  fromFlag: FlagNode | null;
  /** The stage `--from` names (by alias or index), or null (image reference, or no flag). */
  fromStage: StageModel | null;
  sources: string[];
  /** Destination resolved against WORKDIR (absolute when WORKDIR is known). */
  dest: string;
  heredoc: boolean;
}

export interface RunModel {
  node: InstructionNode;
  /** Simple commands in order, each with the inline env it sets. */
  commands: ShellCommand[];
  /** `--mount` flag values, parsed into key/value maps. */
  mounts: Array<Record<string, string>>;
  /** Variables in effect when the RUN starts (stage ENV and ARG values). */
  env: Map<string, string>;
  workdir: string;
  /** True when the command is exec form (no shell involved). */
  exec: boolean;
}

export interface GoBuild {
  stage: StageModel;
  run: RunModel;
  command: ShellCommand;
  subcommand: "build" | "install" | "run";
  /** Effective environment for this command: stage ENV/ARG, `export`s before it, inline assignments. */
  env: Map<string, string>;
  /** CGO_ENABLED as it will be seen, or undefined when nothing sets it. */
  cgo: string | undefined;
  /** Absolute output path (`-o`, or GOBIN/GOPATH for `go install`), or null when unknown. */
  output: string | null;
  packages: string[];
  trimpath: boolean;
  ldflags: string | null;
  tags: string | null;
  /** The build flags as given (`-trimpath`, `-ldflags=…`), without `-o`. */
  flags: string[];
  workdir: string;
}

export interface StageModel {
  index: number;
  /** Alias lower-cased, as Docker matches it; null without `AS`. */
  name: string | null;
  from: InstructionNode;
  /** The image reference as written in FROM, with its span (for fixes). */
  imageSpan: Span | null;
  /** This FROM's own image reference; null when it names an earlier stage. */
  base: ImageRef | null;
  parent: StageModel | null;
  /** The underlying image after following `FROM <stage>` chains. */
  root: ImageRef | null;
  image: ImageFacts;
  platform: string | null;
  instructions: InstructionNode[];
  /** ENV (inherited along FROM <stage>) plus ARG values, as in effect at the end of the stage. */
  env: Map<string, string>;
  /** Names declared with ENV in this stage or its parents. */
  envNames: Set<string>;
  /** ARG values declared in this stage (null when no value is known). */
  args: Map<string, string | null>;
  /** Last USER in this stage or inherited from the parent stage. */
  user: { value: string; node: InstructionNode } | null;
  workdir: string;
  entrypoint: ExecSpec | null;
  cmd: ExecSpec | null;
  shell: string[] | null;
  copies: CopyModel[];
  runs: RunModel[];
  goBuilds: GoBuild[];
  isFinal: boolean;
}

export interface DockerfileModel {
  ast: DockerfileNode;
  /** Global ARGs (before the first FROM) and their defaults (null: no default). */
  globalArgs: Map<string, string | null>;
  stages: StageModel[];
  finalStage: StageModel | null;
  directives: Map<string, string>;
  goMod: GoModFacts | null;
  /** Finds a stage by alias (case-insensitive) or index, as `COPY --from` and `FROM` see it before `before`. */
  stageByRef(ref: string, before?: number): StageModel | null;
  /** What model/ modules derive from this file on demand (model/memo.ts). */
  memo: FileMemo;
}

const AUTOMATIC_ARGS = new Set([
  "TARGETPLATFORM", "TARGETOS", "TARGETARCH", "TARGETVARIANT",
  "BUILDPLATFORM", "BUILDOS", "BUILDARCH", "BUILDVARIANT",
]);

/**
 * Expands `$X`, `${X}`, `${X:-def}`, `${X-def}`, `${X:+alt}`, `${X+alt}`; unknown variables stay
 * as written and are collected in `missing`. A default or alternative word runs to the first `}`
 * and is expanded in turn.
 *
 * A scanner rather than a replace pattern: a pattern that looks for the closing `}` from every
 * `$` rescans the rest of the text each time, which is quadratic in deeply nested input.
 */
export function expand(text: string, vars: ReadonlyMap<string, string | null>, missing: string[] = []): string {
  let dollar = text.indexOf("$");
  if (dollar < 0) return text;
  let out = "";
  let copied = 0;
  // The first `}` at or after a position; positions only grow, so each `}` is found once.
  let close = -2;
  const closeFrom = (at: number) => {
    if (close !== -1 && close < at) close = text.indexOf("}", at);
    return close;
  };
  for (; dollar >= 0; dollar = text.indexOf("$", dollar + 1)) {
    const braced = text.charCodeAt(dollar + 1) === 123; // `{`
    const nameStart = dollar + (braced ? 2 : 1);
    const nameEnd = nameEndAt(text, nameStart);
    if (nameEnd === nameStart) continue;
    const name = text.slice(nameStart, nameEnd);
    const value = vars.get(name);
    const set = value !== undefined && value !== null;
    let end: number;
    let replacement: string;
    if (!braced) {
      end = nameEnd;
      replacement = set ? value : text.slice(dollar, end);
      if (!set) missing.push(name);
    } else if (text[nameEnd] === "}") {
      end = nameEnd + 1;
      replacement = set ? value : text.slice(dollar, end);
      if (!set) missing.push(name);
    } else {
      const colon = text[nameEnd] === ":";
      const op = text[nameEnd + (colon ? 1 : 0)];
      if (op !== "-" && op !== "+") continue;
      const wordStart = nameEnd + (colon ? 2 : 1);
      const wordEnd = closeFrom(wordStart);
      if (wordEnd < 0) continue; // no `}` further on: not a braced form
      end = wordEnd + 1;
      const word = () => expand(text.slice(wordStart, wordEnd), vars, missing);
      if (op === "-") replacement = set && (!colon || value !== "") ? value : word();
      else replacement = set ? word() : "";
    }
    out += text.slice(copied, dollar) + replacement;
    copied = end;
    dollar = end - 1;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/** End of the variable name (`[A-Za-z_][A-Za-z0-9_]*`) starting at `start`; `start` when there is none. */
function nameEndAt(text: string, start: number): number {
  let i = start;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
    if (!letter && !(i > start && c >= 48 && c <= 57)) break;
  }
  return i;
}

export function parseMount(v: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of v.split(",")) {
    const eq = part.indexOf("=");
    if (eq < 0) out[part.trim()] = "true";
    else out[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return out;
}

/** Splits `ENV a=b c=d` / `ENV a b` / `ARG a=b` arguments into pairs (quotes removed). */
export function parseAssignments(args: string, legacyAllowed: boolean): Array<[string, string | null]> {
  const cmd = splitCommands(args)[0];
  const words = cmd?.argv ?? [];
  const pairs: Array<[string, string | null]> = [];
  if (!cmd) return pairs;
  // splitCommands pulls leading NAME=value words into env.
  for (const [k, v] of Object.entries(cmd.env)) pairs.push([k, v]);
  if (pairs.length === 0 && legacyAllowed && words.length >= 1 && !words[0]!.includes("=")) {
    // Legacy `ENV key value with spaces`.
    const m = /^\s*(\S+)\s+([\s\S]*)$/.exec(args);
    if (m) return [[m[1]!, m[2]!.replace(/^"(.*)"$/s, "$1").replace(/^'(.*)'$/s, "$1")]];
  }
  for (const w of words) {
    const eq = w.indexOf("=");
    if (eq > 0) pairs.push([w.slice(0, eq), w.slice(eq + 1)]);
    else pairs.push([w, null]);
  }
  return pairs;
}

export function resolvePath(p: string, workdir: string): string {
  // Most paths are already normal (`/app`, `bin/app` under `/src`): skip path.posix for them.
  if (p.startsWith("/")) return NOT_NORMAL.test(p) ? path.posix.normalize(p) : p;
  const base = workdir || "/";
  if (p !== "" && !p.startsWith(".") && base.startsWith("/")) {
    const joined = base === "/" ? `/${p}` : `${base}/${p}`;
    if (!NOT_NORMAL.test(joined)) return joined;
  }
  return path.posix.join(base, p);
}

function execSpec(node: InstructionNode): ExecSpec {
  if (node.json) return { node, form: "exec", argv: node.json };
  return { node, form: "shell", argv: splitCommands(node.args)[0]?.argv ?? [] };
}

/** Shell scripts a RUN executes: its shell-form command and heredoc bodies fed to a shell. */
export function runScripts(node: InstructionNode): string[] {
  if (node.json) {
    // ["sh", "-c", "script"] is a shell script too.
    const j = node.json;
    if (j.length >= 3 && SHELLS.has(j[0]!) && j[1] === "-c") return [j[2]!];
    return [j.map((a) => (/[\s'"]/.test(a) ? JSON.stringify(a) : a)).join(" ")];
  }
  if (node.heredocs.length === 0) return [node.args];
  const scripts: string[] = [];
  const head = node.args.replace(/<<-?\s*["']?[A-Za-z0-9_]+["']?/g, "").trim();
  const headCmd = head.split(/\s+/)[0] ?? "";
  for (const h of node.heredocs) {
    // `RUN <<EOF` runs the body with the default shell; `RUN bash <<EOF` too. Other commands
    // (python <<EOF) read it as data.
    if (headCmd === "" || SHELLS.has(headCmd)) scripts.push(h.content);
  }
  if (head && !SHELLS.has(headCmd)) scripts.unshift(head);
  return scripts;
}

function readGoBuild(
  stage: StageModel,
  run: RunModel,
  command: ShellCommand,
  env: Map<string, string>,
): GoBuild | null {
  const argv = command.argv;
  // The go command itself, or behind a wrapper (`time go build`); not `echo go build`.
  const goIdx = programIndex(argv);
  const goWord = argv[goIdx];
  // `xx-go` (tonistiigi/xx) is `go` with GOOS/GOARCH set from TARGETPLATFORM.
  if (goWord === undefined || !(goWord === "go" || goWord.endsWith("/go") || goWord === "xx-go")) return null;
  const sub = argv[goIdx + 1];
  if (sub !== "build" && sub !== "install" && sub !== "run") return null;
  const rest = argv.slice(goIdx + 2);
  const effective = new Map(env);
  for (const [k, v] of Object.entries(command.env)) effective.set(k, expand(v, effective));
  let output: string | null = null;
  let trimpath = false;
  let ldflags: string | null = null;
  let tags: string | null = null;
  const flags: string[] = [];
  const packages: string[] = [];
  const withValue = new Set(["-o", "-ldflags", "-gcflags", "-tags", "-mod", "-modfile", "-p", "-pkgdir", "-buildmode", "-compiler", "-asmflags", "-gccgoflags", "-installsuffix", "-toolexec", "-overlay", "-exec", "-pgo", "-C"]);
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (sub === "run" && packages.length > 0) break; // program arguments follow
    if (a.startsWith("-")) {
      const norm = a.replace(/^--/, "-");
      const eq = norm.indexOf("=");
      const name = eq > 0 ? norm.slice(0, eq) : norm;
      let value: string | null = eq > 0 ? norm.slice(eq + 1) : null;
      if (value === null && withValue.has(name)) {
        value = rest[i + 1] ?? "";
        i++;
      }
      if (name === "-o") {
        output = value;
        continue;
      }
      if (name === "-trimpath") trimpath = value === null || value === "true";
      if (name === "-ldflags") ldflags = value;
      if (name === "-tags") tags = value;
      flags.push(value === null ? name : `${name}=${value}`);
    } else {
      packages.push(a);
    }
  }
  // GOFLAGS may carry -trimpath / -ldflags too.
  const goflags = effective.get("GOFLAGS");
  if (goflags && /(^|\s)-trimpath(\s|=true|$)/.test(goflags)) trimpath = true;
  const workdir = run.workdir;
  if (output !== null) {
    output = expand(output, effective);
    const abs = resolvePath(output, workdir);
    // `-o dir/` writes <dir>/<last element of the package>.
    if (output.endsWith("/")) {
      const pkg = packages[0] ?? ".";
      const last = pkg === "." ? path.posix.basename(workdir) : path.posix.basename(pkg.replace(/\/\.\.\.$/, ""));
      output = path.posix.join(abs, last);
    } else output = abs;
  } else if (sub === "install") {
    const gobin = effective.get("GOBIN") ?? path.posix.join(effective.get("GOPATH") ?? "/go", "bin");
    const pkg = (packages[0] ?? ".").replace(/@.*$/, "");
    const last = pkg === "." ? path.posix.basename(workdir) : path.posix.basename(pkg.replace(/\/\.\.\.$/, ""));
    output = path.posix.join(gobin, last);
  } else if (sub === "build") {
    const pkg = packages[0] ?? ".";
    if (!pkg.includes("...") && packages.length <= 1) {
      const last = pkg === "." ? path.posix.basename(workdir) : path.posix.basename(pkg);
      output = last ? path.posix.join(workdir || "/", last) : null;
    }
  }
  return {
    stage,
    run,
    command,
    subcommand: sub,
    env: effective,
    cgo: effective.get("CGO_ENABLED"),
    output,
    packages,
    trimpath,
    ldflags,
    tags,
    flags,
    workdir,
  };
}

export function buildModel(ast: DockerfileNode, goMod: GoModFacts | null = null): DockerfileModel {
  const globalArgs = new Map<string, string | null>();
  const stages: StageModel[] = [];
  const directives = new Map(ast.directives.map((d) => [d.name, d.value]));
  const byName = new Map<string, StageModel>();

  const stageByRef = (ref: string, before = Infinity): StageModel | null => {
    const lower = ref.toLowerCase();
    const named = byName.get(lower);
    if (named && named.index < before) return named;
    if (/^\d+$/.test(ref)) {
      const s = stages[Number(ref)];
      if (s && s.index < before) return s;
    }
    return null;
  };

  let current: StageModel | null = null;
  let argVars = new Map<string, string | null>();
  /** What RUN sees of argVars (non-null values); dropped whenever argVars changes. */
  let runEnv: Map<string, string> | null = null;

  const instructions = ast.instructions;
  for (let n = 0; n < instructions.length; n++) {
    const node = instructions[n]!;
    if (node.keyword === "FROM") {
      const platformFlag = node.flags.find((f) => f.name === "platform");
      const words = node.argv;
      const imageWord = words[0];
      const asIdx = words.findIndex((w, i) => i > 0 && w.value.toLowerCase() === "as");
      const alias = asIdx > 0 ? words[asIdx + 1]?.value ?? null : null;
      const missing: string[] = [];
      const rawImage = imageWord?.value ?? "";
      const resolved = expand(rawImage, globalArgs, missing);
      const parent = stageByRef(resolved, stages.length);
      const base = parent ? null : parseImageRef(rawImage, resolved, missing);
      const root = parent ? parent.root : base;
      const stage: StageModel = {
        index: stages.length,
        name: alias ? alias.toLowerCase() : null,
        from: node,
        imageSpan: imageWord ?? null,
        base,
        parent,
        root,
        image: parent ? parent.image : imageFacts(base),
        platform: platformFlag?.flagValue ?? null,
        instructions: [],
        env: new Map(parent?.env ?? []),
        envNames: new Set(parent?.envNames ?? []),
        args: new Map(),
        user: parent?.user ?? null,
        workdir: parent?.workdir ?? "/",
        entrypoint: parent?.entrypoint ?? null,
        cmd: parent?.cmd ?? null,
        shell: parent?.shell ?? null,
        copies: [],
        runs: [],
        goBuilds: [],
        isFinal: false,
      };
      // ARG values don't cross stages; ENV does (through the parent).
      argVars = new Map<string, string | null>();
      runEnv = null;
      for (const [k, v] of stage.env) argVars.set(k, v);
      stages.push(stage);
      if (stage.name && !byName.has(stage.name)) byName.set(stage.name, stage);
      current = stage;
      continue;
    }
    if (!current) {
      if (node.keyword === "ARG") {
        for (const [k, v] of parseAssignments(node.args, false)) globalArgs.set(k, v === null ? null : expand(v, globalArgs));
      }
      continue;
    }
    const stage: StageModel = current;
    stage.instructions.push(node);
    switch (node.keyword) {
      case "ARG": {
        for (const [k, v] of parseAssignments(node.args, false)) {
          const value = v !== null ? expand(v, argVars) : globalArgs.get(k) ?? null;
          stage.args.set(k, value);
          // An ARG never overrides an ENV of the same name.
          if (!stage.envNames.has(k)) {
            argVars.set(k, value);
            runEnv = null;
            if (value !== null) stage.env.set(k, value);
            else if (AUTOMATIC_ARGS.has(k)) stage.env.set(k, `$${k}`);
          }
        }
        break;
      }
      case "ENV": {
        for (const [k, v] of parseAssignments(node.args, true)) {
          const value = expand(v ?? "", argVars);
          stage.env.set(k, value);
          stage.envNames.add(k);
          argVars.set(k, value);
          runEnv = null;
        }
        break;
      }
      case "USER":
        stage.user = { value: expand(node.args.trim(), argVars), node };
        break;
      case "WORKDIR":
        stage.workdir = resolvePath(expand(node.args.trim().replace(/^["']|["']$/g, ""), argVars), stage.workdir);
        break;
      case "ENTRYPOINT":
        stage.entrypoint = execSpec(node);
        // ENTRYPOINT resets an inherited CMD.
        if (stage.cmd && stage.cmd.node.range[0] < stage.from.range[0]) stage.cmd = null;
        break;
      case "CMD":
        stage.cmd = execSpec(node);
        break;
      case "SHELL":
        stage.shell = node.json;
        break;
      case "COPY":
      case "ADD": {
        const fromFlag = node.flags.find((f) => f.name === "from") ?? null;
        const from = fromFlag?.flagValue ? expand(fromFlag.flagValue, argVars) : null;
        const heredoc = node.heredocs.length > 0;
        let parts = node.json ?? (splitCommands(node.args)[0]?.argv ?? []);
        if (heredoc) parts = parts.filter((p) => !p.startsWith("<<"));
        const dest = parts.length > 0 ? parts[parts.length - 1]! : "";
        const sources = parts.slice(0, -1).map((s) => expand(s, argVars));
        stage.copies.push({
          node,
          keyword: node.keyword,
          from,
          fromFlag,
          fromStage: from !== null ? stageByRef(from, stage.index + 1) : null,
          sources,
          dest: resolvePath(expand(dest, argVars), stage.workdir),
          heredoc,
        });
        break;
      }
      case "RUN": {
        // RUNs between two ARG/ENV lines see the same variables: share one map (read-only).
        if (!runEnv) {
          runEnv = new Map<string, string>();
          for (const [k, v] of argVars) if (v !== null) runEnv.set(k, v);
        }
        const env = runEnv;
        const run: RunModel = {
          node,
          commands: [],
          mounts: node.flags.filter((f) => f.name === "mount" && f.flagValue).map((f) => parseMount(f.flagValue!)),
          env,
          workdir: stage.workdir,
          exec: node.json !== null,
        };
        for (const script of runScripts(node)) run.commands.push(...splitCommands(script));
        stage.runs.push(run);
        // Walk the commands, tracking `export X=…` and `cd` so each go command sees the right env
        // (copied from the shared map on the first change).
        let running = env;
        const writable = () => (running === env ? (running = new Map(env)) : running);
        let cwd = stage.workdir;
        for (let ci = 0; ci < run.commands.length; ci++) {
          const c = run.commands[ci]!;
          if (c.argv[0] === "export") {
            for (const a of c.argv.slice(1)) {
              const eq = a.indexOf("=");
              if (eq > 0) writable().set(a.slice(0, eq), expand(a.slice(eq + 1), running));
            }
            continue;
          }
          if (c.argv.length === 0) {
            // A bare assignment `X=1` sets a shell variable (not exported); `go` does not see it
            // unless exported, but treat it as set: builds in scripts commonly rely on it.
            for (const [k, v] of Object.entries(c.env)) writable().set(k, v);
            continue;
          }
          if (c.argv[0] === "cd" && c.argv[1]) {
            cwd = resolvePath(expand(c.argv[1], running), cwd);
            continue;
          }
          const gb = readGoBuild(stage, { ...run, workdir: cwd }, c, running);
          if (gb) stage.goBuilds.push(gb);
        }
        break;
      }
      default:
        break;
    }
  }
  const finalStage = stages.length > 0 ? stages[stages.length - 1]! : null;
  if (finalStage) finalStage.isFinal = true;
  return { ast, globalArgs, stages, finalStage, directives, goMod, stageByRef, memo: new Map() };
}
