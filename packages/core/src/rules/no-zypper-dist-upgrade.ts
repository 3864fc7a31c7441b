import { createRule } from "../create-rule.js";
import { hasArgs, toolVisits } from "../model/packages.js";

export default createRule<[], "distUpgrade">({
  name: "no-zypper-dist-upgrade",
  meta: {
    type: "suggestion",
    docs: {
      description: "Disallow `zypper dist-upgrade` in a build: it moves the image to another distribution release",
      strict: true,
      equivalents: { hadolint: ["DL3035"] },
    },
    schema: [],
    messages: {
      distUpgrade:
        "`zypper {{verb}}` can move the image to a newer distribution release, so the base tag no longer says what you run: pick a newer base image, or use `zypper update` / `zypper patch`.",
    },
  },
  defaultOptions: [],
  create(context) {
    return {
      Dockerfile() {
        for (const visit of toolVisits(context.sourceCode.text, context.sourceCode.model)) {
          if (!hasArgs(visit.tool, ["zypper"], ["dist-upgrade", "dup"])) continue;
          const verb = visit.tool.args.find((a) => a === "dist-upgrade" || a === "dup")!;
          context.report({ loc: visit.through(verb), messageId: "distUpgrade", data: { verb } });
        }
      },
    };
  },
});
