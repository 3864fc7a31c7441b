import type { RuleFixer } from "@eslint/core";
import type { InstructionNode } from "../language/ast.js";
import type { StageModel } from "../model/model.js";
import { imageName, isWindowsImage } from "../model/images.js";
import { createRule } from "../create-rule.js";

type Options = [{ shellBases: boolean }];
type MessageIds = "noShell" | "preferExec" | "brokenJson" | "convertToExec";

/**
 * A word that means the same to the shell and in a JSON argv: no quoting, expansion, globbing or
 * operators (`%` is cmd's expansion on Windows).
 */
const PLAIN_WORD = /^[A-Za-z0-9_\-./:,@+=]+$/;

interface ShellForm {
  /** `CMD`, `ENTRYPOINT` or `HEALTHCHECK CMD`, for messages. */
  keyword: string;
  /** The command text as the builder sees it (continuations joined). */
  command: string;
  /** Source span of the command, replaced by a fix. */
  target: { range: [number, number] };
}

/** The shell-form command of a CMD, ENTRYPOINT or HEALTHCHECK CMD, or null when it is exec form (or absent). */
function shellForm(node: InstructionNode): ShellForm | null {
  if (node.keyword === "CMD" || node.keyword === "ENTRYPOINT") {
    if (node.json || !node.argsSpan || node.args.trim() === "") return null;
    return { keyword: node.keyword, command: node.args.trim(), target: { range: node.argsSpan.range } };
  }
  if (node.keyword === "HEALTHCHECK") {
    const [first, second] = node.argv;
    if (!first || first.value.toUpperCase() !== "CMD" || !second || !node.argsSpan) return null;
    // The words as Docker splits them (spaces and tabs only): String.trim() would also drop
    // U+00A0 or U+FEFF, which Docker keeps as part of a word.
    const words = node.argv.slice(1);
    const command = words.map((w) => w.value).join(" ");
    if (parseJsonArray(command)) return null;
    const end = Math.max(node.argsSpan.range[1], words[words.length - 1]!.range[1]);
    return { keyword: "HEALTHCHECK CMD", command, target: { range: [second.range[0], end] } };
  }
  return null;
}

function parseJsonArray(text: string): string[] | null {
  const t = text.trim();
  if (!t.startsWith("[")) return null;
  try {
    const v: unknown = JSON.parse(t);
    return Array.isArray(v) && v.every((s) => typeof s === "string") ? (v) : null;
  } catch {
    return null;
  }
}

