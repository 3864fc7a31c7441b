/**
 * Ctrl-C with the real engine: the executor runs in a child process, gets SIGINT during the go
 * build, the image build and the smoke run, and must leave no container, image or temp folder.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { dockerForTests, leftBehind, SERVICE } from "./docker-env";
import { REPO_ROOT, tempTree } from "./helpers";

const state = await dockerForTests();
const skip = "skip" in state ? state.skip : null;
if (skip) it.skip(`interrupt tests skipped: ${skip}`, () => {});
const DOCKER = "docker" in state ? state.docker : "docker";

const RUNNER = `
const { runTasks, progressPrinter } = require(${JSON.stringify(path.join(REPO_ROOT, "packages/nx-plugin/dist/executors/lint/run.js"))});
const [root, project, options] = process.argv.slice(1);
runTasks([{ id: project + ":docker-lint", project, root: "svc", options: JSON.parse(options) }], root, { onProgress: progressPrinter(false) })
  .then((m) => { console.log("DONE " + JSON.stringify([...m.values()])); });
`;

const ours = (project: string) => leftBehind(DOCKER, project);

const cleanups: Array<() => void> = [];
afterAll(() => cleanups.forEach((c) => c()));

/** Starts the executor, sends SIGINT once `ready` says the step is under way, and returns what it left behind. */
async function interrupt(options: Record<string, unknown>, ready: (stdout: string, project: string) => boolean) {
  const t = tempTree(SERVICE);
  cleanups.push(t.cleanup);
  const tmp = path.join(t.dir, "tmp");
  const gocache = path.join(t.dir, "gocache");
  mkdirSync(tmp);
  const project = `sigint${randomBytes(3).toString("hex")}`;
  const before = ours(project);
  // An empty GOCACHE makes the go build compile the standard library: long enough to interrupt.
  const child = spawn(process.execPath, ["-e", RUNNER, t.dir, project, JSON.stringify({ dockerfiles: ["Dockerfile"], network: "none", ...options })], {
    env: { ...process.env, TMPDIR: tmp, GOCACHE: gocache },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  child.stdout.on("data", (b: Buffer) => (stdout += b.toString("utf8")));
  child.stderr.on("data", (b: Buffer) => (stdout += b.toString("utf8")));
  const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  const deadline = Date.now() + 240_000;
  while (!ready(stdout, project)) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`the step never started:\n${stdout}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const atSignal = stdout;
  child.kill("SIGINT");
  const code = await exited;
  return { code, atSignal, stdout, before, after: ours(project), tempLeft: readdirSync(tmp) };
}

describe.skipIf(skip !== null)("SIGINT during each step", () => {
  it("during the go build: exits 130, leaves no temp folder", async () => {
    const r = await interrupt({ goBuild: true, image: false }, (out) => / go build .*\(in svc\)/.test(out));
    expect(r.atSignal).not.toMatch(/go build ok/);
    expect(r.code).toBe(130);
    expect(r.stdout).not.toMatch(/DONE/);
    expect(r.tempLeft).toEqual([]);
  }, 300_000);

  it("during the image build: no image, container or temp folder is left", async () => {
    const r = await interrupt({ goBuild: false, image: true, buildArgs: { NONCE: randomBytes(4).toString("hex"), SLEEP: "20" } }, (out) => /\[sigint\w+\] .*nonce [0-9a-f]{8}/.test(out));
    expect(r.atSignal).not.toMatch(/docker build ok/);
    expect(r.code).toBe(130);
    expect(r.before).toEqual({ containers: [], images: [] });
    expect(r.after).toEqual({ containers: [], images: [] });
    expect(r.tempLeft).toEqual([]);
  }, 300_000);

  it("during the smoke run: the -smoke container and both images are removed", async () => {
    const r = await interrupt({ goBuild: false, image: true, smokeArgs: ["wait"], smokeTimeout: 300 }, (out, project) => /smoke run: docker run/.test(out) && ours(project).containers.some((c) => c.endsWith("-smoke")));
    expect(r.atSignal).toMatch(/docker build --target build/);
    expect(r.code).toBe(130);
    expect(r.after).toEqual({ containers: [], images: [] });
    expect(r.tempLeft).toEqual([]);
  }, 300_000);
});
