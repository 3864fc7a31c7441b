import { createRule } from "../create-rule.js";

/** `[ip:][hostPort:]containerPort`: anything before the last `:` is a publish-time setting. */
const MAPPING = /^(?:\[[^\]]*\]|[^:/]*)(?::[^:/]*)?:[^:/]+(?:\/\w+)?$/;

export default createRule<[], "protoCasing" | "mapping">({
  name: "valid-expose",
  meta: {
    type: "problem",
    docs: {
      description: "Require `EXPOSE` to list container ports with lower-case protocols, without IPs or host ports",
      strict: true,
      equivalents: { buildkit: ["ExposeProtoCasing", "ExposeInvalidFormat"] },
    },
    fixable: "code",
    messages: {
      protoCasing: "Protocol in '{{port}}' should be lower-case: write '{{expected}}'.",
      mapping:
        "EXPOSE takes container ports only; '{{port}}' holds an IP address or host port, which Docker ignores here. Write '{{container}}' and publish with 'docker run -p {{port}}'.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      Instruction(node) {
        if (node.keyword !== "EXPOSE") return;
        for (const word of node.argv) {
          const port = word.value;
          if (port.includes("$")) continue;
          if (MAPPING.test(port)) {
            const container = port.slice(port.lastIndexOf(":") + 1);
            context.report({ loc: word.loc, messageId: "mapping", data: { port, container } });
            continue;
          }
          const slash = port.indexOf("/");
          if (slash < 0) continue;
          const proto = port.slice(slash + 1);
          if (proto === proto.toLowerCase()) continue;
          const expected = port.slice(0, slash + 1) + proto.toLowerCase();
          context.report({ loc: word.loc, messageId: "protoCasing", data: { port, expected }, fix: (fixer) => fixer.replaceTextRange(word.range, expected) });
        }
      },
    };
  },
});