/** `['app', '--x']` or `["app" "x"]`: meant as exec form, but not JSON, so Docker runs it as a shell command. */
function looksLikeBrokenJson(command: string): boolean {
  return /^\[\s*["']/.test(command) && /["']\s*\]$/.test(command);
}

/** The exec-form text for a command, or null when converting could change what runs. */
function execFormOf(command: string): string | null {
  const words = command.split(/[ \t]+/).filter(Boolean);
  if (words.length === 0 || !words.every((w) => PLAIN_WORD.test(w))) return null;
  // `FOO=1 app` is a variable assignment in a shell, a program name in exec form.
  if (words[0]!.includes("=")) return null;
  return `[${words.map((w) => JSON.stringify(w)).join(", ")}]`;
}

export default createRule<Options, MessageIds>({
  name: "json-exec-form",
  meta: {
    type: "problem",
    docs: {
      description: "Require exec (JSON) form for CMD, ENTRYPOINT and HEALTHCHECK CMD; shell form fails outright on bases without a shell",
      equivalents: { hadolint: ["DL3025"], buildkit: ["JSONArgsRecommended"] },
      // Recommended: only bases without a shell, where shell form fails outright.
      recommended: [{ shellBases: false }],
      strict: [{ shellBases: true }],
    },
    fixable: "code",
    hasSuggestions: true,
    messages: {
      noShell:
        "{{keyword}} is in shell form, so Docker runs it with '/bin/sh -c', but '{{image}}' has no shell: {{effect}}. Write it in exec form: {{keyword}} [\"executable\", \"arg\", …].",
      preferExec:
        "{{keyword}} is in shell form, so it runs under '{{shell}}'{{why}}. Write it in exec form: {{keyword}} [\"executable\", \"arg\", …] (or set SHELL if you need a shell).",
      brokenJson:
        "{{keyword}} looks like exec form but is not valid JSON (strings need double quotes), so Docker runs the text as a shell command. Use double quotes: {{keyword}} [\"executable\", \"arg\"].",
      convertToExec: "Convert to exec form: {{replacement}}",
    },
    schema: [
      {
        type: "object",
        properties: { shellBases: { type: "boolean" } },
        additionalProperties: false,
      },
    ],
  },
  defaultOptions: [{ shellBases: true }],
  create(context, [{ shellBases }]) {
    return {
      Dockerfile() {
        const model = context.sourceCode.model;
        // Built on the first shell-form instruction: most files have none.
        let stageOf: Map<InstructionNode, StageModel> | null = null;

        for (const node of model.ast.instructions) {
          const form = shellForm(node);
          if (!form) continue;
          if (!stageOf) {
            stageOf = new Map();
            for (const stage of model.stages) for (const n of stage.instructions) stageOf.set(n, stage);
          }
          const stage = stageOf.get(node) ?? null;
          // A SHELL set earlier in the stage (or inherited from a parent stage) means a shell the
          // author chose exists; BuildKit's JSONArgsRecommended stays quiet then too.
          if (stage && shellInEffect(stage, node)) continue;
          const hasShell = stage ? stage.image.shell : true;
          const image = stage?.root ? imageName(stage.root) : "";
          const loc = node.argsSpan!.loc;
          const replacement = execFormOf(form.command);
          const fix: RuleFixer | null = replacement ? (fixer) => fixer.replaceTextRange(form.target.range, replacement) : null;

          if (looksLikeBrokenJson(form.command)) {
            context.report({ loc, messageId: "brokenJson", data: { keyword: form.keyword } });
            continue;
          }
          if (!hasShell) {
            // Shell form cannot run here at all, so exec form with the same words is the only reading.
            context.report({ loc, messageId: "noShell", data: { keyword: form.keyword, image, effect: noShellEffect(form, stage) }, ...(fix ? { fix } : {}) });
            continue;
          }
          if (!shellBases) continue;
          // With a shell, exec form changes behaviour (no variable expansion, no `sh -c` wrapper,
          // signals reach the program), so converting is the author's call: a suggestion.
          const why =
            form.keyword === "HEALTHCHECK CMD"
              ? ", an extra shell process for every check"
              : ": unless the shell execs the command itself, the shell is PID 1 and does not pass SIGTERM on, so the app is killed without a graceful shutdown";
          context.report({
            loc,
            messageId: "preferExec",
            data: { keyword: form.keyword, why, shell: stage?.root && isWindowsImage(stage.root) ? "cmd /S /C" : "/bin/sh -c" },
            ...(fix ? { suggest: [{ messageId: "convertToExec", data: { replacement: replacement! }, fix }] } : {}),
          });
        }
      },
    };
  },
});

/** What goes wrong at run time when a shell-form command meets a base without /bin/sh. */
function noShellEffect(form: ShellForm, stage: StageModel | null): string {
  if (form.keyword === "HEALTHCHECK CMD") return "every check fails and the container is reported unhealthy";
  if (form.keyword === "CMD" && stage?.entrypoint?.form === "exec") {
    return "the exec-form ENTRYPOINT receives '/bin/sh', '-c' and the command as its arguments";
  }
  return "the container fails to start with 'exec: \"/bin/sh\": stat /bin/sh: no such file or directory'";
}

/** True when a SHELL instruction is in effect at `node`: earlier in its stage, or inherited from a parent stage. */
function shellInEffect(stage: StageModel, node: InstructionNode): boolean {
  if (stage.parent?.shell) return true;
  return stage.instructions.some((i) => i.keyword === "SHELL" && i.range[0] < node.range[0]);
}
