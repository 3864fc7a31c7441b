import { createRule } from "../create-rule.js";
import { commandName, shellRuns } from "../model/shell-runs.js";

type MessageIds = "both";

/**
 * Reports a stage that runs both wget and curl: one download tool is enough, and each one
 * installed is more image and more attack surface. Per FROM section, as hadolint.
 */
export default createRule<[], MessageIds>({
  name: "single-download-tool",
  meta: {
    type: "suggestion",
    docs: {
      description: "Disallow using both wget and curl in one stage",
      strict: true,
      equivalents: { hadolint: ["DL4001"], trivy: ["DS014"] },
    },
    messages: {
      both: "This stage uses both wget and curl (first '{{other}}' at line {{line}}). Use one of them for every download.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      Dockerfile() {
        // The first use of each tool per section; report every use of the second tool after both are seen.
        const first = new Map<string, { tool: string; line: number }>();
        const reported = new Set<unknown>();
        const runs = shellRuns(context.sourceCode.model);
        const uses = runs.flatMap((run) => run.commands.map((c) => ({ run, tool: commandName(c) })).filter((u) => u.tool === "wget" || u.tool === "curl"));
        const bySection = new Map<number, typeof uses>();
        for (const u of uses) bySection.set(u.run.section, [...(bySection.get(u.run.section) ?? []), u]);
        for (const list of bySection.values()) {
          first.clear();
          for (const u of list) if (!first.has(u.tool)) first.set(u.tool, { tool: u.tool, line: u.run.node.loc.start.line });
          if (first.size < 2) continue;
          // Report the uses of the tool that came second: that is the one to replace.
          const [, second] = [...first.keys()];
          const other = second === "curl" ? "wget" : "curl";
          for (const u of list) {
            if (u.tool !== second || reported.has(u.run.node)) continue;
            reported.add(u.run.node);
            context.report({ loc: u.run.node.loc, messageId: "both", data: { other, line: String(first.get(other)!.line) } });
          }
        }
      },
    };
  },
});
