import { createRule } from "../create-rule.js";
import { LineIndex, type Span } from "../language/ast.js";
import { hasArgs, hasFlag, locateArg, locateTools, runSites, type ToolCommand } from "../model/packages.js";

/** apt-get told not to pull in recommended packages, by flag or APT option. */
function skipsRecommends(tool: ToolCommand): boolean {
  return hasFlag(tool, "no-install-recommends") || tool.args.some((a) => /^APT::Install-Recommends=(false|0|no)$/i.test(a));
}

export default createRule<[], "installsRecommends">({
  name: "no-install-recommends",
  meta: {
    type: "suggestion",
    docs: {
      description: "Require `--no-install-recommends` on apt-get install",
      strict: true,
      equivalents: { hadolint: ["DL3015"], trivy: ["DS029"] },
    },
    fixable: "code",
    schema: [],
    messages: {
      installsRecommends: "`{{command}}` also installs every recommended package: add `--no-install-recommends` and list what you need.",
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
            if (!hasArgs(tool, ["apt-get", "apt"], ["install"]) || skipsRecommends(tool)) continue;
            lines ??= new LineIndex(text);
            spans ??= locateTools(text, site, lines);
            const program = spans.get(tool) ?? null;
            const verb = locateArg(text, site, program, "install", lines);
            const end = verb?.range[1];
            context.report({
              loc: program && verb ? { start: program.loc.start, end: verb.loc.end } : site.node.loc,
              messageId: "installsRecommends",
              data: { command: `${tool.name} install` },
              ...(end !== undefined ? { fix: (fixer) => fixer.insertTextAfterRange([end, end], " --no-install-recommends") } : {}),
            });
          }
        }
      },
    };
  },
});
