/**
 * Nx end to end, without Docker: a temp workspace with two Go services, the plugin registered
 * in nx.json, `nx run-many -t docker-lint` run for real.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hostGo } from "./helpers";
import { goService, NOT_BUILT_MESSAGE, NxWorkspace, PLUGIN_BUILT } from "./nx-workspace";

const NX_JSON = {
  plugins: [{ plugin: "@docker-lint/nx-plugin" }],
  // The image step is covered by the Docker test; the Go build runs when go is installed.
  targetDefaults: { "docker-lint": { options: { image: false } } },
};

if (!PLUGIN_BUILT) it.skip(`Nx end-to-end: ${NOT_BUILT_MESSAGE}`, () => {});

describe.skipIf(!PLUGIN_BUILT)("nx run-many -t docker-lint", () => {
  let ws: NxWorkspace;
  beforeAll(() => {
    ws = new NxWorkspace({ ...goService("api"), ...goService("worker"), "docs/notes.md": "notes\n" }, NX_JSON);
  });
  afterAll(() => ws?.dispose());

  it("infers both projects and runs the target", async () => {
    const r = await ws.nx(["run-many", "-t", "docker-lint"]);
    expect(r.code, r.output).toBe(0);
    expect(r.ran).toEqual(["api:docker-lint", "worker:docker-lint"]);
    const api = NxWorkspace.section(r.output, "api:docker-lint");
    expect(api).toContain("lint: services/api/Dockerfile: no problems");
    if (hostGo) expect(api).toMatch(/go build ok: api [\d.]+ MB, \S+, statically linked/);
    expect(r.output).not.toContain(ws.dir);
  }, 600_000);

  it("serves an unchanged second run from the cache", async () => {
    const r = await ws.nx(["run-many", "-t", "docker-lint"]);
    expect(r.code, r.output).toBe(0);
    expect(r.cached).toEqual(["api:docker-lint", "worker:docker-lint"]);
    expect(r.output).toMatch(/Cache:\s+2\/2 hit/);
    // The replayed report is the original one.
    expect(NxWorkspace.section(r.output, "api:docker-lint")).toContain("lint: services/api/Dockerfile: no problems");
  }, 600_000);

  it("re-runs only the project whose Dockerfile changed; other edits outside it change nothing", async () => {
    ws.append("services/api/Dockerfile", "# a comment\n");
    const r = await ws.nx(["run-many", "-t", "docker-lint"]);
    expect(r.code, r.output).toBe(0);
    expect(r.ran).toEqual(["api:docker-lint"]);
    expect(r.cached).toEqual(["worker:docker-lint"]);

    ws.append("docs/notes.md", "more\n");
    const again = await ws.nx(["run-many", "-t", "docker-lint"]);
    expect(again.cached).toEqual(["api:docker-lint", "worker:docker-lint"]);
  }, 600_000);

  it("fails the run on lint errors and names the rule", async () => {
    ws.write("services/worker/Dockerfile", "FROM golang:latest\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\nCMD [\"/app\"]\n");
    const r = await ws.nx(["run-many", "-t", "docker-lint"]);
    expect(r.code).toBe(1);
    const worker = NxWorkspace.section(r.output, "worker:docker-lint");
    expect(worker).toContain("services/worker/Dockerfile");
    expect(worker).toMatch(/error .*@docker-lint\/no-unpinned-toolchain/);
    // A failed task is not cached: the next run lints again.
    const again = await ws.nx(["run-many", "-t", "docker-lint", "--projects=worker"]);
    expect(again.ran).toEqual(["worker:docker-lint"]);
    expect(again.code).toBe(1);
  }, 600_000);

  it("batches by default (preferBatch): one process lints every project, reports stay per task", async () => {
    ws.write("services/worker/Dockerfile", goService("worker")["services/worker/Dockerfile"]!);
    const r = await ws.nx(["run-many", "-t", "docker-lint", "--skip-nx-cache"]);
    expect(r.code, r.output).toBe(0);
    expect(r.output).toContain("docker-lint: linting 2 Dockerfiles of 2 projects in one process");
    expect(NxWorkspace.section(r.output, "worker:docker-lint")).toContain("lint: services/worker/Dockerfile: no problems");
    expect(NxWorkspace.section(r.output, "api:docker-lint")).toContain("lint: services/api/Dockerfile: no problems");
    // --batch=false: one process per task, same reports.
    const perTask = await ws.nx(["run-many", "-t", "docker-lint", "--skip-nx-cache", "--batch=false"]);
    expect(perTask.code, perTask.output).toBe(0);
    expect(perTask.output).not.toContain("in one process");
    expect(NxWorkspace.section(perTask.output, "api:docker-lint")).toContain("lint: services/api/Dockerfile: no problems");
  }, 600_000);

  it("a single-project run prints its header once (no batch of one); run-many still batches", async () => {
    const r = await ws.nx(["run", "api:docker-lint", "--skip-nx-cache"]);
    expect(r.code, r.output).toBe(0);
    expect(r.output.match(/^> nx run api:docker-lint/gm)).toHaveLength(1);
    expect(r.output).not.toContain("in one process");
    expect(NxWorkspace.section(r.output, "api:docker-lint")).toContain("lint: services/api/Dockerfile: no problems");
  }, 600_000);

  it("the fix target rewrites the file and is never cached", async () => {
    // A shell-form ENTRYPOINT on a shell-less base: json-exec-form's safe fix applies.
    ws.write("services/worker/Dockerfile", goService("worker")["services/worker/Dockerfile"]!.replace('ENTRYPOINT ["/worker"]', "ENTRYPOINT /worker"));
    const fixed = await ws.nx(["run", "worker:docker-lint-fix"]);
    expect(fixed.code, fixed.output).toBe(0);
    const { readFileSync } = await import("node:fs");
    expect(readFileSync(`${ws.dir}/services/worker/Dockerfile`, "utf8")).toContain('ENTRYPOINT ["/worker"]');
    ws.write("services/worker/Dockerfile", goService("worker")["services/worker/Dockerfile"]!.replace('ENTRYPOINT ["/worker"]', "ENTRYPOINT /worker"));
    const again = await ws.nx(["run", "worker:docker-lint-fix"]);
    expect(again.cached).toEqual([]);
    expect(readFileSync(`${ws.dir}/services/worker/Dockerfile`, "utf8")).toContain('ENTRYPOINT ["/worker"]');
  }, 600_000);
});
