import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { Minimatch } from "minimatch";
import { afterEach, describe, expect, it } from "vitest";
import { CONFIG_FILES as CORE_CONFIG_FILES } from "@docker-lint/core";
import { isDockerfileName as coreIsDockerfileName } from "../../core/src/runner/discover.js";
import { CONFIG_FILES, DOCKERFILE_GLOB, isDockerfileName } from "../src/lib/names";
import { createNodes, groupDockerfiles, inferProjects, projectRootFor } from "../src/plugin/nodes";
import { installedFromLockFile, selfInputs, FINGERPRINT_COMMAND } from "../src/plugin/self-inputs";
import { tempTree } from "./helpers";

const GO_MOD = "module example.com/x\n\ngo 1.26\n";
const DOCKERFILE = "FROM scratch\n";

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

async function infer(root: string, files: string[], options = {}, nxJson = {}) {
  return inferProjects(files, options, { workspaceRoot: root, nxJsonConfiguration: nxJson });
}

async function target(root: string, files: string[], project: string, options = {}, nxJson = {}) {
  const node = (await infer(root, files, options, nxJson)).find((n) => n.project.root === project);
  expect(node, `no project at ${project}`).toBeDefined();
  return { node: node!, lint: node!.project.targets!["docker-lint"]! };
}

describe("Dockerfile names", () => {
  const names = [
    "Dockerfile", "Containerfile", "Dockerfile.prod", "api.Dockerfile", "api.dockerfile", "Dockerfile.dockerignore",
    "x.Dockerfile.dockerignore", ".dockerfile", "Dockerfile-dev", "dockerfile", "Makefile", "Dockerfiles",
  ];

  it("match the CLI's discovery exactly", async () => {
    for (const n of names) expect(isDockerfileName(n), n).toBe(coreIsDockerfileName(n));
  });

  it("the createNodes glob finds every Dockerfile name (the executor filters .dockerignore files)", async () => {
    const glob = new Minimatch(DOCKERFILE_GLOB, { dot: true });
    for (const n of names) {
      if (isDockerfileName(n)) expect(glob.match(`services/a/${n}`), n).toBe(true);
    }
    expect(glob.match("services/a/Makefile")).toBe(false);
    expect(createNodes[0]).toBe(DOCKERFILE_GLOB);
  });

  it("config file names are the core's", async () => {
    expect(CONFIG_FILES).toEqual(CORE_CONFIG_FILES);
  });
});

