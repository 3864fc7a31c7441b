import { createRule } from "../create-rule.js";
import { LineIndex, type Span } from "../language/ast.js";
import { hasArgs, locateArg, locateTools, runSites, type ToolCommand } from "../model/packages.js";

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
        const text = context.sourceCode.text;
        let lines: LineIndex | null = null;
        for (const site of runSites(context.sourceCode.model)) {
          let spans: Map<ToolCommand, Span | null> | null = null;
          for (const tool of site.tools) {
            if (!hasArgs(tool, ["zypper"], ["dist-upgrade", "dup"])) continue;
            const verb = tool.args.find((a) => a === "dist-upgrade" || a === "dup")!;
            lines ??= new LineIndex(text);
            spans ??= locateTools(text, site, lines);
            const program = spans.get(tool) ?? null;
            const at = locateArg(text, site, program, verb, lines);
            context.report({
              loc: program && at ? { start: program.loc.start, end: at.loc.end } : site.node.loc,
              messageId: "distUpgrade",
              data: { verb },
            });
          }
        }
      },
    };
  },
});
