import { existsSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCore, cleanTemp, lintedPaths, run, tempTree, CLEAN } from "./helpers.js";

const CONFIG = JSON.stringify({ extends: "none", rules: { "require-image-tag": "error" } });
const lintJson = (root: string, args: string[] = [], cwd = root) => {
  const r = run(["-f", "json", ...args], { cwd });
  expect(r.stderr).toBe("");
  return lintedPaths(r.stdout, root);
};

beforeAll(buildCore);
afterAll(cleanTemp);

describe("which names are Dockerfiles", () => {
  it("finds Dockerfile, Dockerfile.*, Dockerfile-*, *.Dockerfile, *.dockerfile and Containerfile, nothing else", () => {
    const matched = ["Dockerfile", "Dockerfile.prod", "Dockerfile.fips.arm64", "Dockerfile-windows", "Dockerfile-windows-base", "api.Dockerfile", "python3.11.dockerfile", "Containerfile", "deep/er/Dockerfile"];
    const unmatched = [
      "Dockerfile.dockerignore",
      "Dockerfile.dev.dockerignore",
      "api.Dockerfile.dockerignore",
      "dockerfile",
      "Dockerfile-windows.dockerignore",
      "Dockerfile_windows",
      "MyDockerfile",
      ".Dockerfile",
      "Containerfile.bak",
      "README.md",
      "Dockerfile.d/conf",
    ];
    const root = tempTree(Object.fromEntries([...matched, ...unmatched].map((f) => [`svc/${f}`, CLEAN])));
    expect(lintJson(root)).toEqual(matched.map((f) => `svc/${f}`).sort());
  });
});

describe("what is skipped", () => {
  it("honours .gitignore at the root, in sub-folders (with negation) and above a folder argument", () => {
    const root = tempTree({
      ".git/HEAD": "ref: refs/heads/main\n",
      ".gitignore": "build/\n*.generated.Dockerfile\n",
      "build/Dockerfile": CLEAN,
      "svc/x.generated.Dockerfile": CLEAN,
      "svc/Dockerfile": CLEAN,
      "svc/.gitignore": "tmp/\n",
      "svc/tmp/Dockerfile": CLEAN,
      "svc/keep/.gitignore": "!*.generated.Dockerfile\n",
      "svc/keep/y.generated.Dockerfile": CLEAN,
      "other/tmp/Dockerfile": CLEAN,
    });
    const expected = ["other/tmp/Dockerfile", "svc/Dockerfile", "svc/keep/y.generated.Dockerfile"];
    expect(lintJson(root)).toEqual(expected);
    // Run from a sub-folder, and with the sub-folder as argument: the root .gitignore still applies.
    expect(lintJson(root, [], path.join(root, "svc"))).toEqual(["svc/Dockerfile", "svc/keep/y.generated.Dockerfile"]);
    expect(lintJson(root, ["svc"])).toEqual(["svc/Dockerfile", "svc/keep/y.generated.Dockerfile"]);
  });

  it("skips node_modules and .devcontainer unless a file is named", () => {
    const root = tempTree({
      "docker-lint.config.json": CONFIG,
      "node_modules/pkg/Dockerfile": CLEAN,
      "web/node_modules/pkg/Dockerfile": CLEAN,
      ".devcontainer/Dockerfile": CLEAN,
      "svc/.devcontainer/Dockerfile": CLEAN,
      "svc/Dockerfile": CLEAN,
    });
    expect(lintJson(root)).toEqual(["svc/Dockerfile"]);
    expect(lintJson(root, [".devcontainer/Dockerfile", "node_modules/pkg/Dockerfile"])).toEqual([".devcontainer/Dockerfile", "node_modules/pkg/Dockerfile"]);
  });

  it("does not lint a folder named Dockerfile, and searches it when named", () => {
    const root = tempTree({ "docker-lint.config.json": CONFIG, "svc/Dockerfile/Dockerfile.prod": CLEAN, "svc/Containerfile": CLEAN });
    mkdirSync(path.join(root, "empty/Dockerfile"), { recursive: true });
    expect(lintJson(root)).toEqual(["svc/Containerfile", "svc/Dockerfile/Dockerfile.prod"]);
    expect(lintJson(root, ["svc/Dockerfile"])).toEqual(["svc/Dockerfile/Dockerfile.prod"]);
    const empty = run(["-f", "json", "empty/Dockerfile"], { cwd: root });
    // Named on its own and empty, it was meant as a file: say it is a folder.
    expect(empty).toEqual({ code: 2, stdout: "", stderr: "docker-lint: empty/Dockerfile is a folder, not a Dockerfile, and holds no Dockerfiles\n" });
  });
});