describe("project roots and names", () => {
  it("a folder with a Dockerfile and go.mod and no project file becomes a project named after it", async () => {
    const ws = workspace({ "services/api/Dockerfile": DOCKERFILE, "services/api/go.mod": GO_MOD });
    const [node] = (await infer(ws, ["services/api/Dockerfile"]));
    expect(node!.file).toBe("services/api/Dockerfile");
    expect(node!.project).toMatchObject({ root: "services/api", name: "api" });
  });

  it("a Dockerfile in a sub-folder belongs to the nearest project file above it; a go.mod above does not claim it", async () => {
    const ws = workspace({
      "apps/web/project.json": JSON.stringify({ name: "web-app" }),
      "apps/web/deploy/Dockerfile": DOCKERFILE,
      "services/api/go.mod": GO_MOD,
      "services/api/build/api.Dockerfile": DOCKERFILE,
    });
    expect(projectRootFor(ws, "apps/web/deploy/Dockerfile")).toBe("apps/web");
    expect(projectRootFor(ws, "services/api/build/api.Dockerfile")).toBe("services/api/build");
    const web = (await target(ws, ["apps/web/deploy/Dockerfile"], "apps/web"));
    // project.json names the project; repeating its name keeps both plugins in agreement.
    expect(web.node.project.name).toBe("web-app");
    expect(web.lint.options.dockerfiles).toEqual(["deploy/Dockerfile"]);
    // The config lookup starts in the Dockerfile's folder, so that folder's config counts too.
    expect(web.lint.inputs).toEqual(expect.arrayContaining([expect.stringMatching(/^\{workspaceRoot\}\/apps\/web\/deploy\/\{docker-lint\.config\.json/)]));
  });

  it("a package.json name is used", async () => {
    const ws = workspace({ "tools/img/package.json": JSON.stringify({ name: "@acme/img" }), "tools/img/Dockerfile": DOCKERFILE });
    expect((await infer(ws, ["tools/img/Dockerfile"]))[0]!.project.name).toBe("@acme/img");
  });

  it("a Dockerfile with no project file above it makes its own folder a project", async () => {
    const ws = workspace({ "go.mod": GO_MOD, "deploy/nginx/Dockerfile": DOCKERFILE });
    expect(projectRootFor(ws, "deploy/nginx/Dockerfile")).toBe("deploy/nginx");
    expect((await infer(ws, ["deploy/nginx/Dockerfile"]))[0]!.project).toMatchObject({ root: "deploy/nginx", name: "nginx" });
  });

  it("several Dockerfiles of one project give one target listing them all", async () => {
    const ws = workspace({ "svc/go.mod": GO_MOD, "svc/Dockerfile": DOCKERFILE, "svc/debug.Dockerfile": DOCKERFILE, "svc/Dockerfile.dockerignore": "*\n" });
    const nodes = (await infer(ws, ["svc/Dockerfile", "svc/debug.Dockerfile", "svc/Dockerfile.dockerignore"]));
    expect(nodes).toHaveLength(1);
    expect(nodes[0]!.project.targets!["docker-lint"]!.options.dockerfiles).toEqual(["Dockerfile", "debug.Dockerfile"]);
  });

  it("skips dev containers and node_modules", async () => {
    const ws = workspace({});
    expect(groupDockerfiles(ws, [".devcontainer/Dockerfile", "a/node_modules/x/Dockerfile", "b/.devcontainer/Containerfile"])).toEqual([]);
  });
});

describe("the inferred target", () => {
  it("is cached, has no outputs, and runs the lint executor", async () => {
    const ws = workspace({ "services/api/Dockerfile": DOCKERFILE, "services/api/go.mod": GO_MOD });
    const { lint } = (await target(ws, ["services/api/Dockerfile"], "services/api"));
    expect(lint).toMatchObject({ executor: "@docker-lint/nx-plugin:lint", cache: true, outputs: [], options: { dockerfiles: ["Dockerfile"] } });
    expect(lint.metadata?.technologies).toEqual(["docker"]);
  });

  it("lists the Dockerfiles, .dockerignore files, go.mod/go.sum and every config location as inputs", async () => {
    const ws = workspace({ "services/api/Dockerfile": DOCKERFILE, "services/api/go.mod": GO_MOD });
    const { lint } = (await target(ws, ["services/api/Dockerfile"], "services/api"));
    expect(lint.inputs).toEqual(
      expect.arrayContaining([
        "{projectRoot}/Dockerfile",
        "{projectRoot}/Dockerfile.dockerignore",
        "{projectRoot}/.dockerignore",
        "{projectRoot}/go.mod",
        "{projectRoot}/go.sum",
        expect.stringMatching(/^\{workspaceRoot\}\/\{docker-lint\.config\.json,.*eslint\.config\.mjs/),
        expect.stringMatching(/^\{workspaceRoot\}\/services\/api\/\{docker-lint\.config\.json/),
      ]),
    );
  });

  it("points at a go.mod and go.work above the project through the workspace root", async () => {
    const ws = workspace({ "go.mod": GO_MOD, "go.work": "go 1.26\n", "cmd/api/project.json": "{}", "cmd/api/Dockerfile": DOCKERFILE });
    const { lint } = (await target(ws, ["cmd/api/Dockerfile"], "cmd/api"));
    expect(lint.inputs).toEqual(expect.arrayContaining(["{workspaceRoot}/go.mod", "{workspaceRoot}/go.sum", "{workspaceRoot}/go.work", "{workspaceRoot}/go.work.sum"]));
  });

  it("holds no absolute paths", async () => {
    const ws = workspace({ "services/api/Dockerfile": DOCKERFILE, "services/api/go.mod": GO_MOD });
    const { lint } = (await target(ws, ["services/api/Dockerfile"], "services/api"));
    expect(JSON.stringify(lint)).not.toContain(ws);
    expect(JSON.stringify(lint)).not.toMatch(/"\/(tmp|work|home|root)\//);
  });

  it("adds the build context while the Go build or image steps may run, and drops it when both are off", async () => {
    const copyAll = "FROM scratch\nCOPY . /app\n";
    const ws = workspace({
      "a/Dockerfile": copyAll, "a/go.mod": GO_MOD,
      "b/Dockerfile": copyAll, "b/go.mod": GO_MOD, "b/project.json": JSON.stringify({ targets: { "docker-lint": { options: { goBuild: false, image: false } } } }),
    });
    const files = ["a/Dockerfile", "b/Dockerfile"];
    expect((await target(ws, files, "a")).lint.inputs).toContain("{projectRoot}/**/*");
    // The host toolchain builds step 2's binary.
    expect((await target(ws, files, "a")).lint.inputs).toContainEqual({ runtime: "go version" });
    expect((await target(ws, files, "a", { goBuild: false })).lint.inputs).not.toContainEqual({ runtime: "go version" });
    expect((await target(ws, files, "b")).lint.inputs).not.toContain("{projectRoot}/**/*");
    expect((await target(ws, files, "b")).lint.inputs).not.toContainEqual({ runtime: "go version" });
    // Whether an engine answers decides whether step 3 runs, so it is hashed while step 3 may run.
    const probe = { runtime: expect.stringMatching(/^docker version --format '\{\{\.Server\.Version\}\}' 2>\/dev\/null \|\| echo no-engine/) };
    expect((await target(ws, files, "a")).lint.inputs).toContainEqual(probe);
    expect((await target(ws, files, "a", { image: false })).lint.inputs).not.toContainEqual(probe);
    expect((await target(ws, files, "b")).lint.inputs).not.toContainEqual(probe);
    const off = { targetDefaults: { "docker-lint": { options: { goBuild: false, image: "false" } } } };
    expect((await target(ws, files, "a", {}, off)).lint.inputs).not.toContain("{projectRoot}/**/*");
    // Array-form targetDefaults apply too.
    const arrayForm = { targetDefaults: { "docker-lint": [{ options: { goBuild: false, image: false } }] } };
    expect((await target(ws, files, "a", {}, arrayForm as never)).lint.inputs).not.toContain("{projectRoot}/**/*");
    expect((await target(ws, files, "a", { goBuild: false, image: false })).lint.inputs).not.toContain("{projectRoot}/**/*");
    // A build context outside the project is named from the workspace root.
    const ctx = { targetDefaults: { "docker-lint": { options: { buildContext: ".." } } } };
    expect((await target(ws, files, "a", {}, ctx)).lint.inputs).toContain("{workspaceRoot}/**/*");
  });

  it("hashes the engine and the ids of the base images the Dockerfile pulls", async () => {
    const ws = workspace({ "a/Dockerfile": "ARG GO=1.26.8\nFROM golang:${GO} AS build\nFROM build AS test\nFROM scratch\nCOPY --from=build /x /x\n", "a/go.mod": GO_MOD });
    const runtime = (await target(ws, ["a/Dockerfile"], "a")).lint.inputs!.map((i) => (typeof i === "object" && "runtime" in i ? i.runtime : "")).find((r) => r.startsWith("docker version"));
    expect(runtime).toContain("docker image inspect --format 'golang:1.26.8 {{.Id}}' 'golang:1.26.8' 2>/dev/null || echo 'golang:1.26.8 missing'");
    expect(runtime).not.toContain("scratch");
    expect(runtime).not.toContain("'build");
  });

  it("includes a never-cached fix target, renamable or off", async () => {
    const ws = workspace({ "a/Dockerfile": DOCKERFILE, "a/go.mod": GO_MOD });
    const fix = (await infer(ws, ["a/Dockerfile"]))[0]!.project.targets!["docker-lint-fix"]!;
    expect(fix).toMatchObject({ cache: false, options: { fix: true, goBuild: false, image: false, dockerfiles: ["Dockerfile"] } });
    const renamed = (await infer(ws, ["a/Dockerfile"], { targetName: "dlint", fixTargetName: false }))[0]!.project.targets!;
    expect(Object.keys(renamed)).toEqual(["dlint"]);
  });

  it("createNodes returns one result per project, keyed by its first Dockerfile", async () => {
    const ws = workspace({ "a/Dockerfile": DOCKERFILE, "a/x.Dockerfile": DOCKERFILE, "a/go.mod": GO_MOD, "b/Containerfile": DOCKERFILE });
    const results = await createNodes[1](["a/x.Dockerfile", "a/Dockerfile", "b/Containerfile"], {}, { workspaceRoot: ws, nxJsonConfiguration: {} } as never);
    expect(results.map(([file]) => file).sort()).toEqual(["a/Dockerfile", "b/Containerfile"]);
    const [, result] = results.find(([f]) => f === "a/Dockerfile")!;
    expect(Object.keys(result.projects!)).toEqual(["a"]);
  });
});

describe("inputs for the plugin's own code", () => {
  it("inside the workspace: its files by workspace path", async () => {
    const ws = workspace({ "packages/nx-plugin/package.json": "{}", "packages/nx-plugin/executors.json": "{}", "packages/core/package.json": "{}" });
    const inputs = selfInputs(ws, [
      { name: "@docker-lint/nx-plugin", dir: path.join(ws, "packages/nx-plugin") },
      { name: "@docker-lint/core", dir: path.join(ws, "packages/core") },
    ]);
    expect(inputs).toEqual([
      "{workspaceRoot}/packages/nx-plugin/{package.json,executors.json,generators.json,src/**/*,dist/**/*}",
      "{workspaceRoot}/packages/core/{package.json,src/**/*,dist/**/*}",
    ]);
  });

  it("installed from the registry: externalDependencies (their locked versions)", async () => {
    const lock = { packages: { "node_modules/@docker-lint/nx-plugin": { version: "0.1.0", resolved: "https://registry.npmjs.org/x.tgz" }, "node_modules/@docker-lint/core": { version: "0.1.0" } } };
    const ws = workspace({ "package-lock.json": JSON.stringify(lock, null, 2), "node_modules/@docker-lint/nx-plugin/package.json": "{}", "node_modules/@docker-lint/core/package.json": "{}" });
    const inputs = selfInputs(ws, [
      { name: "@docker-lint/nx-plugin", dir: path.join(ws, "node_modules/@docker-lint/nx-plugin") },
      { name: "@docker-lint/core", dir: path.join(ws, "node_modules/@docker-lint/core") },
    ]);
    expect(inputs).toEqual([{ externalDependencies: ["@docker-lint/nx-plugin", "@docker-lint/core"] }]);
  });

  it("linked from outside the workspace: a runtime fingerprint of the built files", async () => {
    const outside = workspace({ "pkg/package.json": "{}" });
    const ws = workspace({});
    mkdirSync(path.join(ws, "node_modules/@docker-lint"), { recursive: true });
    symlinkSync(path.join(outside, "pkg"), path.join(ws, "node_modules/@docker-lint/nx-plugin"));
    const inputs = selfInputs(ws, [{ name: "@docker-lint/nx-plugin", dir: path.join(ws, "node_modules/@docker-lint/nx-plugin") }]);
    expect(inputs).toEqual([{ runtime: FINGERPRINT_COMMAND }]);
  });

  it("reads npm, yarn and pnpm lock files, and treats linked entries as not installed", async () => {
    const ws = workspace({});
    writeFileSync(path.join(ws, "package-lock.json"), JSON.stringify({ packages: { "node_modules/@docker-lint/core": { resolved: "../core", link: true } } }, null, 2));
    expect(installedFromLockFile(ws, "@docker-lint/core")).toBe(false);
    const yarn = workspace({ "yarn.lock": '"@docker-lint/core@^0.1.0":\n  version "0.1.0"\n' });
    expect(installedFromLockFile(yarn, "@docker-lint/core")).toBe(true);
    const pnpm = workspace({ "pnpm-lock.yaml": "packages:\n  '@docker-lint/core@0.1.0':\n    resolution: {}\n" });
    expect(installedFromLockFile(pnpm, "@docker-lint/core")).toBe(true);
    expect(installedFromLockFile(pnpm, "@docker-lint/nx-plugin")).toBe(false);
  });

  it("this repository's own plugin hashes its sources by workspace path", async () => {
    const repo = path.resolve(__dirname, "../../..");
    const inputs = selfInputs(repo);
    expect(inputs).toContain("{workspaceRoot}/packages/nx-plugin/{package.json,executors.json,generators.json,src/**/*,dist/**/*}");
    expect(inputs).toContain("{workspaceRoot}/packages/core/{package.json,src/**/*,dist/**/*}");
  });
});
