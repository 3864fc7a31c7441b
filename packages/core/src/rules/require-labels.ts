import { createRule } from "../create-rule.js";
import { labelPairs, LABEL_TYPES, type LabelType } from "../model/labels.js";
import { stagesLacking, type Section } from "../model/sections.js";

type Options = [{ labelSchema: Record<string, LabelType> }];
type MessageIds = "missing";

/**
 * Reports stages without the labels of the schema. Lineage-aware: labels carry over
 * `FROM <stage>`, and a stage other stages use is judged through them.
 */
export default createRule<Options, MessageIds>({
  name: "require-labels",
  meta: {
    type: "suggestion",
    docs: {
      description: "Require the labels of your label schema on every image the Dockerfile builds",
      strict: true,
      equivalents: { hadolint: ["DL3049"] },
    },
    messages: {
      missing: "This stage's image has no '{{label}}' label, which the label schema requires. Add LABEL {{label}}=\"…\".",
    },
    schema: [
      {
        type: "object",
        properties: { labelSchema: { type: "object", additionalProperties: { enum: LABEL_TYPES } } },
        additionalProperties: false,
      },
    ],
  },
  defaultOptions: [{ labelSchema: {} }],
  create(context, [{ labelSchema }]) {
    const required = Object.keys(labelSchema);
    return {
      Dockerfile() {
        if (required.length === 0) return;
        const model = context.sourceCode.model;
        const labelsOf = (s: Section) => new Set(s.instructions.filter((n) => n.keyword === "LABEL").flatMap((n) => labelPairs(n).map(([k]) => k)));
        for (const label of required) {
          for (const section of stagesLacking(model, (s) => labelsOf(s).has(label))) {
            context.report({ loc: section.from!.loc, messageId: "missing", data: { label } });
          }
        }
      },
    };
  },
});
