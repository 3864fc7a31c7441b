/**
 * Ctrl-C with the real engine: the executor runs in a child process, gets SIGINT during the go
 * build, the image build and the smoke run, and must leave no container, image or temp folder.
 */
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { findDocker } from "../src/lib/docker";
import { goVersion, hostGo, REPO_ROOT, tempTree } from "./helpers";
import { NOT_BUILT_MESSAGE, PLUGIN_BUILT } from "./nx-workspace";

async function precondition(): Promise<string | null> {
  if (!PLUGIN_BUILT) return NOT_BUILT_MESSAGE;
  if (!hostGo) return "no go on PATH";
  const docker = await findDocker();
  if (docker.problem) return `no usable Docker engine: ${docker.problem}`;
  for (const image of [`golang:${goVersion()}`, "gcr.io/distroless/static-debian12:nonroot"]) {
    try {
      execFileSync(docker.command, ["image", "inspect", image], { stdio: "ignore" });
    } catch {
      return `base image ${image} is not in the local engine: run tools/docker/make-base-images.sh`;
    }
  }
  return null;
}
const skip = await precondition();
if (skip) it.skip(`interrupt tests skipped: ${skip}`, () => {});
const DOCKER = skip ? "docker" : (await findDocker()).command;

const MAIN = `package main

import (
	"fmt"
	"os"
	"time"
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == "wait" {
		time.Sleep(300 * time.Second)
	}
	fmt.Println("svc")
}
`;
const DOCKERFILE = `FROM golang:${hostGo ? goVersion() : "1.26"} AS build
WORKDIR /src
COPY go.mod main.go ./
ARG NONCE=0
ARG SLEEP=0
RUN echo "nonce $NONCE" && sleep $SLEEP
RUN CGO_ENABLED=0 go build -o /out/svc .

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/svc /svc
USER nonroot:nonroot
ENTRYPOINT ["/svc"]
`;

const RUNNER = `
const { runTasks, printProgress } = require(${JSON.stringify(path.join(REPO_ROOT, "packages/nx-plugin/dist/executors/lint/run.js"))});
const [root, project, options] = process.argv.slice(1);
runTasks([{ id: project + ":docker-lint", project, root: "svc", options: JSON.parse(options) }], root, undefined, printProgress)
  .then((m) => { console.log("DONE " + JSON.stringify([...m.values()])); });
`;

function ours(project: string): { containers: string[]; images: string[] } {
  const list = (args: string[]) => execFileSync(DOCKER, args, { encoding: "utf8" }).split("\n").filter((n) => n.includes(`docker-lint-${project}-`));
  return { containers: list(["ps", "-a", "--format", "{{.Names}}"]), images: list(["images", "-a", "--format", "{{.Repository}}"]) };
}

const cleanups: Array<() => void> = [];
afterAll(() => cleanups.forEach((c) => c()));

/** Starts the executor, sends SIGINT once `ready` says the step is under way, and returns what it left behind. */
async function interrupt(options: Record<string, unknown>, ready: (stdout: string, project: string) => boolean) {
  const t = tempTree({ "svc/go.mod": "module example.com/svc\n\ngo 1.21\n", "svc/main.go": MAIN, "svc/Dockerfile": DOCKERFILE });
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
    const r = await interrupt({ goBuild: false, image: true, buildArgs: { NONCE: randomBytes(4).toString("hex"), SLEEP: "120" } }, (out) => /\[sigint\w+\] .*nonce [0-9a-f]{8}/.test(out));
    expect(r.atSignal).not.toMatch(/docker build ok/);
    expect(r.code).toBe(130);
    expect(r.before).toEqual({ containers: [], images: [] });
    expect(r.after).toEqual({ containers: [], images: [] });
    expect(r.tempLeft).toEqual([]);
  }, 300_000);

  it("during the smoke run: the -inspect/-smoke containers and both images are removed", async () => {
    const r = await interrupt({ goBuild: false, image: true, smokeArgs: ["wait"], smokeTimeout: 300 }, (out, project) => /smoke run: docker run/.test(out) && ours(project).containers.some((c) => c.endsWith("-smoke")));
    expect(r.atSignal).toMatch(/docker build --target build/);
    expect(r.code).toBe(130);
    expect(r.after).toEqual({ containers: [], images: [] });
    expect(r.tempLeft).toEqual([]);
  }, 300_000);
});
