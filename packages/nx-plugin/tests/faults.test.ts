/**
 * Faults, each checked for leftovers: engine down, engine hung (a socket that accepts and never
 * answers), go build failing, docker build failing, a hanging smoke run, two tasks at once.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runTasks, type ProjectTask } from "../src/executors/lint/run";
import { buildFlags, expandTag } from "../src/lib/docker";
import { sizeRows } from "../src/lib/summary";
import { dockerForTests, leftBehind, SERVICE } from "./docker-env";
import { DOCKER_TIMEOUT_MS, hostGo, tempTree, writeTree } from "./helpers";

const hasClient = spawnSync("docker", ["--version"], { stdio: "ignore" }).status === 0;
const state = await dockerForTests();
const engineSkip = "skip" in state ? state.skip : null;
const DOCKER = "docker" in state ? state.docker : "docker";

let cleanups: Array<() => void> = [];
let tmp: string;
const savedEnv = { TMPDIR: process.env.TMPDIR, DOCKER_HOST: process.env.DOCKER_HOST };

// Temp folders made by the steps land in `tmp`, which must be empty after each test.
beforeEach(() => {
  const t = tempTree({});
  cleanups.push(t.cleanup);
  tmp = path.join(t.dir, "tmp");
  mkdirSync(tmp);
  process.env.TMPDIR = tmp;
});
afterEach(() => {
  for (const [k, v] of Object.entries(savedEnv)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  for (const c of cleanups.reverse()) c();
  cleanups = [];
});

/** Outside `tmp`: the workspace is the test's, not a leftover. */
const BASE_TMP = os.tmpdir();
function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(BASE_TMP, "nx-plugin-faults-"));
  writeTree(dir, files);
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function runProjects(root: string, projects: Array<{ project: string; options: ProjectTask["options"] }>) {
  const tasks: ProjectTask[] = projects.map(({ project, options }) => ({ id: `${project}:docker-lint`, project, root: "svc", options: { dockerfiles: ["Dockerfile"], network: "none", ...options } }));
  const outcomes = await runTasks(tasks, root);
  return tasks.map((t) => outcomes.get(t.id)!);
}

const unique = (name: string) => `${name}${randomBytes(3).toString("hex")}`;

describe("docker build arguments", () => {
  it("pass the options straight through; a builder switches to buildx and loads the result", () => {
    expect(buildFlags({ network: "none", platforms: ["linux/amd64", "linux/arm64"], cacheFrom: ["type=local,src=/c"], cacheTo: ["type=local,dest=/c"], secrets: ["id=npmrc,src=.npmrc"], buildArgs: { V: "1" } })).toEqual([
      "build", "--network=none", "--platform=linux/amd64,linux/arm64", "--cache-from=type=local,src=/c", "--cache-to=type=local,dest=/c", "--secret", "id=npmrc,src=.npmrc", "--build-arg", "V=1",
    ]);
    expect(buildFlags({ builder: "ci" })).toEqual(["buildx", "build", "--builder", "ci", "--load"]);
    expect(expandTag("{project}-{hash}", "api", "sha256:0123456789abcdef0123")).toBe("api-0123456789ab");
  });
});

