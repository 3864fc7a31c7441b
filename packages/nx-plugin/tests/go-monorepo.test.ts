/**
 * Inference on Go monorepo layouts: one module with services under cmd/ and shared internal/
 * packages, a go.work workspace, and a `replace ../lib` module. Inputs come from `go list -deps`.
 */
import { existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { inferProjects } from "../src/plugin/nodes";
import { copyInputs, ignoreNegations } from "../src/plugin/context";
import { hostGo, tempTree } from "./helpers";
import { mainGo, SINGLE_MODULE } from "./go-monorepo-fixture";

let cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups) c();
  cleanups = [];
});

function workspace(files: Record<string, string>): string {
  const t = tempTree({ "nx.json": "{}", ...files });
  cleanups.push(t.cleanup);
  return t.dir;
}

async function lintTargets(root: string, files: string[]) {
  const nodes = await inferProjects(files, {}, { workspaceRoot: root, nxJsonConfiguration: {} });
  return Object.fromEntries(nodes.map((n) => [n.project.name!, { root: n.project.root, ...n.project.targets!["docker-lint"]! }]));
}

const fileInputs = (inputs: unknown[] | undefined) => (inputs ?? []).filter((i): i is string => typeof i === "string" && !i.includes("docker-lint.config"));

describe("single-module repository", () => {
  it("gives each cmd/<service> folder its own project, built from the module root", async () => {
    const ws = workspace(SINGLE_MODULE);
    const t = await lintTargets(ws, ["cmd/hello/Dockerfile", "cmd/bye/Dockerfile"]);
    expect(Object.keys(t).sort()).toEqual(["bye", "hello"]);
    expect(t.hello!.root).toBe("cmd/hello");
    expect(t.hello!.options).toEqual({ dockerfiles: ["Dockerfile"], buildContext: "../.." });
    expect(fileInputs(t.hello!.inputs)).toEqual(expect.arrayContaining(["{projectRoot}/Dockerfile", "{workspaceRoot}/.dockerignore", "{workspaceRoot}/go.mod", "{workspaceRoot}/go.sum"]));
  });

  it("a Dockerfile that builds `.` from its own folder keeps its folder as the context", async () => {
    const ws = workspace({ ...SINGLE_MODULE, "cmd/hello/Dockerfile": "FROM golang:1.26.8 AS build\nWORKDIR /src\nCOPY *.go ./\nRUN go build -o /out/hello .\n" });
    const t = await lintTargets(ws, ["cmd/hello/Dockerfile"]);
    expect(t.hello!.options).toEqual({ dockerfiles: ["Dockerfile"] });
  });

  it("a buildContext in project.json wins over the inferred one", async () => {
    const ws = workspace({ ...SINGLE_MODULE, "cmd/hello/project.json": JSON.stringify({ name: "hello", targets: { "docker-lint": { options: { buildContext: "." } } } }) });
    const t = await lintTargets(ws, ["cmd/hello/Dockerfile"]);
    // The inferred default stays; Nx merges project.json over it, and the inputs follow project.json.
    expect(t.hello!.options.buildContext).toBe("../..");
    expect(fileInputs(t.hello!.inputs)).toContain("{projectRoot}/.dockerignore");
    expect(fileInputs(t.hello!.inputs)).not.toContain("{workspaceRoot}/.dockerignore");
  });

  it.skipIf(!hostGo)("inputs are the packages each service imports, not the other service's", async () => {
    const ws = workspace(SINGLE_MODULE);
    const t = await lintTargets(ws, ["cmd/hello/Dockerfile", "cmd/bye/Dockerfile"]);
    const hello = fileInputs(t.hello!.inputs);
    expect(hello).toEqual(expect.arrayContaining(["{projectRoot}/*.go", "{workspaceRoot}/internal/greet/*.go", "{workspaceRoot}/internal/shared/*.go"]));
    expect(hello.join(" ")).not.toContain("farewell");
    expect(hello).not.toContain("{workspaceRoot}/**/*");
    // .dockerignore's plain names are left out.
    expect(hello).toEqual(expect.arrayContaining(["!{workspaceRoot}/.git", "!{workspaceRoot}/docs/**/*"]));
    expect(fileInputs(t.bye!.inputs)).toEqual(expect.arrayContaining(["{workspaceRoot}/internal/farewell/*.go", "{workspaceRoot}/internal/shared/*.go"]));
    // go list's answer is cached in the workspace data folder.
    expect(existsSync(path.join(ws, ".nx/workspace-data/docker-lint-go-inputs.json"))).toBe(true);
  });

  it.skipIf(!hostGo)("a new import shows up in the inputs (the cache follows the Go files)", async () => {
    const ws = workspace(SINGLE_MODULE);
    await lintTargets(ws, ["cmd/hello/Dockerfile"]);
    writeFileSync(path.join(ws, "internal/greet/greet.go"), 'package greet\n\nimport "example.com/mono/internal/farewell"\n\nfunc Name() string { return "hello " + farewell.Name() }\n');
    const t = await lintTargets(ws, ["cmd/hello/Dockerfile"]);
    expect(fileInputs(t.hello!.inputs)).toContain("{workspaceRoot}/internal/farewell/*.go");
  });

  it("two services' `build/` folders get distinct names", async () => {
    const ws = workspace({ "a/build/Dockerfile": "FROM scratch\n", "b/build/Dockerfile": "FROM scratch\n", "c/Dockerfile": "FROM scratch\n" });
    const t = await lintTargets(ws, ["a/build/Dockerfile", "b/build/Dockerfile", "c/Dockerfile"]);
    expect(Object.keys(t).sort()).toEqual(["a-build", "b-build", "c"]);
  });
});

