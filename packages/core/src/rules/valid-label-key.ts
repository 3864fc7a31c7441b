import { createRule } from "../create-rule.js";
import { labelPairs } from "../model/labels.js";
import { effectiveInstructions } from "../model/onbuild.js";

type MessageIds = "invalidKey" | "reservedNamespace";

const RESERVED = ["com.docker.", "io.docker.", "org.dockerproject."];

/** Docker's label key format: lower-case alphanumerics, `.`, `-`, `_`, `/`; starts with a letter, ends alphanumeric, no `..` or `--`. */
function isValidKey(key: string): boolean {
  return /^[a-z](?:[a-z0-9._/-]*[a-z0-9])?$/.test(key) && !key.includes("..") && !key.includes("--");
}

/** Reports LABEL keys outside Docker's key format or in Docker's reserved namespaces. */
export default createRule<[], MessageIds>({
  name: "valid-label-key",
  meta: {
    type: "suggestion",
    docs: {
      description: "Require LABEL keys in Docker's format (lower-case, reverse-DNS) and outside its reserved namespaces",
      strict: true,
      equivalents: { hadolint: ["DL3048"] },
    },
    messages: {
      invalidKey: "Label key '{{key}}' is not in Docker's format: lower-case letters, digits, '.', '-', '_' and '/', starting with a letter and ending with a letter or digit, without '..' or '--' (e.g. 'org.opencontainers.image.source').",
      reservedNamespace: "Label key '{{key}}' is in a namespace Docker reserves for itself ('{{namespace}}'). Use your own reverse-DNS prefix.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      Dockerfile(ast) {
        for (const { instruction, node } of effectiveInstructions(ast)) {
          if (instruction.keyword !== "LABEL") continue;
          for (const [key] of labelPairs(instruction)) {
            const namespace = RESERVED.find((r) => key.startsWith(r));
            if (namespace) context.report({ loc: node.loc, messageId: "reservedNamespace", data: { key, namespace } });
            else if (!isValidKey(key)) context.report({ loc: node.loc, messageId: "invalidKey", data: { key } });
          }
        }
      },
    };
  },
});
