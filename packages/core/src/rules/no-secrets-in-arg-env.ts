import { createRule } from "../create-rule.js";
import type { InstructionNode, Span } from "../language/ast.js";
import { parseAssignments } from "../model/model.js";

/** Whole `_`-separated name parts that mean a secret (BuildKit's list). */
const SECRET_PARTS = new Set(["apikey", "auth", "credential", "credentials", "key", "password", "pword", "passwd", "secret", "token"]);
/** Parts that mean the value is not the secret itself: a path to it, a public key, a version. */
const HARMLESS_PARTS = new Set(["public", "file", "version"]);
/** Substrings that mean a secret anywhere in the name (hadolint's list, which also catches `MYSECRET`). */
const SECRET_SUBSTRINGS = ["password", "passwd", "secret", "token", "api_key", "apikey", "client_key", "access_key", "private_key"];

export function looksLikeSecret(name: string): boolean {
  const lower = name.toLowerCase();
  const parts = lower.split("_");
  if (parts.some((p) => HARMLESS_PARTS.has(p))) return false;
  return parts.some((p) => SECRET_PARTS.has(p)) || SECRET_SUBSTRINGS.some((s) => lower.includes(s));
}

/** ARG/ENV, also as an ONBUILD trigger: the keyword and the words after it. */
function assignment(node: InstructionNode): { keyword: "ARG" | "ENV"; words: Span[]; args: string } | null {
  if (node.keyword === "ARG" || node.keyword === "ENV") return { keyword: node.keyword, words: node.argv, args: node.args };
  if (node.keyword === "ONBUILD" && (node.onbuildKeyword === "ARG" || node.onbuildKeyword === "ENV")) {
    return { keyword: node.onbuildKeyword, words: node.argv.slice(1), args: node.args.replace(/^\s*\S+/, "") };
  }
  return null;
}

/** ARG and ENV values end up in the image: ENV in its config, ARG in its build history. */
export default createRule<[], "secret">({
  name: "no-secrets-in-arg-env",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow ARG and ENV names that look like secrets; their values are kept in the image",
      strict: true,
      equivalents: { hadolint: ["DL3064"], buildkit: ["SecretsUsedInArgOrEnv"], trivy: ["DS031"] },
    },
    messages: {
      secret:
        "{{keyword}} '{{name}}' looks like a secret: {{where}}. Pass it with a secret mount instead: RUN --mount=type=secret,id={{id}},env={{name}} ….",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      Instruction(node) {
        const found = assignment(node);
        if (!found) return;
        for (const [name] of parseAssignments(found.args, found.keyword === "ENV")) {
          if (!looksLikeSecret(name)) continue;
          const word = found.words.find((w) => w.value === name || w.value.startsWith(`${name}=`)) ?? null;
          const where = found.keyword === "ENV" ? "its value is stored in the image config, visible to anyone who pulls it" : "its value is recorded in the image's build history";
          context.report({ loc: (word ?? node).loc, messageId: "secret", data: { keyword: found.keyword, name, where, id: name.toLowerCase() } });
        }
      },
    };
  },
});
