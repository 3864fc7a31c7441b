import { createRule } from "../create-rule.js";
import { toolVisits } from "../model/packages.js";

/** `apt` subcommands that `apt-get` runs the same way. */
const SAME_IN_APT_GET = new Set(["install", "update", "upgrade", "remove", "purge", "autoremove", "clean", "autoclean", "dist-upgrade", "source", "build-dep"]);

export default createRule<[], "useAptGet" | "replaceWithAptGet">({
  name: "prefer-apt-get",
  meta: {
    type: "suggestion",
    docs: {
      description: "Use `apt-get`/`apt-cache` in scripts instead of `apt`, whose interface is for people and may change",
      strict: true,
      equivalents: { hadolint: ["DL3027"], checkov: ["CKV_DOCKER_9"] },
    },
    hasSuggestions: true,
    schema: [],
    messages: {
      useAptGet: "`apt` is meant for interactive use (its output and options may change, and it warns so in scripts): use `apt-get` (or `apt-cache` to search and show).",
      replaceWithAptGet: "Replace `apt` with `apt-get`.",
    },
  },
  defaultOptions: [],
  create(context) {
    return {
      Dockerfile() {
        for (const visit of toolVisits(context.sourceCode.text, context.sourceCode.model)) {
          const { tool } = visit;
          // The program word itself, not `xx-apt` (tonistiigi/xx wraps apt-get behaviour).
          if (tool.name !== "apt" || tool.command.argv.some((w) => w.endsWith("xx-apt"))) continue;
          const program = visit.program();
          const sub = tool.args.find((a) => !a.startsWith("-"));
          const canReplace = program !== null && program.value === "apt" && sub !== undefined && SAME_IN_APT_GET.has(sub);
          context.report({
            loc: program?.loc ?? visit.site.node.loc,
            messageId: "useAptGet",
            suggest: canReplace ? [{ messageId: "replaceWithAptGet", fix: (fixer) => fixer.replaceTextRange(program.range, "apt-get") }] : [],
          });
        }
      },
    };
  },
});
