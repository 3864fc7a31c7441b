import type { RuleFixer } from "@eslint/core";
import type { InstructionNode } from "../language/ast.js";
import type { StageModel } from "../model/model.js";
import { createRule } from "../create-rule.js";

type Options = [{ reportUnknownBase: boolean }];
type MessageIds = "rootUser" | "rootBase" | "unknownBase" | "addUser";

/** `root`, `0`, `root:root`, `0:0`, `root:1000`: the user part decides. */
export function isRootUser(value: string): boolean {
  const user = value.trim().split(":")[0]!.trim().replace(/^["']|["']$/g, "");
  return user === "root" || /^0+$/.test(user);
}

/**
 * Reports a final stage that runs as root: its last USER (inherited along `FROM <stage>`) is
 * root, or it sets no USER and its base image runs as root. USER in unrelated stages doesn't
 * count: only the final image runs.
 */
export default createRule<Options, MessageIds>({
  name: "require-non-root-user",
  meta: {
    type: "problem",
    docs: { description: "Require the final stage to run as a non-root user", recommended: true, equivalents: { hadolint: ["DL3002"] } },
    hasSuggestions: true,
    messages: {
      rootUser:
        "The final stage runs as root: 'USER {{user}}' on line {{line}}. Switch to an unprivileged user (e.g. 'USER {{suggested}}') after the steps that need root.",
      rootBase:
        "Base '{{image}}' runs as root and the final stage sets no USER. Add 'USER {{suggested}}' before ENTRYPOINT/CMD{{hint}}.",
      unknownBase:
        "The final stage sets no USER and the default user of base '{{image}}' is unknown. Add 'USER {{suggested}}' to be sure the container does not run as root.",
      addUser: "Add 'USER {{suggested}}' {{where}}.",
    },
    schema: [
      {
        type: "object",
        properties: { reportUnknownBase: { type: "boolean" } },
        additionalProperties: false,
      },
    ],
  },
  defaultOptions: [{ reportUnknownBase: false }],
  create(context, [{ reportUnknownBase }]) {
    return {
      Dockerfile() {
        const model = context.sourceCode.model;
        const stage = model.finalStage;
        if (!stage) return;
        const suggested = stage.image.family === "distroless" ? "nonroot:nonroot" : "65532:65532";
        const suggest = (): Array<{ messageId: MessageIds; data: Record<string, string>; fix: RuleFixer }> => {
          const at = insertionPoint(stage, context.sourceCode.text);
          return [
            {
              messageId: "addUser",
              data: { suggested, where: at.where },
              fix: (fixer) => fixer.insertTextAfterRange([at.offset, at.offset], at.text(suggested)),
            },
          ];
        };
        if (stage.user) {
          // `USER ${APP_UID}` with no value known: the build decides; don't guess.
          if (/\$/.test(stage.user.value)) return;
          if (!isRootUser(stage.user.value)) return;
          context.report({
            loc: stage.user.node.loc,
            messageId: "rootUser",
            data: { user: stage.user.value, line: String(stage.user.node.loc.start.line), suggested },
            suggest: suggest(),
          });
          return;
        }
        // A scratch stage with nothing to run only carries files out (`docker build --output`).
        if (stage.image.kind === "scratch" && !stage.entrypoint && !stage.cmd) return;
        const image = stage.root?.resolved ?? stage.imageSpan?.value ?? "?";
        const loc = stage.imageSpan?.loc ?? stage.from.loc;
        const defaultUser = stage.image.defaultUser;
        if (defaultUser === null) {
          // Locally built or unknown bases often set their own USER; reporting them is opt-in.
          if (!reportUnknownBase || stage.root?.unresolved.length) return;
          context.report({ loc, messageId: "unknownBase", data: { image, suggested }, suggest: suggest() });
          return;
        }
        if (!isRootUser(defaultUser)) return;
        const hint = stage.image.family === "distroless" ? ", or use the ':nonroot' tag" : "";
        context.report({ loc, messageId: "rootBase", data: { image, suggested, hint }, suggest: suggest() });
      },
    };
  },
});

/**
 * Where a new USER goes: before the final stage's first ENTRYPOINT/CMD that follows its last
 * USER (so earlier RUN steps keep root), else after the stage's last instruction.
 */
function insertionPoint(stage: StageModel, text: string): { offset: number; where: string; text: (user: string) => string } {
  const own = stage.instructions;
  const lastUser = [...own].reverse().find((n) => n.keyword === "USER");
  const after = lastUser ? own.indexOf(lastUser) + 1 : 0;
  const start: InstructionNode | undefined = own.slice(after).find((n) => n.keyword === "ENTRYPOINT" || n.keyword === "CMD");
  if (start) {
    const lineStart = text.lastIndexOf("\n", start.range[0] - 1) + 1;
    const indent = text.slice(lineStart, start.range[0]);
    const eol = text.includes("\r\n") ? "\r\n" : "\n";
    return {
      offset: start.range[0],
      where: `before ${start.keyword} on line ${start.loc.start.line}`,
      text: (user) => `USER ${user}${eol}${/^\s*$/.test(indent) ? indent : ""}`,
    };
  }
  const last = own.length > 0 ? own[own.length - 1]! : stage.from;
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  return { offset: last.range[1], where: "at the end of the final stage", text: (user) => `${eol}USER ${user}` };
}