describe.skipIf(!hasClient)("engine faults (only the docker client is needed)", () => {
  it("engine down: the image step says no engine answers, and where it looked", async () => {
    process.env.DOCKER_HOST = `unix://${path.join(tmp, "..", "no-engine.sock")}`;
    const [r] = await runProjects(workspace(SERVICE), [{ project: "svc", options: { goBuild: false, image: true } }]);
    expect(r!.success).toBe(false);
    expect(r!.output).toMatch(/image failed: image is true, but no Docker engine answers \(\S*docker version: (Cannot connect to the Docker daemon at unix:\/\/\S+no-engine\.sock|error during connect)/);
    expect(readdirSync(tmp)).toEqual([]);
  }, 60_000);

  describe("engine hung", () => {
    let server: net.Server;
    let socket: string;
    const open: net.Socket[] = [];
    beforeAll(async () => {
      socket = path.join(tempTree({}).dir, "hung.sock");
      server = net.createServer((s) => open.push(s)); // accepts, never answers
      await new Promise<void>((resolve) => server.listen(socket, resolve));
    });
    afterAll(() => {
      for (const s of open) s.destroy();
      server.close();
    });

    it("times out after engineTimeout and says so", async () => {
      process.env.DOCKER_HOST = `unix://${socket}`;
      const started = Date.now();
      const [r] = await runProjects(workspace(SERVICE), [{ project: "svc", options: { goBuild: false, image: "auto", engineTimeout: 2 } }]);
      const seconds = (Date.now() - started) / 1000;
      expect(r!.output).toMatch(/image: skipped: no Docker engine answers at DOCKER_HOST=unix:\/\/\S+hung\.sock within 2 s \(\S*docker version timed out; the option engineTimeout sets the wait\)/);
      expect(seconds).toBeLessThan(10);
      expect(readdirSync(tmp)).toEqual([]);
    }, 60_000);
  });
});

describe.skipIf(!hostGo)("go build fails", () => {
  it("reports the compiler error and leaves no temp folder", async () => {
    const root = workspace({ ...SERVICE, "svc/main.go": "package main\n\nfunc main() { undefined() }\n" });
    const [r] = await runProjects(root, [{ project: "svc", options: { goBuild: true, image: false } }]);
    expect(r!.success).toBe(false);
    expect(r!.output).toMatch(/go build failed: .*go build/);
    expect(r!.output).toMatch(/undefined: undefined/);
    expect(readdirSync(tmp)).toEqual([]);
  }, 300_000);
});

describe.skipIf(engineSkip !== null)("with the real engine", () => {
  it("docker build fails: the failure is shown; no image, container or temp folder is left", async () => {
    const project = unique("fail");
    const root = workspace({ ...SERVICE, "svc/Dockerfile": SERVICE["svc/Dockerfile"].replace('RUN echo "nonce $NONCE"', 'RUN echo "nonce $NONCE" && exit 3 && true') });
    const [r] = await runProjects(root, [{ project, options: { goBuild: false, image: true, buildArgs: { NONCE: randomBytes(4).toString("hex") } } }]);
    expect(r!.success).toBe(false);
    expect(r!.output).toMatch(/docker build failed \(exit 1\)/);
    expect(leftBehind(DOCKER, project)).toEqual({ containers: [], images: [] });
    expect(readdirSync(tmp)).toEqual([]);
  }, 300_000);

  it("go build fails while the image builds alongside it: the image build is stopped, nothing is left", async () => {
    const project = unique("gofail");
    // The builder sleeps, so the host build fails long before the image build could finish.
    const root = workspace({ ...SERVICE, "svc/main.go": "package main\n\nfunc main() { undefined() }\n" });
    const started = Date.now();
    const [r] = await runProjects(root, [{ project, options: { goBuild: true, image: true, buildArgs: { NONCE: randomBytes(4).toString("hex"), SLEEP: "120" } } }]);
    expect(r!.success).toBe(false);
    expect(r!.output).toMatch(/go build failed: /);
    expect(r!.output).toContain("image: skipped (an earlier step failed)");
    expect(r!.output).not.toMatch(/docker build (ok|failed)/);
    expect((Date.now() - started) / 1000).toBeLessThan(100);
    expect(leftBehind(DOCKER, project)).toEqual({ containers: [], images: [] });
    expect(readdirSync(tmp)).toEqual([]);
  }, 300_000);

  it("a smoke run that hangs times out, and its container is removed", async () => {
    const project = unique("hang");
    const [r] = await runProjects(workspace(SERVICE), [{ project, options: { goBuild: false, image: true, smokeArgs: ["wait"], smokeTimeout: 3 } }]);
    expect(r!.success).toBe(false);
    expect(r!.output).toMatch(/✖ smoke run did not exit within 3 s/);
    // The end-of-run size summary reads this line: the failed project is marked there.
    expect(sizeRows(r!.output).map((row) => row.label)).toEqual([`${project} (failed)`]);
    expect(leftBehind(DOCKER, project)).toEqual({ containers: [], images: [] });
    expect(readdirSync(tmp)).toEqual([]);
  }, 300_000);

  it("imageName and tags keep the validated image under the user's names; smokeEnv reaches the smoke run", async () => {
    const project = unique("keep");
    const repo = `docker-lint-test/${project}`;
    cleanups.push(() => {
      const refs = execFileSync(DOCKER, ["images", "--format", "{{.Repository}}:{{.Tag}}", repo], { timeout: DOCKER_TIMEOUT_MS, encoding: "utf8" }).split("\n").filter(Boolean);
      if (refs.length) spawnSync(DOCKER, ["rmi", "-f", ...refs], { timeout: DOCKER_TIMEOUT_MS, stdio: "ignore" });
    });
    const root = workspace(SERVICE);
    const [kept] = await runProjects(root, [{ project, options: { goBuild: false, image: true, imageName: repo, tags: ["{project}", "v-{hash}"] } }]);
    expect(kept!.success, kept!.output).toBe(true);
    const id = execFileSync(DOCKER, ["image", "inspect", "--format", "{{.Id}}", `${repo}:${project}`], { timeout: DOCKER_TIMEOUT_MS, encoding: "utf8" }).trim();
    expect(kept!.output).toContain(`✔ tagged ${repo}:${project}, ${repo}:v-${id.replace("sha256:", "").slice(0, 12)}`);
    expect(leftBehind(DOCKER, project)).toEqual({ containers: [], images: [] });

    const [failing] = await runProjects(root, [{ project, options: { goBuild: false, image: true, smokeEnv: { SMOKE_FAIL: "1" } } }]);
    expect(failing!.output).toMatch(/✖ smoke run exited 4/);
    expect(readdirSync(tmp)).toEqual([]);
  }, 300_000);

  it("two tasks in parallel both pass and leave nothing behind", async () => {
    const [a, b] = [unique("one"), unique("two")];
    const root = workspace(SERVICE);
    writeFileSync(path.join(root, "svc", "extra.txt"), "x");
    const rs = await runProjects(root, [
      { project: a, options: { goBuild: true, image: true } },
      { project: b, options: { goBuild: true, image: true } },
    ]);
    for (const r of rs) {
      expect(r.output).toMatch(/docker build ok/);
      expect(sizeRows(r.output)).toHaveLength(1);
      expect(sizeRows(r.output)[0]!.label).not.toMatch(/failed/);
      expect(r.success).toBe(true);
    }
    expect(leftBehind(DOCKER, a)).toEqual({ containers: [], images: [] });
    expect(leftBehind(DOCKER, b)).toEqual({ containers: [], images: [] });
    expect(readdirSync(tmp)).toEqual([]);
  }, 600_000);
});
