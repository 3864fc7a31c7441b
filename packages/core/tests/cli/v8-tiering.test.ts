/**
 * The CLI's process runs with TurboFan off (src/runtime/v8-tiering.ts) and reads a code cache made under
 * that flag; the user's own V8 flags and libraries' hosts are left alone. Each case runs in a child process, since V8 flags are per process.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCore, cleanTemp, CLEAN, REPO, tempTree } from "./helpers.js";

const LOADER = path.join(REPO, "packages/core/dist/runtime/load-bundle.cjs");

beforeAll(() => buildCore());
afterAll(() => cleanTemp());

/**
 * Loads the bundle in a fresh Node (as the bin does with `cli`), optionally runs the CLI's main()
 * on `args`, and reports the cache V8 was handed and whether TurboFan is still deferred.
 */
function probe(opts: { cli: boolean; args?: string[]; env?: Record<string, string>; nodeFlags?: string[]; cwd?: string }) {
  const script = `
    const loader = require(${JSON.stringify(LOADER)});
    const lib = loader.loadBundle({ cli: ${opts.cli} });
    const report = () => process.stdout.write(JSON.stringify({ cache: loader.codeCacheUse(), deferred: loader.optimisingCompilerDeferred() }));
    const args = ${JSON.stringify(opts.args ?? null)};
    if (args) lib.main(args).then(report); else report();`;
  const env: NodeJS.ProcessEnv = { ...process.env, DOCKER_LINT_DEFER_OPT: undefined, NODE_OPTIONS: undefined, ...opts.env };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  const r = spawnSync(process.execPath, [...(opts.nodeFlags ?? []), "-e", script], { cwd: opts.cwd ?? REPO, env, encoding: "utf8" });
  expect(r.stderr).toBe("");
  return JSON.parse(r.stdout) as { cache: { file: string; rejected: boolean } | null; deferred: boolean };
}

describe("V8 tiering for the CLI", () => {
  it("defers TurboFan in the CLI's process, with a code cache V8 accepts under that flag", () => {
    expect(probe({ cli: true })).toEqual({ cache: { file: "docker-lint.bundle.cli.cache", rejected: false }, deferred: true });
  });

  it("leaves a library's host alone (ESLint, Nx, the API), with the other cache", () => {
    expect(probe({ cli: false })).toEqual({ cache: { file: "docker-lint.bundle.cache", rejected: false }, deferred: false });
  });

  it("keeps the user's own tiering flags and DOCKER_LINT_DEFER_OPT=0", () => {
    expect(probe({ cli: true, nodeFlags: ["--max-opt=2"] })).toMatchObject({ deferred: false, cache: { file: "docker-lint.bundle.cache" } });
    expect(probe({ cli: true, nodeFlags: ["--no-turbofan"] })).toMatchObject({ deferred: false, cache: { file: "docker-lint.bundle.cache" } });
    expect(probe({ cli: true, env: { DOCKER_LINT_DEFER_OPT: "0" } })).toEqual({ cache: { file: "docker-lint.bundle.cache", rejected: false }, deferred: false });
  });

  it("keeps TurboFan off for a whole run, long ones (which share files with a worker) included", () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 650; i++) files[`s${i}/Dockerfile`] = CLEAN;
    const many = tempTree(files);
    expect(probe({ cli: true, args: ["--format", "json", "--output-file", "out.json", many], cwd: many })).toMatchObject({ deferred: true });
    const report = JSON.parse(readFileSync(path.join(many, "out.json"), "utf8")) as Array<{ filePath: string; errorCount: number }>;
    expect(report).toHaveLength(650);
    expect(report.every((r) => r.errorCount === 0)).toBe(true);
  });
});
