/**
 * The image step on another engine than the default one: a second dockerd on its own socket, data
 * root and exec root (a remote builder stand-in on one machine), reached through DOCKER_HOST and
 * through a `docker context` selected with DOCKER_CONTEXT. The image must be built, checked and
 * smoke-run there, and the default engine must see none of it.
 *
 * Slow (about a minute: the second engine gets the base images from tools/docker/setup.sh); opt
 * out with DOCKER_LINT_REMOTE_ENGINE_TEST=0. Needs root (dockerd) and the default engine's
 * prerequisites. A client with buildx is not available here, so BUILDX_BUILDER is not covered.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runTasks } from "../src/executors/lint/run";
import { dockerForTests, SERVICE } from "./docker-env";
import { DOCKER_TIMEOUT_MS, REPO_ROOT, tempTree } from "./helpers";

const state = await dockerForTests();
const optedOut = process.env.DOCKER_LINT_REMOTE_ENGINE_TEST === "0";
const isRoot = process.getuid?.() === 0;
const skip = optedOut ? "DOCKER_LINT_REMOTE_ENGINE_TEST=0" : !isRoot ? "needs root to start dockerd" : "skip" in state ? state.skip : null;
if (skip) it.skip(`remote engine tests skipped: ${skip}`, () => {});
const DOCKER = "docker" in state ? state.docker : "/usr/bin/docker";

/** The docker client's own variables, as the test left them: cleared for the default engine. */
function clientEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env, DOCKER_CLI_HINTS: "false", ...extra };
  for (const k of ["DOCKER_HOST", "DOCKER_CONTEXT", "BUILDX_BUILDER"]) if (!(k in extra)) delete env[k];
  return env;
}
const dockerOut = (args: string[], env: NodeJS.ProcessEnv) => execFileSync(DOCKER, args, { env, encoding: "utf8", timeout: DOCKER_TIMEOUT_MS });

describe.skipIf(skip !== null)("the image step on a second engine", () => {
  let dir: string;
  let host: string;
  let dockerConfig: string;

  beforeAll(() => {
    // Short: a unix socket path has a length limit.
    dir = mkdtempSync("/tmp/dl-engine-");
    host = `unix://${dir}/d.sock`;
    dockerConfig = path.join(dir, "config");
    mkdirSync(dockerConfig);
    const r = spawnSync("bash", [path.join(REPO_ROOT, "tools/docker/setup.sh")], {
      env: clientEnv({
        DOCKER_HOST: host,
        DOCKERD_EXTRA_ARGS: `--host ${host} --data-root ${dir}/data --exec-root ${dir}/run --pidfile ${dir}/d.pid`,
        DOCKERD_LOG: `${dir}/dockerd.log`,
      }),
      encoding: "utf8",
      timeout: 600_000,
    });
    if (r.status !== 0) throw new Error(`second engine: setup.sh failed:\n${r.stderr}\n${existsSync(`${dir}/dockerd.log`) ? readFileSync(`${dir}/dockerd.log`, "utf8").slice(-2000) : ""}`);
  }, 660_000);

  afterAll(async () => {
    if (!dir) return;
    const pidFile = `${dir}/d.pid`;
    if (existsSync(pidFile)) {
      const pid = Number(readFileSync(pidFile, "utf8").trim());
      try {
        process.kill(pid, "SIGTERM");
        for (let i = 0; i < 60; i++) {
          process.kill(pid, 0);
          await new Promise((r) => setTimeout(r, 500));
        }
      } catch {
        /* gone */
      }
    }
    // The data root holds full copies of every layer (vfs): removing it takes a while on a busy disk.
    await rm(dir, { recursive: true, force: true });
  }, 600_000);

  /** Runs the executor with `env` set (and the default engine's variables cleared) and checks both engines. */
  async function runOn(env: Record<string, string>) {
    const project = `remote${randomBytes(3).toString("hex")}`;
    const imageName = `dl-remote-${project}`;
    const ws = tempTree(SERVICE);
    const saved = { ...process.env };
    const defaultImagesBefore = dockerOut(["images", "-a", "--format", "{{.Repository}}:{{.Tag}}"], clientEnv());
    Object.assign(process.env, clientEnv(env));
    for (const k of ["DOCKER_HOST", "DOCKER_CONTEXT"]) if (!(k in env)) delete process.env[k];
    const since = Math.floor(Date.now() / 1000);
    try {
      const task = { id: `${project}:docker-lint`, project, root: "svc", options: { dockerfiles: ["Dockerfile"], network: "none", goBuild: false as const, image: true as const, imageName, tags: ["{project}"] } };
      const outcome = (await runTasks([task], ws.dir)).get(task.id)!;
      // The default engine saw nothing of the run: no event names the run or its image.
      const events = dockerOut(["events", "--since", String(since), "--until", String(Math.floor(Date.now() / 1000) + 1), "--format", "{{json .}}"], clientEnv());
      return {
        outcome,
        defaultEvents: events.split("\n").filter((l) => l.includes(project)),
        defaultImages: dockerOut(["images", "-a", "--format", "{{.Repository}}:{{.Tag}}"], clientEnv()).split("\n").filter((l) => l.includes(project)),
        defaultImagesBefore: defaultImagesBefore.split("\n").filter((l) => l.includes(project)),
        defaultContainers: dockerOut(["ps", "-a", "--format", "{{.Names}}"], clientEnv()).split("\n").filter((l) => l.includes(project)),
        secondImages: dockerOut(["images", "--format", "{{.Repository}}:{{.Tag}}"], clientEnv({ DOCKER_HOST: host })).split("\n").filter((l) => l.includes(project)),
        secondContainers: dockerOut(["ps", "-a", "--format", "{{.Names}}"], clientEnv({ DOCKER_HOST: host })).split("\n").filter((l) => l.includes(project)),
        imageRef: `${imageName}:${project}`,
      };
    } finally {
      for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
      Object.assign(process.env, saved);
      ws.cleanup();
    }
  }

  function expectBuiltOnSecondOnly(r: Awaited<ReturnType<typeof runOn>>) {
    expect(r.outcome.output).toMatch(/docker build ok: final image/);
    expect(r.outcome.output).toMatch(/✔ smoke run exit 0/);
    expect(r.outcome.output).toContain(`✔ tagged ${r.imageRef}`);
    expect(r.outcome.success).toBe(true);
    // Built and kept on the second engine, nothing left there but the kept image …
    expect(r.secondImages).toEqual([r.imageRef]);
    expect(r.secondContainers).toEqual([]);
    // … and the default engine never saw it.
    expect(r.defaultEvents).toEqual([]);
    expect(r.defaultImages).toEqual(r.defaultImagesBefore);
    expect(r.defaultContainers).toEqual([]);
  }

  it("DOCKER_HOST: the image is built, checked and smoke-run on that engine", async () => {
    expectBuiltOnSecondOnly(await runOn({ DOCKER_HOST: host }));
  }, 600_000);

  it("a docker context selected with DOCKER_CONTEXT does the same", async () => {
    const context = `dl-${randomBytes(3).toString("hex")}`;
    const created = spawnSync(DOCKER, ["context", "create", context, "--docker", `host=${host}`], { env: clientEnv({ DOCKER_CONFIG: dockerConfig }), encoding: "utf8" });
    if (created.status !== 0) {
      // A client without contexts (older than 19.03) cannot be tested this way.
      expect(created.stderr).toMatch(/unknown command|is not a docker command/);
      return;
    }
    expectBuiltOnSecondOnly(await runOn({ DOCKER_CONTEXT: context, DOCKER_CONFIG: dockerConfig }));
  }, 600_000);
});
