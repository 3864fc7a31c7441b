import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { readJson, readNxJson, updateNxJson, type Tree } from "@nx/devkit";
import { createTreeWithEmptyWorkspace } from "@nx/devkit/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DockerLinter } from "@docker-lint/core";
import goServiceGenerator, { dockerfile, installedGoVersion } from "../src/generators/go-service/generator";
import initGenerator from "../src/generators/init/generator";
import { inferProjects } from "../src/plugin/nodes";
import { hostGo, tempTree } from "./helpers";

let tree: Tree;
beforeEach(() => {
  tree = createTreeWithEmptyWorkspace();
});

const pluginEntries = (t: Tree) => (readNxJson(t)?.plugins ?? []).filter((p) => (typeof p === "string" ? p : p.plugin) === "@docker-lint/nx-plugin");

describe("init", () => {
  it("registers the plugin once", async () => {
    await initGenerator(tree, { skipFormat: true });
    await initGenerator(tree, { skipFormat: true });
    expect(pluginEntries(tree)).toEqual([{ plugin: "@docker-lint/nx-plugin", options: { targetName: "docker-lint" } }]);
  });

  it("adds the package as a dev dependency unless told not to", async () => {
    await initGenerator(tree, { skipFormat: true });
    expect(readJson(tree, "package.json").devDependencies["@docker-lint/nx-plugin"]).toMatch(/^\^\d+\.\d+\.\d+/);
    const other = createTreeWithEmptyWorkspace();
    await initGenerator(other, { skipFormat: true, skipPackageJson: true });
    expect(readJson(other, "package.json").devDependencies?.["@docker-lint/nx-plugin"]).toBeUndefined();
  });

  it("makes @nx/docker's docker:build wait for the lint, when @nx/docker is registered", async () => {
    const nx = readNxJson(tree)!;
    nx.plugins = ["@nx/docker"];
    updateNxJson(tree, nx);
    await initGenerator(tree, { skipFormat: true, targetName: "dlint" });
    expect(readNxJson(tree)!.targetDefaults!["docker:build"]).toEqual({ dependsOn: ["build", "^build", "dlint"] });
    const plain = createTreeWithEmptyWorkspace();
    await initGenerator(plain, { skipFormat: true });
    expect(readNxJson(plain)!.targetDefaults?.["docker:build"]).toBeUndefined();
  });
});

describe("go-service", () => {
  let cleanups: Array<() => void> = [];
  afterEach(() => {
    for (const c of cleanups) c();
    cleanups = [];
  });

  it("scaffolds go.mod, a main package, .dockerignore, a Dockerfile and project options, and registers the plugin", async () => {
    await goServiceGenerator(tree, { name: "orders", goVersion: "1.26.8", skipFormat: true });
    const dir = "services/orders";
    expect(tree.read(`${dir}/go.mod`, "utf8")).toBe("module example.com/orders\n\ngo 1.26.8\n");
    expect(tree.read(`${dir}/main.go`, "utf8")).toMatch(/^package main$/m);
    expect(tree.read(`${dir}/main.go`, "utf8")).toContain('flag.Bool("version"');
    expect(tree.read(`${dir}/.dockerignore`, "utf8")).toContain("!**/*.go");
    expect(tree.read(`${dir}/Dockerfile`, "utf8")).toBe(dockerfile("orders", "1.26.8", 8080));
    expect(readJson(tree, `${dir}/project.json`)).toMatchObject({ name: "orders", targets: { "docker-lint": { options: { smokeArgs: ["-version"], maxImageSize: "20MB" } } } });
    expect(pluginEntries(tree)).toHaveLength(1);
    // Whoever runs the generator has the plugin installed: no package.json change, no install.
    expect(readJson(tree, "package.json").devDependencies?.["@docker-lint/nx-plugin"]).toBeUndefined();
  });

  it("honours directory, module and port, and refuses to overwrite", async () => {
    await goServiceGenerator(tree, { name: "geo", directory: "apps/go/geo", module: "acme.dev/geo", port: 9090, goVersion: "1.26.8", skipFormat: true });
    expect(tree.read("apps/go/geo/go.mod", "utf8")).toContain("module acme.dev/geo");
    expect(tree.read("apps/go/geo/Dockerfile", "utf8")).toContain("EXPOSE 9090");
    expect(readJson(tree, "apps/go/geo/project.json").$schema).toBe("../../../node_modules/nx/schemas/project-schema.json");
    await expect(goServiceGenerator(tree, { name: "geo", directory: "apps/go/geo", goVersion: "1.26.8" })).rejects.toThrow(/already holds/);
    await expect(goServiceGenerator(tree, { name: "Bad_Name", goVersion: "1.26.8" })).rejects.toThrow(/lower-case/);
    await expect(goServiceGenerator(tree, { name: "x", goVersion: "1.26" })).rejects.toThrow(/X\.Y\.Z/);
  });

  it.skipIf(!hostGo)("defaults the Go version to the installed go's", () => {
    expect(installedGoVersion()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it("writes a Dockerfile with zero findings under the recommended and strict presets", async () => {
    await goServiceGenerator(tree, { name: "orders", goVersion: "1.26.8", skipFormat: true });
    // On disk, so the rules that read go.mod and the context see the generated files.
    const t = tempTree({});
    cleanups.push(t.cleanup);
    for (const f of ["go.mod", "main.go", ".dockerignore", "Dockerfile", "project.json"]) {
      const p = path.join(t.dir, "services/orders", f);
      mkdirSync(path.dirname(p), { recursive: true });
      writeFileSync(p, tree.read(`services/orders/${f}`)!);
    }
    const file = path.join(t.dir, "services/orders/Dockerfile");
    const text = tree.read("services/orders/Dockerfile", "utf8")!;
    for (const preset of ["recommended", "strict"] as const) {
      const r = new DockerLinter({ extends: preset }, { cwd: t.dir }).lintText(text, { filePath: file });
      expect(r.messages, `${preset}: ${JSON.stringify(r.messages)}`).toEqual([]);
    }
    // Control: the same presets do find problems in a worse variant, so zero above means something.
    const worse = text.replace(/FROM gcr\.io\/distroless\/static-debian12:nonroot\n/, "FROM golang:1.26.8\n").replace("USER 65532:65532\n", "");
    const found = new DockerLinter({ extends: "recommended" }, { cwd: t.dir }).lintText(worse, { filePath: file });
    expect(found.messages.map((m) => m.ruleId)).toEqual(expect.arrayContaining(["@docker-lint/require-minimal-runtime-base", "@docker-lint/require-non-root-user"]));
  });

  it("the generated service is inferred as a docker-lint project", async () => {
    await goServiceGenerator(tree, { name: "orders", goVersion: "1.26.8", skipFormat: true });
    const t = tempTree({ "services/orders/go.mod": tree.read("services/orders/go.mod", "utf8")!, "services/orders/project.json": tree.read("services/orders/project.json", "utf8")! });
    cleanups.push(t.cleanup);
    const [node] = await inferProjects(["services/orders/Dockerfile"], {}, { workspaceRoot: t.dir, nxJsonConfiguration: {} });
    expect(node!.project).toMatchObject({ root: "services/orders", name: "orders" });
  });
});
