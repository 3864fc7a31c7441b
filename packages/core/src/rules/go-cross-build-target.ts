import { createRule } from "../create-rule.js";
import { descendants } from "../model/analysis.js";
import { programIndex } from "../model/commands.js";
import type { GoBuild, StageModel } from "../model/model.js";
import { stageChain } from "../model/stage-files.js";

type MessageIds = "noTarget" | "undeclared";

/** The stage runs on the build machine's platform (`FROM --platform=$BUILDPLATFORM`). */
function onBuildPlatform(stage: StageModel): boolean {
  return /\$\{?BUILDPLATFORM\b/.test(stage.platform ?? "");
}

/** `xx-go` sets GOOS/GOARCH from TARGETPLATFORM; `xx-go --wrap` makes plain `go` do so too. */
function usesXx(build: GoBuild, family: StageModel[]): boolean {
  if (build.command.argv[programIndex(build.command.argv)] === "xx-go") return true;
  return family.some((s) => s.runs.some((r) => r.commands.some((c) => c.argv.includes("xx-go") && c.argv.includes("--wrap"))));
}

/**
 * Reports a go build in a `FROM --platform=$BUILDPLATFORM` stage that doesn't take GOARCH from
 * TARGETARCH: the stage runs on the build machine, so without GOARCH the binary is built for the
 * build machine's architecture and a multi-platform image ships the wrong binary (`exec format error`).
 */
export default createRule<[], MessageIds>({
  name: "go-cross-build-target",
  meta: {
    type: "problem",
    docs: {
      description: "Require go builds in a `--platform=$BUILDPLATFORM` stage to set GOOS/GOARCH from TARGETOS/TARGETARCH",
      strict: true,
    },
    messages: {
      noTarget:
        "This stage runs on $BUILDPLATFORM, but 'go {{subcommand}}' sets no GOARCH, so it builds for the build machine and other platforms get the wrong binary. Add ARG TARGETOS TARGETARCH to the stage and run GOOS=$TARGETOS GOARCH=$TARGETARCH go {{subcommand}} ….",
      undeclared:
        "GOARCH uses ${{name}}, but the stage doesn't declare ARG {{name}}, so it is empty and go builds for the build machine. Add ARG {{name}} to the stage.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      Dockerfile() {
        const model = context.sourceCode.model;
        for (const stage of model.stages) {
          if (!onBuildPlatform(stage)) continue;
          const family = [stage, ...descendants(stage, model.stages)];
          for (const s of family) {
            for (const build of s.goBuilds) {
              if (build.subcommand === "run" || usesXx(build, family)) continue;
              // `go install tool@version` installs a tool the build itself runs: build-platform is right.
              if (build.packages.length > 0 && build.packages.every((p) => p.includes("@"))) continue;
              const goarch = build.env.get("GOARCH");
              const loc = build.run.node.loc;
              if (goarch === undefined) {
                context.report({ loc, messageId: "noTarget", data: { subcommand: build.subcommand } });
                continue;
              }
              // Automatic platform ARGs are empty unless the stage declares them.
              const name = /\$\{?(TARGETARCH|TARGETPLATFORM)\b/.exec(goarch)?.[1];
              if (name && !stageChain(s).some((st) => st.args.has(name))) context.report({ loc, messageId: "undeclared", data: { name } });
            }
          }
        }
      },
    };
  },
});
