import { createRule } from "../create-rule.js";
import { programIndex } from "../model/commands.js";
import type { RunModel } from "../model/model.js";
import { trimSlash } from "../model/paths.js";

type Options = [{ layerOrder: boolean; cacheMounts: boolean }];
type MessageIds = "sourcesFirst" | "noBuildCache";

/** The RUN runs `go mod download`. */
function downloads(run: RunModel): boolean {
  return run.commands.some((c) => {
    const i = programIndex(c.argv);
    return c.argv[i] === "go" && c.argv[i + 1] === "mod" && c.argv[i + 2] === "download";
  });
}

/** The RUN mounts a cache at `folder` or at a folder holding it (`/root/.cache` holds the build cache). */
function cached(run: RunModel, folder: string): boolean {
  return run.mounts.some((m) => {
    if (m.type !== "cache") return false;
    const t = trimSlash(m.target ?? m.dst ?? m.destination ?? "");
    return t !== "" && (t === folder || t === "/" || folder.startsWith(`${t}/`));
  });
}

/**
 * Reports Go builds that redo work on every source change: the whole context copied before
 * `go mod download` (each edit re-downloads every module), and `go build` without a cache mount
 * for the build cache (each build recompiles every package).
 */
export default createRule<Options, MessageIds>({
  name: "go-dependency-caching",
  meta: {
    type: "suggestion",
    docs: {
      description: "Require go.mod/go.sum to be copied and downloaded before the sources, and a build-cache mount on go build",
      strict: true,
    },
    messages: {
      sourcesFirst:
        "The sources are copied before the modules are downloaded, so every code change re-downloads every module. COPY go.mod go.sum ./ and RUN go mod download first, then COPY the rest (or mount a cache at {{modcache}}).",
      noBuildCache:
        "'go {{subcommand}}' has no cache mount for the build cache, so every build recompiles every package. Add --mount=type=cache,target={{gocache}} to this RUN.",
    },
    schema: [
      {
        type: "object",
        properties: { layerOrder: { type: "boolean" }, cacheMounts: { type: "boolean" } },
        additionalProperties: false,
      },
    ],
  },
  defaultOptions: [{ layerOrder: true, cacheMounts: true }],
  create(context, [{ layerOrder, cacheMounts }]) {
    return {
      Dockerfile() {
        for (const stage of context.sourceCode.model.stages) {
          const builds = stage.goBuilds.filter((b) => b.subcommand !== "run");
          if (builds.length === 0) continue;
          const gopath = trimSlash(stage.env.get("GOPATH") ?? "/go");
          const modcache = trimSlash(stage.env.get("GOMODCACHE") ?? `${gopath}/pkg/mod`);
          const gocache = trimSlash(stage.env.get("GOCACHE") ?? "/root/.cache/go-build");
          if (layerOrder) {
            const download = stage.runs.find(downloads);
            // Any build after the copy counts: a stage often first installs a tool (`go install x@v1`),
            // which needs no sources, and builds its own code later.
            const lastBuild = builds[builds.length - 1]!.run.node;
            const wholeContext = stage.copies.find(
              (c) => !c.from && c.node.range[0] < lastBuild.range[0] && c.sources.some((s) => /^\.\/?$|\/\.$/.test(s)),
            );
            const buildsAfter = wholeContext ? builds.filter((b) => b.run.node.range[0] > wholeContext.node.range[0]) : [];
            const modCached = buildsAfter.every((b) => cached(b.run, modcache)) && (!download || cached(download, modcache));
            if (wholeContext && !modCached && (!download || wholeContext.node.range[0] < download.node.range[0])) {
              context.report({ loc: wholeContext.node.loc, messageId: "sourcesFirst", data: { modcache } });
            }
          }
          if (cacheMounts) {
            // One finding per RUN: one mount serves every go command in it.
            const reported = new Set<RunModel["node"]>();
            for (const b of builds) {
              if (reported.has(b.run.node) || cached(b.run, gocache)) continue;
              reported.add(b.run.node);
              context.report({ loc: b.run.node.loc, messageId: "noBuildCache", data: { subcommand: b.subcommand, gocache } });
            }
          }
        }
      },
    };
  },
});
