import { createRule } from "../create-rule.js";
import { effectiveInstructions } from "../model/onbuild.js";
import { dropQuotes } from "../model/instruction-words.js";

type MessageIds = "outOfRange";

/** Reports EXPOSE ports (or port ranges) outside 0–65535; Docker rejects them when it runs the image. */
export default createRule<[], MessageIds>({
  name: "valid-expose-port",
  meta: {
    type: "problem",
    docs: {
      description: "Require EXPOSE ports between 0 and 65535",
      recommended: true,
      equivalents: { hadolint: ["DL3011"], trivy: ["DS008"] },
    },
    messages: {
      outOfRange: "Port {{port}} is outside 0–65535, so no container can publish it. Use a valid port number.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      Dockerfile(ast) {
        for (const { instruction, node, onbuild } of effectiveInstructions(ast)) {
          if (instruction.keyword !== "EXPOSE") continue;
          for (const word of instruction.argv) {
            const value = dropQuotes(word.value).replace(/\/\w+$/, "");
            // A variable is the build's to fill in.
            if (value.includes("$")) continue;
            for (const port of value.split("-")) {
              if (/^\d+$/.test(port) && Number(port) > 65535) context.report({ loc: onbuild ? node.loc : word.loc, messageId: "outOfRange", data: { port } });
            }
          }
        }
      },
    };
  },
});
