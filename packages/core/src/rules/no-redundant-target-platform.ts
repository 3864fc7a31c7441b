import { createRule } from "../create-rule.js";
import { fromLines } from "../model/from-parts.js";

const TARGET_PLATFORM = /^(["']?)(?:\$TARGETPLATFORM|\$\{TARGETPLATFORM\})\1$/;

/** `FROM --platform=$TARGETPLATFORM` says what FROM does anyway. */
export default createRule<[], "redundant">({
  name: "no-redundant-target-platform",
  meta: {
    type: "suggestion",
    docs: {
      description: "Disallow `FROM --platform=$TARGETPLATFORM`, which is the default",
      strict: true,
      equivalents: { hadolint: ["DL3065"], buildkit: ["RedundantTargetPlatform"] },
    },
    fixable: "code",
    messages: {
      redundant: "'--platform={{value}}' is redundant: FROM pulls the target platform by default. Remove the flag.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const text = context.sourceCode.text;
    return {
      Dockerfile(root) {
        for (const { parts } of fromLines(root.instructions)) {
          const flag = parts.platform;
          if (!flag?.flagValue || !TARGET_PLATFORM.test(flag.flagValue)) continue;
          // Remove the flag and the blanks after it.
          let end = flag.range[1];
          while (text[end] === " " || text[end] === "\t") end++;
          context.report({ loc: flag.loc, messageId: "redundant", data: { value: flag.flagValue }, fix: (fixer) => fixer.replaceTextRange([flag.range[0], end], "") });
        }
      },
    };
  },
});