describe.skipIf(!hostGo)("multi-module repositories", () => {
  it("go.work: the service's module, the library module it uses, and go.work are inputs", async () => {
    const ws = workspace({
      "go.work": "go 1.21\n\nuse (\n\t./lib\n\t./svc\n)\n",
      "lib/go.mod": "module example.com/lib\n\ngo 1.21\n",
      "lib/text/text.go": "package text\n\nfunc Name() string { return \"lib\" }\n",
      "lib/unused/unused.go": "package unused\n",
      "svc/go.mod": "module example.com/svc\n\ngo 1.21\n\nrequire example.com/lib v0.0.0\n",
      "svc/cmd/api/main.go": mainGo("example.com/lib", "text"),
      "svc/cmd/api/Dockerfile": "FROM golang:1.26.8 AS build\nWORKDIR /src\nCOPY go.work ./\nCOPY lib ./lib\nCOPY svc ./svc\nRUN go build -o /out/api ./svc/cmd/api\n",
    });
    const t = await lintTargets(ws, ["svc/cmd/api/Dockerfile"]);
    expect(t.api!.options.buildContext).toBe("../../..");
    const inputs = fileInputs(t.api!.inputs);
    expect(inputs).toEqual(expect.arrayContaining(["{projectRoot}/*.go", "{workspaceRoot}/lib/text/*.go", "{workspaceRoot}/lib/go.mod", "{workspaceRoot}/svc/go.mod", "{workspaceRoot}/go.work", "{workspaceRoot}/go.work.sum"]));
    expect(inputs.join(" ")).not.toContain("unused");
  });

  it("replace ../lib: the replaced module's packages are inputs", async () => {
    const ws = workspace({
      "lib/go.mod": "module example.com/lib\n\ngo 1.21\n",
      "lib/text/text.go": "package text\n\nfunc Name() string { return \"lib\" }\n",
      "svc/go.mod": "module example.com/svc\n\ngo 1.21\n\nrequire example.com/lib v0.0.0\n\nreplace example.com/lib => ../lib\n",
      "svc/main.go": mainGo("example.com/lib", "text"),
      "svc/Dockerfile": "FROM golang:1.26.8 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/svc .\n",
    });
    const t = await lintTargets(ws, ["svc/Dockerfile"]);
    expect(fileInputs(t.svc!.inputs)).toEqual(expect.arrayContaining(["{projectRoot}/*.go", "{workspaceRoot}/lib/text/*.go", "{workspaceRoot}/lib/go.mod", "{projectRoot}/go.mod"]));
  });
});

describe("COPY'd files and .dockerignore", () => {
  it("non-Go files the image copies are inputs; folders copied into the Go builder are covered by go list", async () => {
    const { loadCore } = await import("../src/lib/core");
    const core = await loadCore();
    const parsed = core.parse("FROM golang:1.26.8 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\nFROM scratch\nCOPY --from=build /app /app\nCOPY static /static\nCOPY config.yaml /etc/\n");
    const model = core.buildModel(parsed.ok ? parsed.ast : (null as never), null);
    const ws = workspace({ "svc/static/a.css": "", "svc/config.yaml": "", "svc/main.go": "package main\n" });
    expect(copyInputs({ model, context: "svc", workspaceRoot: ws, plan: null }).sort()).toEqual(["svc/**/*", "svc/config.yaml", "svc/static/**/*"]);
  });

  it(".dockerignore plain names become negations; globs and `!` files do not", () => {
    expect(ignoreNegations("# c\n.git\ndocs/\n*.md\nDockerfile\n", "svc")).toEqual(["!svc/.git", "!svc/.git/**/*", "!svc/docs", "!svc/docs/**/*"]);
    expect(ignoreNegations("*\n!main.go\n", ".")).toEqual([]);
    expect(ignoreNegations(null, ".")).toEqual([]);
  });
});
