/**
 * The three packages, installed by name as users install them: this test publishes them (packed
 * from this build) to a local registry on 127.0.0.1, then makes new workspaces whose .npmrc points
 * only the @docker-lint scope at it, `npm install`s them by name, and checks that one ESLint is in
 * the tree and that `npx eslint .`, `npx docker-lint`, `nx run-many` and the README's lint-staged
 * set-ups find the problem in a bad Dockerfile and pass a good one.
 * Everything else comes from the npm registry the client is configured with (through npm's cache).
 * Skips, saying why, when that registry or verdaccio (installed once into the test cache) is missing.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localRegistryTools, npmEnv, publishPackages, startRegistry, type LocalRegistry } from "./local-registry.js";
import { BAD_DOCKERFILE, BAD_RULE, GOOD_DOCKERFILE, gitInit, commit, repoRoot, run, type RunResult } from "./test-tools.js";

interface Manifest {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}
const manifest = (pkg: string) => JSON.parse(readFileSync(path.join(repoRoot, "packages", pkg, "package.json"), "utf8")) as Manifest;
const core = manifest("core");
const eslintPlugin = manifest("eslint-plugin");
const nxPlugin = manifest("nx-plugin");

/** The lowest version a range admits, as npm reads `>=21.0.0 <25`, `^21.1.0` or `21 - 24`. */
function oldestIn(range: string): string {
  const first = /(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(range);
  if (!first) throw new Error(`cannot read a version out of '${range}'`);
  return `${first[1]}.${first[2] ?? 0}.${first[3] ?? 0}`;
}

/**
 * The Nx versions to install the Nx plugin with: the oldest and (the range itself: npm picks the
 * newest) the newest its package.json supports. Add versions here to test more of the range.
 */
const NX_RANGE = nxPlugin.peerDependencies!.nx!;
const NX_VERSIONS: Array<{ label: string; spec: string }> = [
  { label: "oldest", spec: oldestIn(NX_RANGE) },
  { label: "newest", spec: NX_RANGE },
];

const tools = await localRegistryTools();
const skipReason = "skip" in tools ? tools.skip : null;
if (skipReason) it.skip(`install by name from a local registry: ${skipReason}`, () => {});

/** The README's ESLint config, as users paste it. */
function readmeEslintConfig(): string {
  const readme = readFileSync(path.join(repoRoot, "packages/eslint-plugin/README.md"), "utf8");
  return /```js\n(\/\/ eslint\.config\.mjs\n[\s\S]*?)```/.exec(readme)![1]!;
}
/** The README's typescript-eslint config. */
function readmeTypescriptEslintConfig(): string {
  const readme = readFileSync(path.join(repoRoot, "packages/eslint-plugin/README.md"), "utf8");
  return /<!-- eslint config: typescript-eslint -->\s*```js\n([\s\S]*?)```/.exec(readme)![1]!;
}
function readmeLintStaged(kind: "docker-lint" | "eslint"): string {
  const readme = readFileSync(path.join(repoRoot, "packages/eslint-plugin/README.md"), "utf8");
  return new RegExp(`<!-- lintstagedrc: ${kind} -->\\s*\`\`\`json\\n([\\s\\S]*?)\`\`\``).exec(readme)![1]!;
}

/** lint-staged's newest line that still runs on Node 20 (17 wants Node 22). */
const LINT_STAGED = "^16.4.0";

interface Space {
  dir: string;
  install: RunResult;
}

const dockerfiles = { "services/bad/Dockerfile": BAD_DOCKERFILE, "services/good/Dockerfile": GOOD_DOCKERFILE, "services/good/go.mod": "module example.com/good\n\ngo 1.26\n" };

describe.runIf(!skipReason)("installed by name from a local registry", () => {
  let tmp: string;
  let registry: LocalRegistry | undefined;
  const spaces = new Map<string, Space>();

  function newSpace(name: string, devDependencies: Record<string, string>, files: Record<string, string>): { name: string; dir: string } {
    const dir = path.join(tmp, name);
    const all: Record<string, string> = {
      "package.json": JSON.stringify({ name: `install-test-${name}`, private: true, devDependencies }, null, 2),
      // Only our scope comes from the local registry; everything else as the client is configured.
      ".npmrc": `@docker-lint:registry=${registry!.url}\n`,
      ...dockerfiles,
      ...files,
    };
    for (const [rel, text] of Object.entries(all)) {
      mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      writeFileSync(path.join(dir, rel), text);
    }
    return { name, dir };
  }

  beforeAll(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), "docker-lint-install-"));
    if ("skip" in tools) return;
    registry = await startRegistry(tools.verdaccioBin, path.join(tmp, "registry"), tools.upstream);
    await publishPackages(registry, tmp);

    const eslintSpace = (major: number) =>
      newSpace(`eslint${major}`, { eslint: `^${major}`, "@eslint/js": `^${major}`, [eslintPlugin.name]: eslintPlugin.version }, { "eslint.config.mjs": readmeEslintConfig(), "src/index.js": "export const answer = 42;\n" });
    const wanted = [
      eslintSpace(9),
      // ESLint 10 also gets CommonJS (eslint.config.cjs), typescript-eslint and lint-staged (the README's set-ups).
      newSpace("eslint10", { eslint: "^10", "@eslint/js": "^10", [eslintPlugin.name]: eslintPlugin.version, "lint-staged": LINT_STAGED, typescript: "^5", "typescript-eslint": "^8" }, {
        "eslint.config.mjs": readmeEslintConfig(),
        "typescript/eslint.config.mjs": readmeTypescriptEslintConfig(),
        "typescript/tsconfig.json": JSON.stringify({ compilerOptions: { strict: true, module: "nodenext", target: "es2022", noEmit: true }, include: ["src"] }),
        // A floating promise: only a type-checked rule sees it.
        "typescript/src/index.ts": "async function work(): Promise<void> {}\nwork();\n",
        "typescript/services/bad/Dockerfile": BAD_DOCKERFILE,
        "eslint.config.cjs": 'const docker = require("@docker-lint/eslint-plugin");\n\nmodule.exports = [docker.configs.recommended];\n',
        ".gitignore": "node_modules\n",
      }),
      ...NX_VERSIONS.map(({ label, spec }) =>
        // @nx/devkit at the workspace's Nx version, as create-nx-workspace installs it (the plugin reuses it).
        newSpace(`nx-${label}`, { nx: spec, "@nx/devkit": spec, [nxPlugin.name]: nxPlugin.version }, {
          "nx.json": JSON.stringify({ plugins: [{ plugin: nxPlugin.name }], targetDefaults: { "docker-lint": { options: { image: false } } } }, null, 2),
          "services/good/main.go": 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("good") }\n',
          "services/bad/go.mod": "module example.com/bad\n\ngo 1.26\n",
          "services/bad/main.go": 'package main\n\nfunc main() {}\n',
        }),
      ),
    ];
    const env = npmEnv();
    // In parallel: each install mostly waits on the registries and npm's cache.
    const installs = await Promise.all(wanted.map((s) => run("npm", ["install", "--no-audit", "--no-fund"], { cwd: s.dir, env, timeoutMs: 480_000 })));
    wanted.forEach((s, i) => spaces.set(s.name, { dir: s.dir, install: installs[i]! }));
  }, 600_000);

  afterAll(async () => {
    await registry?.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  function space(name: string): Space {
    const s = spaces.get(name)!;
    expect(s.install.status, `npm install in ${name}:\n${s.install.output}`).toBe(0);
    return s;
  }
  const sh = (s: Space, cmd: string, ...args: string[]) => run(cmd, args, { cwd: s.dir, env: { ...npmEnv(), NX_DAEMON: "false", NX_NO_CLOUD: "true", NX_TUI: "false", FORCE_COLOR: "0", NO_COLOR: "1", CI: "true" } });

  /** Where ESLint is installed in the tree: npm's own view of it. */
  async function eslintCopies(s: Space): Promise<string[]> {
    const r = await sh(s, "npm", "query", "#eslint");
    expect(r.status, r.output).toBe(0);
    return (JSON.parse(r.output) as Array<{ location: string; version: string }>).map((n) => `${n.location}@${n.version}`);
  }

  async function lintsBadNotGood(s: Space, cmd: string, ...args: string[]) {
    const r = await sh(s, "npx", "--no-install", cmd, ...args);
    expect(r.status, r.output).toBe(1);
    expect(r.output).toContain(BAD_RULE);
    expect(r.output).toContain(path.join("services", "bad", "Dockerfile"));
    expect(r.output).not.toContain(path.join("services", "good", "Dockerfile"));
  }

  // Core takes ESLint as a peer, so an ESLint 9 workspace keeps its one ESLint.
  it("ESLint 9 + the plugin: one ESLint in the tree", async () => {
    expect(await eslintCopies(space("eslint9"))).toEqual([expect.stringMatching(/^node_modules\/eslint@9\./)]);
  });

  it("ESLint 9 + the plugin: npx eslint . and npx docker-lint report the bad Dockerfile", async () => {
    const s = space("eslint9");
    await lintsBadNotGood(s, "eslint", ".");
    await lintsBadNotGood(s, "docker-lint");
  }, 120_000);

  it("ESLint 10 + the plugin: one ESLint; npx eslint . and npx docker-lint report the bad Dockerfile", async () => {
    const s = space("eslint10");
    expect(await eslintCopies(s)).toEqual([expect.stringMatching(/^node_modules\/eslint@10\./)]);
    await lintsBadNotGood(s, "eslint", ".");
    await lintsBadNotGood(s, "docker-lint");
  }, 120_000);

  // core's entry is CommonJS (dist/entry.cjs), so a CommonJS ESLint config can require() the plugin.
  it("ESLint 10: require() of the plugin from eslint.config.cjs", async () => {
    await lintsBadNotGood(space("eslint10"), "eslint", "--config", "eslint.config.cjs", ".");
  }, 120_000);

  it("ESLint 10: the README's typescript-eslint config lints TypeScript with types, and Dockerfiles", async () => {
    const s = space("eslint10");
    const r = await run("npx", ["--no-install", "eslint", "."], { cwd: path.join(s.dir, "typescript"), env: npmEnv() });
    expect(r.status, r.output).toBe(1);
    expect(r.output).toContain("@typescript-eslint/no-floating-promises");
    expect(r.output).toContain(BAD_RULE);
  }, 120_000);

  it.each(["docker-lint", "eslint"] as const)("lint-staged %s (README set-up): blocks a bad Dockerfile, passes a good one", async (kind) => {
    const s = space("eslint10");
    // A repository per set-up, sharing the installed node_modules.
    const dir = path.join(tmp, `lint-staged-${kind}`);
    mkdirSync(dir);
    for (const f of ["package.json", "eslint.config.mjs"]) writeFileSync(path.join(dir, f), readFileSync(path.join(s.dir, f)));
    spawnSync("ln", ["-s", path.join(s.dir, "node_modules"), path.join(dir, "node_modules")]);
    writeFileSync(path.join(dir, ".lintstagedrc.json"), readmeLintStaged(kind));
    writeFileSync(path.join(dir, ".gitignore"), "node_modules\n");
    gitInit(dir);
    writeFileSync(path.join(dir, ".git/hooks/pre-commit"), "#!/bin/sh\nexec npx --no-install lint-staged\n", { mode: 0o755 });
    const env = npmEnv();
    expect(commit(dir, {}, env).committed).toBe(true);
    const bad = commit(dir, { "services/api/Dockerfile": BAD_DOCKERFILE }, env);
    expect(bad.committed, bad.output).toBe(false);
    expect(bad.output).toContain(BAD_RULE);
    const good = commit(dir, { "services/api/Dockerfile": GOOD_DOCKERFILE, "services/api/Dockerfile.dockerignore": "*.md\n" }, env);
    expect(good.committed, good.output).toBe(true);
  }, 120_000);

  describe.each(NX_VERSIONS)("Nx ($label: $spec) + the Nx plugin", ({ label }) => {
    it("one ESLint; nx run-many -t docker-lint fails on the bad Dockerfile only; npx docker-lint too", async () => {
      const s = space(`nx-${label}`);
      expect(await eslintCopies(s)).toHaveLength(1);
      const nx = await sh(s, "npx", "--no-install", "nx", "run-many", "-t", "docker-lint", "--output-style=static");
      expect(nx.status, nx.output).not.toBe(0);
      expect(nx.output).toContain(BAD_RULE);
      expect(nx.output).toMatch(/bad:docker-lint/);
      expect(nx.output).toContain("lint: services/good/Dockerfile: no problems");
      await lintsBadNotGood(s, "docker-lint");
    }, 300_000);
  });
});
