import { createRule } from "../create-rule.js";
import { trimSlash } from "../model/paths.js";

type MessageIds = "workspace";

/**
 * Reports copying a Go builder's workspace into the final stage: its GOPATH (`/go`, with the
 * module cache), the Go installation, the build cache, or the folder the build ran in (the
 * sources). The image then ships sources, caches and toolchain instead of the binary.
 * `COPY --from=<stage> / /` is no-copy-stage-root's.
 */
export default createRule<[], MessageIds>({
  name: "no-copy-go-workspace",
  meta: {
    type: "suggestion",
    docs: {
      description: "Disallow copying a Go builder's GOPATH, toolchain, caches or source folder into the final stage",
      strict: true,
    },
    messages: {
      workspace:
        "COPY --from={{from}} {{source}} copies the builder's {{what}} into the final image: sources, caches and tools it doesn't run. Copy only the binary (e.g. {{example}}).",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      Dockerfile() {
        const final = context.sourceCode.model.finalStage;
        if (!final) return;
        for (const copy of final.copies) {
          const from = copy.fromStage;
          if (copy.keyword !== "COPY" || !from || from.goBuilds.length === 0) continue;
          const gopath = trimSlash(from.env.get("GOPATH") ?? "/go");
          const goroot = "/usr/local/go";
          const what = new Map<string, string>([
            [gopath, "GOPATH (module cache included)"],
            [`${gopath}/pkg`, "module cache"],
            [`${gopath}/src`, "GOPATH sources"],
            [goroot, "Go toolchain"],
            ["/root/.cache", "build cache"],
            ["/root/.cache/go-build", "build cache"],
          ]);
          for (const b of from.goBuilds) if (b.workdir && b.workdir !== "/" && !what.has(b.workdir)) what.set(b.workdir, "source folder");
          const outputs = from.goBuilds.map((b) => b.output).filter((o): o is string => !!o);
          const sourceSpans = copy.node.argv.slice(0, -1);
          copy.sources.forEach((source, i) => {
            if (source.includes("$")) return;
            const path = trimSlash(source.startsWith("/") ? source : `/${source}`);
            const kind = what.get(path);
            if (!kind) return;
            // A build-tools image that puts the copied Go on its PATH means to ship Go.
            if ((final.env.get("PATH") ?? "").split(":").includes(`${path}/bin`)) return;
            // `go build -o app` in WORKDIR: copying that folder is how some ship the binary — still ships the sources.
            const example = `COPY --from=${copy.from} ${outputs[0] ?? "<binary>"} /app`;
            context.report({ loc: (sourceSpans[i] ?? copy.node).loc, messageId: "workspace", data: { from: copy.from ?? "", source, what: kind, example } });
          });
        }
      },
    };
  },
});
