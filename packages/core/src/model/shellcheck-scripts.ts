/**
 * The shell scripts ShellCheck reads from a Dockerfile: every shell-form RUN body, every RUN
 * heredoc fed to a shell, ONBUILD RUN triggers too, each under the shell its stage runs (SHELL,
 * or `# hadolint shell=`). Each script is the exact text handed to ShellCheck, so a runner can
 * check scripts of many files in one batch and look results up by text; the line/column
 * offsets map ShellCheck's positions back to the Dockerfile.
 */
import type { DockerfileNode, InstructionNode } from "../language/ast.js";
import { effectiveInstructions } from "./onbuild.js";
import { SHELLS } from "./shell.js";
import { isWindowsImage, parseImageRef } from "./images.js";

/** One ShellCheck comment, in the script's own lines and columns (1-based, as ShellCheck gives them). */
export interface ShellcheckComment {
  code: number;
  level: "error" | "warning" | "info" | "style";
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface ShellcheckScript {
  /** What ShellCheck reads: a `#!` line, one `export` line (or `:`), then the body as written. */
  text: string;
  /** Where to report when a position cannot be mapped: the RUN, or its ONBUILD line. */
  node: InstructionNode;
  /** Dockerfile line of the body's first line. */
  line: number;
  /** Dockerfile column (1-based) of the body's first character on its first line. */
  column: number;
}

/** Lines ShellCheck sees before the body: `#!…` and the `export` line. */
export const PRELUDE_LINES = 2;

/** Shells ShellCheck cannot read: their scripts are skipped (as hadolint does). */
const NON_POSIX = /(?:^|[\\/])(?:pwsh|powershell|cmd)(?:\.exe)?$/i;

function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * The body as written, for ShellCheck: a comment or blank line inside a continuation (which the
 * builder drops) becomes a lone `\`, so the command still continues and lines stay in place.
 */
function shellBody(raw: string): string {
  const lines = raw.split("\n");
  for (let i = 1; i < lines.length; i++) {
    const previous = lines[i - 1]!.replace(/\r$/, "");
    const trimmed = lines[i]!.trim();
    if (previous.endsWith("\\") && (trimmed === "" || trimmed.startsWith("#"))) lines[i] = "\\";
  }
  return lines.join("\n");
}

/** The shell ShellCheck should assume, or null to skip: `/bin/sh` unless SHELL or a pragma says. */
function shebangShell(shell: string[] | null, pragmaShell: string | null): string | null {
  const program = pragmaShell ?? shell?.[0] ?? "/bin/sh";
  if (NON_POSIX.test(program)) return null;
  const name = program.slice(program.lastIndexOf("/") + 1);
  return /^(?:sh|bash|dash|ksh|ash|busybox)$/.test(name) ? program : null;
}

/** Passed to every build by the builder (hadolint sets them too). */
const PROXY_VARIABLES = ["HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "FTP_PROXY", "ftp_proxy", "NO_PROXY", "no_proxy"];

const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** ARG/ENV names an instruction declares (they are set when the script runs, so SC2154 stays quiet). */
function declaredNames(node: InstructionNode): string[] {
  const names: string[] = [];
  for (const word of node.argv) {
    const name = word.value.split("=")[0]!;
    if (VARIABLE_NAME.test(name)) names.push(name);
    if (node.keyword === "ENV" && !word.value.includes("=")) break; // legacy `ENV KEY value`
  }
  return names;
}

/** Whether a[i..] and b[j..] are at most k edits apart (insertions, deletions, substitutions). */
function withinEdits(a: string, i: number, b: string, j: number, k: number): boolean {
  while (i < a.length && j < b.length && a.charCodeAt(i) === b.charCodeAt(j)) {
    i++;
    j++;
  }
  if (i === a.length) return b.length - j <= k;
  if (j === b.length) return a.length - i <= k;
  if (k === 0) return false;
  return withinEdits(a, i + 1, b, j + 1, k - 1) || withinEdits(a, i + 1, b, j, k - 1) || withinEdits(a, i, b, j + 1, k - 1);
}

const WORD = /[A-Za-z_][A-Za-z0-9_]*/g;

/**
 * The name's three thirds (lower case). A word within 2 edits of the name holds one of them
 * unchanged, since each edit changes at most one third; a text holding none of them has no
 * such word. Most names and words fail this at once, without counting edits.
 */
function thirds(name: string): [string, string, string] {
  const third = Math.floor(name.length / 3);
  return [name.slice(0, third), name.slice(third, 2 * third), name.slice(2 * third)];
}

function holdsOne(text: string, [a, b, c]: [string, string, string]): boolean {
  return text.includes(a) || text.includes(b) || text.includes(c);
}

/**
 * The line that marks the stage's ARG/ENV names (and the proxy variables) as set. Only names the
 * body mentions, or that ShellCheck could offer as a spelling fix for a word in it, are written:
 * ShellCheck's time grows with every variable exported (the whole list doubled its time on the
 * corpus), and a name the script neither reads nor nearly spells changes none of its findings.
 * The line stays when empty (`:`), so a directive at the top of the body keeps applying to the
 * next command only, not to the whole script.
 */
function preludeLine(names: string[], body: string): string {
  // ShellCheck offers a written name for an unassigned one at most 2 edits away (1 when they
  // differ only in case), and only names longer than 3 characters: 2 edits in lower case cover both.
  const lowerBody = body.toLowerCase();
  let words: Set<string> | null = null;
  const kept: string[] = [];
  for (const name of new Set(names)) {
    const lower = name.toLowerCase();
    const parts = thirds(lower);
    if (!holdsOne(lowerBody, parts)) continue;
    words ??= new Set(lowerBody.match(WORD));
    if (words.has(lower)) kept.push(name);
    else if (name.length > 3) {
      for (const word of words) {
        if (Math.abs(word.length - lower.length) <= 2 && holdsOne(word, parts) && withinEdits(lower, 0, word, 0, 2)) {
          kept.push(name);
          break;
        }
      }
    }
  }
  return kept.length === 0 ? ":" : `export ${kept.map((n) => `${n}=1`).join(" ")}`;
}

/** The file's scripts for ShellCheck; `text` is the file's source, `pragmaShell` `# hadolint shell=`. */
export function shellcheckScripts(ast: DockerfileNode, text: string, pragmaShell: string | null = null): ShellcheckScript[] {
  const scripts: ShellcheckScript[] = [];
  // Another escape character (`# escape=\``, Windows files) makes the body no POSIX script.
  if (ast.directives.some((d) => d.name.toLowerCase() === "escape" && d.value.trim() !== "\\")) return scripts;
  // Set when a RUN runs: the stage's ARG/ENV (a stage starts with none but its base stage's) and
  // the proxy variables the builder always passes.
  // ENV carries into stages built FROM this one; ARG does not.
  interface StageState { windows: boolean; shell: string[] | null; env: Set<string>; args: Set<string> }
  let stage: StageState = { windows: false, shell: null, env: new Set(), args: new Set() };
  const stages = new Map<string, StageState>();
  for (const { instruction, node, onbuild } of effectiveInstructions(ast)) {
    const keyword = instruction.keyword;
    if (keyword === "FROM" && !onbuild) {
      const [image, as, name] = instruction.argv.map((w) => w.value);
      const parent = image === undefined ? undefined : stages.get(image.toLowerCase());
      stage = {
        // Windows images run RUN with cmd: no script for ShellCheck (unless SHELL names a POSIX shell).
        windows: parent?.windows ?? (image !== undefined && isWindowsImage(parseImageRef(image))),
        shell: parent?.shell ?? null,
        env: new Set(parent?.env),
        args: new Set(),
      };
      if (as?.toLowerCase() === "as" && name) stages.set(name.toLowerCase(), stage);
      continue;
    }
    if (keyword === "SHELL" && !onbuild) stage.shell = instruction.json;
    else if ((keyword === "ARG" || keyword === "ENV") && !onbuild) {
      for (const name of declaredNames(instruction)) (keyword === "ENV" ? stage.env : stage.args).add(name);
    }
    if (keyword !== "RUN" || instruction.json || !instruction.argsSpan) continue;
    if (stage.windows && !stage.shell) continue;
    const program = shebangShell(stage.shell, pragmaShell);
    if (!program) continue;
    // An ONBUILD RUN runs in another image's build, where this file's ARG and ENV are not set.
    const names = onbuild ? PROXY_VARIABLES : [...PROXY_VARIABLES, ...stage.env, ...stage.args];
    // An ONBUILD trigger's positions are within its own text (the ONBUILD's arguments).
    const source = onbuild ? `${node.args}\n` : text;
    const origin = onbuild ? node.argsSpan!.loc.start : null;
    const bodies: Array<{ start: number; end: number }> = [];
    if (instruction.heredocs.length === 0) {
      bodies.push({ start: instruction.argsSpan.range[0], end: instruction.range[1] });
    } else {
      const head = instruction.args.replace(/<<-?\s*["']?[A-Za-z0-9_]+["']?/g, "").trim();
      const headCommand = head.split(/\s+/)[0] ?? "";
      // `RUN <<EOF` and `RUN bash <<EOF` feed the body to a shell; `RUN python3 <<EOF` does not.
      if (headCommand !== "" && !SHELLS.has(headCommand)) continue;
      for (const heredoc of instruction.heredocs) {
        if (heredoc.contentRange && /^#!/.test(heredoc.content) && !/^#!\s*\S*\/(?:env\s+)?(?:ba|da|k)?sh\b/.test(heredoc.content)) continue;
        if (heredoc.contentRange) bodies.push({ start: heredoc.contentRange[0], end: heredoc.contentRange[1] });
      }
    }
    for (const { start, end } of bodies) {
      const body = source.slice(start, end);
      if (body.trim() === "") continue;
      const at = lineColumnAt(source, start);
      const line = origin ? origin.line + at.line - 1 : at.line;
      const column = origin && at.line === 1 ? origin.column + at.column - 1 : at.column;
      scripts.push({ text: `#!${program}\n${preludeLine(names, body)}\n${shellBody(body)}\n`, node, line, column });
    }
  }
  return scripts;
}
