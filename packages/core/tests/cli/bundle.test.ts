/**
 * The package entry (dist/entry.cjs; the bin uses its loader too) loads dist/docker-lint.bundle.cjs
 * with V8's code cache when the build made them: the bundle must behave exactly as dist/index.js
 * does, export the same names to import and require() alike, and not be used once it is older
 * than dist/.
 */
import { spawnSync } from "node:child_process";
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import vm from "node:vm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCore, cleanTemp, REPO, run, SHELL_CMD, tempTree, UNTAGGED, CLEAN } from "./helpers.js";

const DIST = path.join(REPO, "packages/core/dist");
// The built loader (CommonJS), as the bin and the package entry use it.
const { wrapBundle } = createRequire(import.meta.url)(path.join(DIST, "runtime/load-bundle.cjs")) as typeof import("../../src/runtime/load-bundle.cjs");
const BUNDLE = path.join(DIST, "docker-lint.bundle.cjs");
const CACHE = path.join(DIST, "docker-lint.bundle.cache");

const made: string[] = [];
beforeAll(() => {
  buildCore();
  mkdirSync(path.join(REPO, "tmp"), { recursive: true });
});
afterAll(() => {
  cleanTemp();
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** True when the bin ran from the bundle: only that path writes a code cache on request. */
function ranBundled(args: string[], cwd: string, env: Record<string, string | undefined> = {}): boolean {
  const probe = path.join(os.tmpdir(), `docker-lint-cache-probe-${process.pid}-${Math.random().toString(36).slice(2)}`);
  try {
    run(args, { cwd, env: { ...env, DOCKER_LINT_WRITE_CODE_CACHE: probe } });
    return existsSync(probe);
  } finally {
    rmSync(probe, { force: true });
  }
}

describe("the CLI bundle", () => {
  it("is built with a code cache this Node accepts", () => {
    expect(existsSync(BUNDLE)).toBe(true);
    const source = readFileSync(BUNDLE, "utf8");
    const script = new vm.Script(wrapBundle(source), { filename: BUNDLE, cachedData: readFileSync(CACHE) });
    expect(script.cachedDataRejected).toBe(false);
  });

  it("exports what dist/index.js exports, through the package entry", async () => {
    const index = await import(path.join(DIST, "index.js"));
    const entry = await import(path.join(DIST, "entry.cjs"));
    // A CommonJS module's namespace adds `default` (and `module.exports`): the value require() gives.
    const named = Object.keys(entry).filter((k) => k !== "default" && k !== "module.exports");
    expect(named.sort()).toEqual(Object.keys(index).sort());
    expect(Object.keys(entry.default).sort()).toEqual(Object.keys(index).sort());
    // The entry serves the bundle, not a second copy of dist/index.js.
    expect(entry.rules).not.toBe(index.rules);
    expect(Object.keys(entry.rules)).toEqual(Object.keys(index.rules));
  });

  it("can be require()d from CommonJS, the ESLint plugin too, as one instance that lints", () => {
    const cwd = tempTree({ "app/Dockerfile": UNTAGGED });
    writeFileSync(
      path.join(cwd, "lint.cjs"),
      `const core = require(${JSON.stringify(path.join(REPO, "packages/core"))});
       const plugin = require(${JSON.stringify(path.join(REPO, "packages/eslint-plugin"))}).default;
       const { result } = new core.DockerLinter().lintFile(require("node:path").resolve("app/Dockerfile"));
       process.stdout.write(JSON.stringify({ same: plugin.rules === core.rules, rules: result.messages.map((m) => m.ruleId) }));`,
    );
    const r = spawnSync(process.execPath, ["lint.cjs"], { cwd, encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout)).toEqual({ same: true, rules: expect.arrayContaining(["@docker-lint/require-image-tag"]) });
  });

  it("gives the same report as dist/index.js, for every format", () => {
    const cwd = tempTree({ "a/Dockerfile": UNTAGGED, "b/Dockerfile": SHELL_CMD, "c/Dockerfile": CLEAN, "d/Dockerfile": "FROM golang\nRUN go build -o /app .\nCMD /app\n" });
    expect(ranBundled(["-f", "json"], cwd)).toBe(true);
    for (const format of ["json", "stylish", "sarif", "github"]) {
      const bundled = run(["-f", format], { cwd });
      const plain = run(["-f", format], { cwd, env: { DOCKER_LINT_BUNDLE: "0" } });
      expect(bundled.code).toBe(1);
      expect(bundled).toEqual(plain);
    }
  });

  it("loads .mjs config files (Node 20 gives a cached vm script no import() of its own)", () => {
    const cwd = tempTree({
      Dockerfile: UNTAGGED,
      "docker-lint.config.mjs": 'export default { rules: { "require-image-tag": "off" } };\n',
    });
    expect(ranBundled([], cwd)).toBe(true);
    expect(run(["-f", "json"], { cwd })).toMatchObject({ code: 0, stderr: "" });
    expect(run(["-f", "json"], { cwd, env: { DOCKER_LINT_BUNDLE: "0" } })).toMatchObject({ code: 0, stderr: "" });
  });

  it("exits only once a report larger than a pipe's buffer is written whole", () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 150; i++) files[`s${i}/Dockerfile`] = "FROM golang\nRUN go build -o /app .\nCMD /app\n";
    const cwd = tempTree(files);
    const r = run(["-f", "json"], { cwd });
    expect(r.code).toBe(1);
    expect(r.stdout.length).toBeGreaterThan(256 * 1024);
    expect((JSON.parse(r.stdout) as unknown[]).length).toBe(150);
  });

  it("is not used once tsc has rebuilt dist/ after it", () => {
    // On a copy of the package, so other test files' builds and runs are not disturbed.
    const copy = mkdtempSync(path.join(REPO, "tmp", "bundle-"));
    made.push(copy);
    for (const part of ["bin", "dist", "package.json"]) cpSync(path.join(REPO, "packages/core", part), path.join(copy, part), { recursive: true });
    const bin = path.join(copy, "bin/docker-lint.js");
    const cwd = tempTree({ Dockerfile: CLEAN });
    const bundled = () => {
      const probe = path.join(copy, "probe.cache");
      rmSync(probe, { force: true });
      const r = spawnSync(process.execPath, [bin], { cwd, env: { ...process.env, DOCKER_LINT_WRITE_CODE_CACHE: probe }, encoding: "utf8" });
      expect(r.status).toBe(0);
      return existsSync(probe);
    };
    // A copy has new file times: the bundle is still current (its stamp is of contents).
    const later = new Date(statSync(path.join(copy, "dist/docker-lint.bundle.cjs")).mtimeMs + 5000);
    utimesSync(path.join(copy, "dist/.tsbuildinfo"), later, later);
    expect(bundled()).toBe(true);
    // tsc rewrites .tsbuildinfo when it emits: the bundle no longer matches dist/.
    appendFileSync(path.join(copy, "dist/.tsbuildinfo"), " ");
    expect(bundled()).toBe(false);
    // No .tsbuildinfo at all (a published package): nothing can be ahead of the bundle.
    rmSync(path.join(copy, "dist/.tsbuildinfo"));
    expect(bundled()).toBe(true);
    // A damaged bundle: dist/index.js takes over, and the report is the same.
    const bundleFile = path.join(copy, "dist/docker-lint.bundle.cjs");
    writeFileSync(bundleFile, readFileSync(bundleFile, "utf8").slice(0, 5000));
    expect(bundled()).toBe(false);
  });
});
