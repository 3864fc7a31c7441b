/**
 * Nx's self-hosted remote cache with the docker-lint targets: a small server on 127.0.0.1 that
 * follows Nx's OpenAPI cache spec, and two clones of one workspace at different paths, each with
 * its own empty cache folder. The second clone takes every docker-lint task from the remote cache
 * and replays the same report, and nothing the first clone stored names its path, a temp folder
 * or the run's random image names. With a Docker engine and the base images, the image step runs
 * too (its report is the one most likely to carry machine-specific text).
 */
import { createServer, type Server } from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dockerForTests } from "./docker-env";
import { hostGo } from "./helpers";
import { goService, NOT_BUILT_MESSAGE, NxWorkspace, PLUGIN_BUILT, type NxRun } from "./nx-workspace";

const TOKEN = "test-token";

/** `GET`/`PUT /v1/cache/{hash}` with a bearer token: 200/404 on read, 200/409 on write, 403 on a wrong token. */
function cacheServer(): { server: Server; store: Map<string, Buffer>; log: string[] } {
  const store = new Map<string, Buffer>();
  const log: string[] = [];
  const server = createServer((req, res) => {
    const m = /^\/v1\/cache\/([^/?]+)$/.exec(req.url ?? "");
    const reply = (code: number, body?: Buffer) => {
      log.push(`${req.method} ${code}`);
      res.writeHead(code, body ? { "Content-Type": "application/octet-stream", "Content-Length": body.length } : {});
      res.end(body);
    };
    if (!m) return reply(404);
    if (req.headers.authorization !== `Bearer ${TOKEN}`) return reply(403);
    const hash = m[1]!;
    if (req.method === "GET") return store.has(hash) ? reply(200, store.get(hash)) : reply(404);
    if (req.method !== "PUT") return reply(405);
    if (store.has(hash)) {
      req.resume();
      return reply(409);
    }
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      store.set(hash, Buffer.concat(chunks));
      reply(200);
    });
  });
  return { server, store, log };
}

const engine = await dockerForTests();
const skip = !PLUGIN_BUILT ? NOT_BUILT_MESSAGE : !hostGo ? "no go on PATH" : null;
if (skip) it.skip(`remote cache test skipped: ${skip}`, () => {});
const withImages = "docker" in engine;

describe.skipIf(skip !== null)("the Nx remote cache across two clones", () => {
  const { server, store, log } = cacheServer();
  const clones: NxWorkspace[] = [];
  const cacheDirs: string[] = [];
  let first: NxRun;
  let second: NxRun;
  const tasks = ["alpha:docker-lint", "beta:docker-lint"];

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as { port: number }).port;
    const options = { goBuild: true, image: withImages, network: "none", smokeArgs: [] };
    const files = { ...goService("alpha"), ...goService("beta") };
    const nxJson = { plugins: [{ plugin: "@docker-lint/nx-plugin" }], targetDefaults: { "docker-lint": { options } } };
    const run = async (i: number) => {
      const ws = new NxWorkspace(files, nxJson);
      clones.push(ws);
      const cacheDir = mkdtempSync(path.join(os.tmpdir(), `nx-cache-${i}-`));
      cacheDirs.push(cacheDir);
      const env = { NX_SELF_HOSTED_REMOTE_CACHE_SERVER: `http://127.0.0.1:${port}`, NX_SELF_HOSTED_REMOTE_CACHE_ACCESS_TOKEN: TOKEN, NX_CACHE_DIRECTORY: cacheDir };
      const saved = { ...process.env };
      Object.assign(process.env, env);
      try {
        // --batch=false: each task's whole output (its live progress included) is what Nx caches;
        // a batch caches only the report.
        return await ws.nx(["run-many", "-t", "docker-lint", "--batch=false"], 1_200_000);
      } finally {
        for (const k of Object.keys(env)) delete process.env[k];
        Object.assign(process.env, saved);
      }
    };
    first = await run(1);
    second = await run(2);
  }, 2_500_000);

  afterAll(() => {
    server.close();
    for (const ws of clones) ws.dispose();
    for (const d of cacheDirs) rmSync(d, { recursive: true, force: true });
  });

  it("the first clone runs every task and stores each result once", () => {
    expect(first.code, first.output).toBe(0);
    expect(first.ran).toEqual(tasks);
    expect(store.size).toBe(2);
    expect(log.filter((l) => l === "PUT 200")).toHaveLength(2);
  });

  it("the second clone takes every task from the remote cache and replays the same report", () => {
    expect(second.code, second.output).toBe(0);
    expect(second.ran).toEqual([]);
    expect(second.cached).toEqual(tasks);
    expect(second.output).toMatch(/> nx run alpha:docker-lint {2}\[remote cache\]/);
    const report = (run: NxRun, task: string) => NxWorkspace.section(run.output, task).split("\n").slice(1).join("\n").trim();
    for (const task of tasks) {
      expect(report(second, task)).toBe(report(first, task));
      expect(report(second, task)).toMatch(/go build ok: /);
      if (withImages) expect(report(second, task)).toMatch(/✔ smoke run exit 0/);
    }
  });

  it("stores nothing that belongs to one machine or one run: no clone path, temp folder or run name", () => {
    for (const body of store.values()) {
      const text = (body[0] === 0x1f && body[1] === 0x8b ? gunzipSync(body) : body).toString("latin1");
      expect(text).toMatch(/go build ok: /);
      for (const ws of clones) expect(text).not.toContain(ws.dir);
      expect(text).not.toContain(os.tmpdir() + path.sep);
      expect(text).not.toMatch(/docker-lint-(alpha|beta)-[0-9a-f]{8}/);
      expect(text).not.toMatch(/\b\d+(\.\d+)?m?s\b/);
    }
  });
});