describe("arguments", () => {
  const tree = () =>
    tempTree({
      "docker-lint.config.json": CONFIG,
      "services/a/Dockerfile": CLEAN,
      "services/a/Dockerfile_windows": CLEAN,
      "services/b/build.Dockerfile": CLEAN,
      "services/b/notes.txt": "hello",
      "tools/Dockerfile": CLEAN,
      "tools/custom.df": CLEAN,
    });

  it("searches folder arguments the same way and lints explicit files whatever their name", () => {
    const root = tree();
    expect(lintJson(root, ["services"])).toEqual(["services/a/Dockerfile", "services/b/build.Dockerfile"]);
    expect(lintJson(root, ["tools/custom.df", "services/a/Dockerfile_windows"])).toEqual(["services/a/Dockerfile_windows", "tools/custom.df"]);
  });

  it("expands globs: wildcard-only names pick Dockerfiles, spelled names match as written", () => {
    const root = tree();
    expect(lintJson(root, ["services/**"])).toEqual(["services/a/Dockerfile", "services/b/build.Dockerfile"]);
    expect(lintJson(root, ["services/*/Dockerfile*"])).toEqual(["services/a/Dockerfile", "services/a/Dockerfile_windows"]);
    expect(lintJson(root, ["**/*.df"])).toEqual(["tools/custom.df"]);
  });

  it("lints each file once, even when named twice", () => {
    const root = tree();
    expect(lintJson(root, ["tools", "tools/Dockerfile", "./tools/Dockerfile", "tools/*"])).toEqual(["tools/Dockerfile"]);
  });

  it("exits 0 with a note when a folder holds no Dockerfiles", () => {
    const root = tempTree({ "docker-lint.config.json": CONFIG, "src/main.go": "package main\n" });
    const r = run([], { cwd: root });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^docker-lint: no Dockerfiles found/);
  });
});

const CORPUS = "/work/shared/corpus";
describe("the real-world corpus", () => {
  it.skipIf(!existsSync(path.join(CORPUS, "index.json")))("finds every Dockerfile the index lists (minus devcontainers) and lints each without crashing", () => {
    const index = JSON.parse(readFileSync(path.join(CORPUS, "index.json"), "utf8")) as Array<{ path: string }>;
    const isDockerfileName = (n: string) =>
      !n.endsWith(".dockerignore") && (n === "Dockerfile" || n === "Containerfile" || /^Dockerfile[.-]/.test(n) || /.\.[Dd]ockerfile$/.test(n));
    const expected = index.map((e) => e.path).filter((p) => isDockerfileName(path.basename(p)) && !p.split("/").includes(".devcontainer"));
    const r = run(["-f", "json", "--no-progress"], { cwd: CORPUS });
    expect(r.code).toBe(1); // real files have real problems; 2 would mean a crash or a config error
    expect(r.stderr).toBe("");
    const results = JSON.parse(r.stdout) as Array<{ filePath: string; fatalErrorCount: number; messages: Array<{ message: string }> }>;
    expect(results.map((x) => path.relative(CORPUS, x.filePath)).sort()).toEqual(expected.sort());
    // Parser fixtures may be fatal (not a Dockerfile); real files never are.
    const fatalReal = results.filter((x) => x.fatalErrorCount > 0 && !x.filePath.includes("testdata"));
    expect(fatalReal.map((x) => [x.filePath, x.messages[0]?.message])).toEqual([]);
  });
});
