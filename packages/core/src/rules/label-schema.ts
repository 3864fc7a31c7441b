import { createRule } from "../create-rule.js";
import { fitsLabelType, LABEL_TYPES, labelPairs, type LabelType } from "../model/labels.js";
import { effectiveInstructions } from "../model/onbuild.js";

type Options = [{ labelSchema: Record<string, LabelType>; strictLabels: boolean }];
type MessageIds = "notInSchema" | "empty" | "wrongType";

const TYPE_NAMES: Record<LabelType, string> = {
  text: "text",
  url: "a URL",
  semver: "a semantic version (1.2.3)",
  hash: "a git commit hash",
  rfc3339: "an RFC 3339 time (2024-05-01T12:00:00Z)",
  spdx: "an SPDX license expression (MIT, Apache-2.0 OR MIT)",
  email: "an email address",
};

/** Checks LABEL values against a schema of label name → value type (and, strictly, unknown names). */
export default createRule<Options, MessageIds>({
  name: "label-schema",
  meta: {
    type: "suggestion",
    docs: {
      description: "Require LABEL values to fit the label schema you configure (url, semver, rfc3339, spdx, hash, email, text)",
      strict: true,
      equivalents: { hadolint: ["DL3050", "DL3051", "DL3052", "DL3053", "DL3054", "DL3055", "DL3056", "DL3058"] },
    },
    messages: {
      notInSchema: "Label '{{key}}' is not in the label schema. Use one of: {{known}}; or add it to the schema.",
      empty: "Label '{{key}}' is empty. Give it a value or remove it.",
      wrongType: "Label '{{key}}' should be {{type}}, but is '{{value}}'.",
    },
    schema: [
      {
        type: "object",
        properties: {
          labelSchema: { type: "object", additionalProperties: { enum: LABEL_TYPES } },
          strictLabels: { type: "boolean" },
        },
        additionalProperties: false,
      },
    ],
  },
  defaultOptions: [{ labelSchema: {}, strictLabels: false }],
  create(context, [{ labelSchema, strictLabels }]) {
    const known = Object.keys(labelSchema);
    return {
      Dockerfile(ast) {
        if (known.length === 0) return;
        for (const { instruction, node } of effectiveInstructions(ast)) {
          if (instruction.keyword !== "LABEL") continue;
          for (const [key, value] of labelPairs(instruction)) {
            const type = Object.hasOwn(labelSchema, key) ? labelSchema[key] : undefined;
            if (!type) {
              if (strictLabels) context.report({ loc: node.loc, messageId: "notInSchema", data: { key, known: known.join(", ") } });
              continue;
            }
            // A value from a build argument is only known at build time.
            if (value.includes("$")) continue;
            if (value === "") context.report({ loc: node.loc, messageId: "empty", data: { key } });
            else if (!fitsLabelType(type, value)) context.report({ loc: node.loc, messageId: "wrongType", data: { key, type: TYPE_NAMES[type], value } });
          }
        }
      },
    };
  },
});
