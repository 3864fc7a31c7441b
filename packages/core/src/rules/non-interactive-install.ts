import { createRule } from "../create-rule.js";
import { countFlag, hasArgs, hasFlag, toolVisits, type ToolCommand } from "../model/packages.js";

type Manager = "apt" | "yum" | "dnf" | "zypper";
type Options = [{ managers: Manager[] }];
type MessageIds = "missingYes";

const ALL_MANAGERS: Manager[] = ["apt", "yum", "dnf", "zypper"];

interface Check {
  manager: Manager;
  /** The subcommand words that can prompt. */
  verbs: string[];
  /** Flags that answer the prompt. */
  answered(tool: ToolCommand): boolean;
  /** The switch to add. */
  yes: string;
}

const APT_GET: Check = {
  manager: "apt",
  verbs: ["install"],
  // `-qq` implies `-y`; so does `-o APT::Get::Assume-Yes=true`.
  answered: (t) =>
    hasFlag(t, "y", "yes", "assume-yes", "qq") ||
    countFlag(t, "q") >= 2 ||
    countFlag(t, "quiet") >= 2 ||
    t.args.includes("-q=2") ||
    t.args.some((a) => /^APT::Get::Assume-Yes=(true|1|yes)$/i.test(a)),
  yes: "-y",
};

const CHECKS: Record<string, Check> = {
  "apt-get": APT_GET,
  apt: APT_GET,
  yum: { manager: "yum", verbs: ["install", "groupinstall", "localinstall"], answered: (t) => hasFlag(t, "y", "assumeyes"), yes: "-y" },
  dnf: { manager: "dnf", verbs: ["install", "groupinstall", "localinstall"], answered: (t) => hasFlag(t, "y", "assumeyes"), yes: "-y" },
  microdnf: { manager: "dnf", verbs: ["install", "groupinstall", "localinstall"], answered: (t) => hasFlag(t, "y", "assumeyes"), yes: "-y" },
  zypper: {
    manager: "zypper",
    verbs: ["install", "in", "remove", "rm", "source-install", "si", "patch"],
    answered: (t) => hasFlag(t, "non-interactive", "n", "no-confirm", "y"),
    yes: "-y",
  },
};

export default createRule<Options, MessageIds>({
  name: "non-interactive-install",
  meta: {
    type: "problem",
    docs: {
      description: "Require the switch that answers yes to package-manager prompts (apt-get -y, yum -y, dnf -y, zypper -n)",
      strict: true,
      equivalents: { hadolint: ["DL3014", "DL3030", "DL3034", "DL3038"], trivy: ["DS021"] },
    },
    fixable: "code",
    schema: [
      {
        type: "object",
        properties: { managers: { type: "array", items: { enum: ALL_MANAGERS }, uniqueItems: true } },
        additionalProperties: false,
      },
    ],
    messages: {
      missingYes: "`{{command}}` asks for confirmation, and a build cannot answer: add `{{yes}}` (`{{command}} {{yes}} …`).",
    },
  },
  defaultOptions: [{ managers: ALL_MANAGERS }],
  create(context, [{ managers }]) {
    return {
      Dockerfile() {
        for (const visit of toolVisits(context.sourceCode.text, context.sourceCode.model)) {
          const { tool } = visit;
          const check = CHECKS[tool.name];
          if (!check || !managers.includes(check.manager)) continue;
          if (!hasArgs(tool, [tool.name], check.verbs) || check.answered(tool)) continue;
          const verb = tool.args.find((a) => check.verbs.includes(a))!;
          const end = visit.arg(verb)?.range[1];
          context.report({
            loc: visit.through(verb),
            messageId: "missingYes",
            data: { command: `${tool.name} ${verb}`, yes: check.yes },
            ...(end !== undefined ? { fix: (fixer) => fixer.insertTextAfterRange([end, end], ` ${check.yes}`) } : {}),
          });
        }
      },
    };
  },
});
