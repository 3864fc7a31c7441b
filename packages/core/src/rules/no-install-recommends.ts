import { createRule } from "../create-rule.js";
import { hasArgs, hasFlag, toolVisits, type ToolCommand } from "../model/packages.js";

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
        for (const visit of toolVisits(context.sourceCode.text, context.sourceCode.model)) {
          const { tool } = visit;
          if (!hasArgs(tool, ["apt-get", "apt"], ["install"]) || skipsRecommends(tool)) continue;
          const end = visit.arg("install")?.range[1];
          context.report({
            loc: visit.through("install"),
            messageId: "installsRecommends",
            data: { command: `${tool.name} install` },
            ...(end !== undefined ? { fix: (fixer) => fixer.insertTextAfterRange([end, end], " --no-install-recommends") } : {}),
          });
        }
      },
    };
  },
});
