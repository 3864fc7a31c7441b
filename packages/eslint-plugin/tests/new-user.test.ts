/**
 * The README, tried as a new user would: a fresh folder, `npm install -D eslint @eslint/js
 * @docker-lint/eslint-plugin` (the packed tarballs of this repo stand in for the registry), the README's
 * eslint.config.mjs, then `npx eslint .` and `npx docker-lint` over the same Dockerfiles must agree.
 * Slow (an npm install, ~20 s); it needs the npm registry or a warm npm cache for eslint and its deps.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { ESLint } from "eslint";
import { BAD, GOOD, repoRoot, workspace } from "./workspace.js";

const CORPUS = "/work/shared/corpus";
/** Two monorepos of the corpus: Go services with go.mod files, and services in other languages. */
const CORPUS_REPOS = ["prometheus__prometheus", "GoogleCloudPlatform__microservices-demo"];
const built = existsSync(path.join(repoRoot, "packages/core/dist/cli/cli.js")) && existsSync(path.join(repoRoot, "packages/eslint-plugin/dist/index.js"));

const w = workspace({
  "services/api/Dockerfile": BAD,
  "services/api/go.mod": "module example.com/api\n\ngo 1.23.0\n",
  "services/worker/worker.Dockerfile": GOOD,
  "services/cron/Dockerfile.prod": "# eslint-disable-next-line @docker-lint/require-image-tag -- pinned by the base-image bot\n# syntax=docker/dockerfile:1\nFROM debian\nCMD run-cron\n",
  "services/cron/Dockerfile.prod.dockerignore": "*.md\n",
  "src/index.js": "export const answer = 42;\n",
});
afterAll(() => w.remove());

function sh(cmd: string, args: string[]) {
  return spawnSync(cmd, args, { cwd: w.dir, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
}

type Message = ESLint.LintResult["messages"][number];
function byFile(json: string, dockerfilesOnly: boolean): Map<string, string[]> {
  const results = JSON.parse(json) as ESLint.LintResult[];
  return new Map(
    results
      .filter((r) => !dockerfilesOnly || !/\.(m?js)$/.test(r.filePath))
      .map((r) => [path.relative(w.dir, r.filePath), r.messages.map((m: Message) => [m.ruleId, m.severity, m.line, m.column, m.endLine, m.endColumn, m.message].join("|")).sort()]),
  );
}

describe.skipIf(!built)("a new workspace following the README", () => {
  it("gets the same findings from `npx eslint .` as from `npx docker-lint`", () => {
    const packed = path.join(w.dir, ".packed");
    mkdirSync(packed);
    execFileSync("npm", ["pack", "--silent", "--pack-destination", packed, "-w", "packages/core", "-w", "packages/eslint-plugin"], { cwd: repoRoot });
    const core = `file:./.packed/docker-lint-core-${readJson(path.join(repoRoot, "packages/core/package.json")).version}.tgz`;
    const eslintPlugin = `./.packed/docker-lint-eslint-plugin-${readJson(path.join(repoRoot, "packages/eslint-plugin/package.json")).version}.tgz`;
    // Unpublished, the plugin's `@docker-lint/core` dependency must come from the tarball too.
    writeFileSync(path.join(w.dir, "package.json"), JSON.stringify({ name: "new-user", private: true, overrides: { "@docker-lint/core": core } }));

    // The README's install line, and its config.
    const install = sh("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--save-dev", "eslint", "@eslint/js", eslintPlugin]);
    expect(install.status, `npm install failed:\n${install.stderr}`).toBe(0);
    const readme = readFileSync(path.join(repoRoot, "packages/eslint-plugin/README.md"), "utf8");
    writeFileSync(path.join(w.dir, "eslint.config.mjs"), /```js\n(\/\/ eslint\.config\.mjs\n[\s\S]*?)```/.exec(readme)![1]!);
    if (existsSync(CORPUS)) for (const repo of CORPUS_REPOS) cpSync(path.join(CORPUS, repo), path.join(w.dir, "services", repo), { recursive: true });
    else console.warn(`new-user.test.ts: ${CORPUS} is not present; comparing on the built-in Dockerfiles only`);

    const eslint = sh(path.join(w.dir, "node_modules/.bin/eslint"), [".", "--format", "json"]);
    expect(eslint.status, eslint.stderr).toBe(1);
    const cli = sh(path.join(w.dir, "node_modules/.bin/docker-lint"), ["--format", "json", "--no-progress"]);
    expect(cli.status, cli.stderr).toBe(1);

    const fromEslint = byFile(eslint.stdout, true);
    const fromCli = byFile(cli.stdout, false);
    expect([...fromEslint.keys()].sort()).toEqual([...fromCli.keys()].sort());
    expect([...fromEslint.keys()]).toEqual(expect.arrayContaining(["services/api/Dockerfile", "services/worker/worker.Dockerfile", "services/cron/Dockerfile.prod"]));
    for (const [file, messages] of fromCli) expect(fromEslint.get(file), file).toEqual(messages);

    // The findings are real: the go.mod next to services/api is read, the displaced directive is seen.
    const rules = (file: string) => fromCli.get(file)!.map((k) => k.split("|")[0]);
    expect(rules("services/api/Dockerfile")).toEqual(expect.arrayContaining(["@docker-lint/require-image-tag", "@docker-lint/go-version-matches-go-mod"]));
    expect(rules("services/cron/Dockerfile.prod")).toContain("@docker-lint/no-displaced-directive");
    expect(fromCli.get("services/worker/worker.Dockerfile")).toEqual([]);
    // And ESLint linted the JavaScript beside them.
    expect(byFile(eslint.stdout, false).get("src/index.js")).toEqual([]);

    // The installed package ships its bundle and code caches (the library's and the CLI's) and
    // starts from the bundle (only that path writes a cache on request): npm pack's file times
    // must not make it look stale.
    const installedDist = path.join(w.dir, "node_modules/@docker-lint/core/dist");
    expect(existsSync(path.join(installedDist, "docker-lint.bundle.cache"))).toBe(true);
    expect(existsSync(path.join(installedDist, "docker-lint.bundle.cli.cache"))).toBe(true);
    const probe = path.join(w.dir, ".probe.cache");
    const probed = spawnSync(path.join(w.dir, "node_modules/.bin/docker-lint"), ["--format", "json", "services/worker"], {
      cwd: w.dir,
      encoding: "utf8",
      env: { ...process.env, DOCKER_LINT_WRITE_CODE_CACHE: probe },
    });
    expect(probed.status, probed.stderr).toBe(0);
    expect(existsSync(probe)).toBe(true);
  }, 120_000);
});

function readJson(file: string): { version: string } {
  return JSON.parse(readFileSync(file, "utf8")) as { version: string };
}
