import type { RuleFixer } from "@eslint/core";
import { createRule } from "../create-rule.js";

type Options = [{ trimpath: boolean; strip: boolean }];
type MessageIds = "noTrimpath" | "noStrip" | "addFlag";

/** `-s` and `-w` among the linker flags (`-s -w`, `-w -s -X main.v=1`). */
function strips(ldflags: string | null): boolean {
  if (!ldflags) return false;
  const words = ldflags.replace(/^["']|["']$/g, "").split(/\s+/);
  return words.includes("-s") && words.includes("-w");
}

/**
 * Reports `go build`/`go install` without `-trimpath` (the binary embeds the build machine's
 * paths, and differs between checkouts) or without `-ldflags="-s -w"` (symbol and DWARF tables
 * the image doesn't need, often a quarter of the binary).
 */
export default createRule<Options, MessageIds>({
  name: "go-build-release-flags",
  meta: {
    type: "suggestion",
    docs: {
      description: "Require `-trimpath` and `-ldflags=\"-s -w\"` on a Dockerfile's go build",
      strict: true,
    },
    hasSuggestions: true,
    messages: {
      noTrimpath:
        "'go {{subcommand}}' without -trimpath embeds the build's file paths ({{workdir}}…) in the binary, so builds from different checkouts differ. Add -trimpath (or GOFLAGS=-trimpath).",
      noStrip:
        "'go {{subcommand}}' keeps the symbol and DWARF tables{{current}}, which the image doesn't need (often a quarter of the binary). Add -s -w to -ldflags.",
      addFlag: "Add {{flag}} to 'go {{subcommand}}'",
    },
    schema: [
      {
        type: "object",
        properties: { trimpath: { type: "boolean" }, strip: { type: "boolean" } },
        additionalProperties: false,
      },
    ],
  },
  defaultOptions: [{ trimpath: true, strip: true }],
  create(context, [{ trimpath, strip }]) {
    const source = context.sourceCode.text;
    /** A fix inserting `flag` after the only `go <subcommand>` of the RUN, or none when that isn't unique. */
    const insertAfterSubcommand = (range: readonly [number, number], subcommand: string, flag: string): Array<{ messageId: MessageIds; data: Record<string, string>; fix: RuleFixer }> => {
      const text = source.slice(range[0], range[1]);
      const matches = [...text.matchAll(new RegExp(`(^|[\\s;&|(])go[ \\t]+${subcommand}(?=[ \\t\\\\])`, "g"))];
      if (matches.length !== 1) return [];
      const at = range[0] + matches[0]!.index + matches[0]![0].length;
      return [{ messageId: "addFlag", data: { flag, subcommand }, fix: (fixer) => fixer.insertTextAfterRange([at, at], ` ${flag}`) }];
    };
    return {
      Dockerfile() {
        for (const stage of context.sourceCode.model.stages) {
          for (const build of stage.goBuilds) {
            if (build.subcommand === "run") continue;
            // `go install tool@version` installs a tool the build runs, not what the image ships.
            if (build.packages.length > 0 && build.packages.every((p) => p.includes("@"))) continue;
            const range = build.run.node.range;
            const loc = build.run.node.loc;
            const subcommand = build.subcommand;
            // Words only the shell knows (`$(cat /tmp/.ldflags)`, `$BUILD_FLAGS`) may hold the flags: say nothing.
            const unknownWords = [...build.flags, ...build.packages].some((w) => /[$`]/.test(w));
            if (trimpath && !build.trimpath && !unknownWords) {
              context.report({ loc, messageId: "noTrimpath", data: { subcommand, workdir: build.workdir || "/" }, suggest: insertAfterSubcommand(range, subcommand, "-trimpath") });
            }
            const goflags = build.env.get("GOFLAGS") ?? "";
            // GOFLAGS entries can't hold spaces, and a later -ldflags replaces an earlier one.
            const fromGoflags = [...goflags.matchAll(/(?:^|\s)-ldflags=(\S+)/g)].pop()?.[1] ?? null;
            const ldflags = build.ldflags ?? fromGoflags;
            // Debug builds (-gcflags=all="-N -l") want their symbols.
            const debug = build.flags.some((f) => f.startsWith("-gcflags") && /-N\b/.test(f));
            if (strip && !debug && !strips(ldflags) && !(ldflags !== null && /[$`]/.test(ldflags)) && !(ldflags === null && unknownWords)) {
              context.report({
                loc,
                messageId: "noStrip",
                data: { subcommand, current: ldflags ? ` (-ldflags is '${ldflags}')` : "" },
                suggest: ldflags === null ? insertAfterSubcommand(range, subcommand, '-ldflags="-s -w"') : [],
              });
            }
          }
        }
      },
    };
  },
});
