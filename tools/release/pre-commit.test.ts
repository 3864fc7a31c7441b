/**
 * The pre-commit hook as users get it: the real pre-commit (from PyPI, in a cached virtualenv)
 * installs this repository's hook from a git clone at HEAD (`repo: <clone>`, `rev: <sha>`), with
 * nothing else: no registry entry for docker-lint, no build. A bad Dockerfile must block the
 * commit, naming the rule; a good one must pass. It tests what is committed: commit first.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BAD_DOCKERFILE, BAD_RULE, GOOD_DOCKERFILE, commit, gitInit, preCommit, repoRoot } from "./test-tools.js";

const tool = preCommit();
if (!tool.ok) it.skip(`real pre-commit: ${tool.reason}`, () => {});

describe.runIf(tool.ok)("pre-commit installs the docker-lint hook from git", () => {
  let tmp: string;
  let clone: string;
  let sha: string;
  let project: string;
  let env: NodeJS.ProcessEnv;

  /** A project repository whose .pre-commit-config.yaml names the clone at `rev`, hooks installed. */
  function newProject(name: string, rev: string): string {
    const dir = path.join(tmp, name);
    mkdirSync(dir);
    gitInit(dir, { ownHooksPath: false });
    writeFileSync(path.join(dir, ".pre-commit-config.yaml"), `repos:\n  - repo: ${clone}\n    rev: ${rev}\n    hooks:\n      - id: docker-lint\n`);
    const installed = spawnSync(tool.ok ? tool.bin : "", ["install", "--install-hooks"], { cwd: dir, env, encoding: "utf8" });
    expect(installed.status, `${installed.stdout}${installed.stderr}`).toBe(0);
    return dir;
  }

  beforeAll(() => {
    tmp = mkdtempSync(path.join(os.tmpdir(), "docker-lint-pre-commit-"));
    sha = spawnSync("git", ["rev-parse", "HEAD"], { cwd: repoRoot, encoding: "utf8" }).stdout.trim();
    clone = path.join(tmp, "docker-lint.git");
    const cloned = spawnSync("git", ["clone", "-q", "--no-checkout", repoRoot, clone], { encoding: "utf8" });
    expect(cloned.status, cloned.stderr).toBe(0);
    // Its own store, so the hook is installed from the clone on this run.
    env = { ...process.env, PRE_COMMIT_HOME: path.join(tmp, "pre-commit-home"), PRE_COMMIT_COLOR: "never" };
    project = newProject("project", sha);
  }, 120_000);
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it("blocks a commit with a bad Dockerfile, naming the rule and the file", () => {
    const bad = commit(project, { "services/api/Dockerfile": BAD_DOCKERFILE }, env);
    expect(bad.committed, bad.output).toBe(false);
    expect(bad.output).toContain("docker-lint....");
    expect(bad.output).toContain("Failed");
    expect(bad.output).toContain(BAD_RULE);
    expect(bad.output).toContain(path.join("services", "api", "Dockerfile"));
  }, 60_000);

  it("lets a good Dockerfile through, and skips commits without Dockerfiles", () => {
    const good = commit(project, { "services/api/Dockerfile": GOOD_DOCKERFILE }, env);
    expect(good.committed, good.output).toBe(true);
    expect(good.output).toMatch(/docker-lint\.+Passed/);
    const docs = commit(project, { "README.md": "hi\n", "services/api/Dockerfile.dockerignore": "*\n" }, env);
    expect(docs.committed, docs.output).toBe(true);
    expect(docs.output).toMatch(/docker-lint\.+\(no files to check\)Skipped/);
  }, 60_000);

  it("installs from a release tag as well (tagged in the clone, as `nx release` tags)", () => {
    const { version } = JSON.parse(readFileSync(path.join(repoRoot, "packages/core/package.json"), "utf8")) as { version: string };
    const tagged = spawnSync("git", ["-c", "user.name=Test", "-c", "user.email=test@example.com", "tag", "-a", `v${version}`, "-m", `v${version}`, sha], { cwd: clone, encoding: "utf8" });
    expect(tagged.status, tagged.stderr).toBe(0);
    const dir = newProject("tagged", `v${version}`);
    const bad = commit(dir, { Containerfile: BAD_DOCKERFILE }, env);
    expect(bad.committed, bad.output).toBe(false);
    expect(bad.output).toContain(BAD_RULE);
  }, 60_000);
});
