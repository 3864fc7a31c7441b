/** The executor's work without Nx around it: `runTasks` over temp workspaces. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import lintExecutor from "../src/executors/lint/executor";
import { batchConcurrency } from "../src/executors/lint/batch";
import { runTasks, type ProjectTask } from "../src/executors/lint/run";
import type { LintExecutorOptions } from "../src/lib/options";
import { hostGo, tempTree } from "./helpers";

const GOOD = `FROM golang:1.26.8 AS build
WORKDIR /src
COPY go.mod ./
COPY *.go ./
RUN CGO_ENABLED=0 go build -trimpath -o /out/svc .

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/svc /svc
USER nonroot:nonroot
ENTRYPOINT ["/svc"]
`;
const SERVICE = { "svc/go.mod": "module example.com/svc\n\ngo 1.21\n", "svc/main.go": 'package main\n\nfunc main() { println("svc") }\n' };
const LINT_ONLY: LintExecutorOptions = { goBuild: false, image: false };

let cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups) c();
  cleanups = [];
});

function workspace(files: Record<string, string>): string {
  const t = tempTree(files);
  cleanups.push(t.cleanup);
  return t.dir;
}

async function runOne(root: string, options: LintExecutorOptions, project = "svc") {
  const task: ProjectTask = { id: `${project}:docker-lint`, project, root: project, options: { dockerfiles: ["Dockerfile"], ...options } };
  return (await runTasks([task], root)).get(task.id)!;
}

describe("step 1: lint", () => {
  it("passes a clean Dockerfile and says so", async () => {
    const ws = workspace({ ...SERVICE, "svc/Dockerfile": GOOD });
    const r = await runOne(ws, LINT_ONLY);
    expect(r).toMatchObject({ success: true, output: "lint: svc/Dockerfile: no problems" });
  });

  it("fails on errors and reports them with workspace-relative paths", async () => {
    const ws = workspace({ ...SERVICE, "svc/Dockerfile": GOOD.replace("golang:1.26.8", "golang:latest") });
    const r = await runOne(ws, LINT_ONLY);
    expect(r.success).toBe(false);
    expect(r.output).toMatch(/^svc\/Dockerfile$/m);
    expect(r.output).toMatch(/1:6\s+error\s+.*@docker-lint\/no-unpinned-toolchain/);
    expect(r.output).not.toContain(ws);
  });

  it("uses the config the CLI would find, including its ignores", async () => {
    const ws = workspace({
      ...SERVICE,
      "svc/Dockerfile": GOOD.replace("golang:1.26.8", "golang:latest"),
      "docker-lint.config.json": JSON.stringify({ rules: { "require-image-tag": "off", "no-unpinned-toolchain": "off" } }),
    });
    expect((await runOne(ws, LINT_ONLY)).success).toBe(true);
    const ignoring = workspace({ ...SERVICE, "svc/Dockerfile": "FROM golang:latest\n", "docker-lint.config.json": JSON.stringify({ ignores: ["svc/**"] }) });
    const r = await runOne(ignoring, LINT_ONLY);
    expect(r).toMatchObject({ success: true, output: "svc/Dockerfile: ignored by docker-lint.config.json" });
  });

  it("reports a broken config instead of linting with defaults", async () => {
    const ws = workspace({ ...SERVICE, "svc/Dockerfile": GOOD, "docker-lint.config.json": JSON.stringify({ rules: { "no-such-rule": "error" } }) });
    const r = await runOne(ws, LINT_ONLY);
    expect(r.success).toBe(false);
    expect(r.output).toMatch(/docker-lint config: .*unknown rule "no-such-rule"/);
  });

  it("enforces maxWarnings", async () => {
    // An unused disable directive is a warning.
    const text = `# eslint-disable-next-line @docker-lint/require-image-tag\n${GOOD}`;
    const ws = workspace({ ...SERVICE, "svc/Dockerfile": text });
    expect((await runOne(ws, { ...LINT_ONLY })).success).toBe(true);
    const r = await runOne(ws, { ...LINT_ONLY, maxWarnings: 0 });
    expect(r.success).toBe(false);
    expect(r.output).toContain("docker-lint found too many warnings (1; maximum: 0).");
  });

  it("prints the json format with relative paths", async () => {
    const ws = workspace({ ...SERVICE, "svc/Dockerfile": "FROM golang:latest\n" });
    const r = await runOne(ws, { ...LINT_ONLY, format: "json" });
    const results = JSON.parse(r.output) as Array<{ filePath: string; errorCount: number }>;
    expect(results[0]!.filePath).toBe("svc/Dockerfile");
    expect(results[0]!.errorCount).toBeGreaterThan(0);
  });

  it("writes fixes with fix: true", async () => {
    const ws = workspace({ ...SERVICE, "svc/Dockerfile": GOOD.replace('ENTRYPOINT ["/svc"]', "ENTRYPOINT /svc") });
    const r = await runOne(ws, { ...LINT_ONLY, fix: true });
    expect(r.success, r.output).toBe(true);
    expect(readFileSync(path.join(ws, "svc/Dockerfile"), "utf8")).toContain('ENTRYPOINT ["/svc"]');
  });

  it("fails for a listed Dockerfile that does not exist", async () => {
    const ws = workspace(SERVICE);
    const r = await runOne(ws, LINT_ONLY);
    expect(r).toMatchObject({ success: false, output: "svc/Dockerfile: no such file" });
  });

  it("lints many projects in one call, each with its own report", async () => {
    const ws = workspace({ "a/Dockerfile": GOOD, "b/Dockerfile": "FROM golang:latest\n" });
    const tasks: ProjectTask[] = ["a", "b"].map((p) => ({ id: `${p}:docker-lint`, project: p, root: p, options: { dockerfiles: ["Dockerfile"], ...LINT_ONLY } }));
    const out = await runTasks(tasks, ws);
    expect(out.get("a:docker-lint")).toMatchObject({ success: true, output: "lint: a/Dockerfile: no problems" });
    expect(out.get("b:docker-lint")!.success).toBe(false);
    expect(out.get("b:docker-lint")!.output).toContain("b/Dockerfile");
  });
});

describe("steps 2 and 3: switches", () => {
  it("goBuild: true fails when the Dockerfile builds no Go; auto skips with the reason", async () => {
    const ws = workspace({ "web/Dockerfile": "FROM nginx:1.27-alpine\nUSER nginx\n" });
    const on = await runOne(ws, { goBuild: true, image: false }, "web");
    expect(on.success).toBe(false);
    expect(on.output).toContain("go build failed: goBuild is true, but the Dockerfile runs no go build");
    const auto = await runOne(ws, { goBuild: "auto", image: false }, "web");
    expect(auto.output).toContain("go build: skipped (the Dockerfile runs no go build)");
  });

  it("image: true fails without a usable Docker client; auto says so in one line and passes", async () => {
    const ws = workspace({ ...SERVICE, "svc/Dockerfile": GOOD });
    const on = await runOne(ws, { goBuild: false, image: true, docker: "/nonexistent/docker" });
    expect(on.success).toBe(false);
    expect(on.output).toMatch(/^image failed: image is true, but /m);
    const auto = await runOne(ws, { goBuild: false, image: "auto", docker: "/nonexistent/docker" });
    expect(auto.success).toBe(true);
    expect(auto.output.split("\n").filter((l) => l.startsWith("image: skipped: "))).toHaveLength(1);
  });

  it("rejects a malformed maxImageSize", async () => {
    const ws = workspace({ ...SERVICE, "svc/Dockerfile": GOOD });
    const r = await runOne(ws, { goBuild: false, image: "auto", maxImageSize: "big" });
    expect(r.success).toBe(false);
    expect(r.output).toContain('maxImageSize: invalid size "big"');
  });

  it.skipIf(!hostGo)("goBuild: auto builds the service the way the Dockerfile does", async () => {
    const ws = workspace({ ...SERVICE, "svc/Dockerfile": GOOD });
    const r = await runOne(ws, { goBuild: "auto", image: false });
    expect(r.success, r.output).toBe(true);
    expect(r.output).toMatch(/^go build ok: svc [\d.]+ [kM]B, \S+, statically linked, go[\d.]+$/m);
    expect(r.output).toContain("CGO_ENABLED=0 GOOS=linux GOARCH=");
    expect(r.output).toContain("(in svc)");
  }, 300_000);
});

describe("how many projects build at once", () => {
  it("reads --parallel as Nx does: command line, then NX_PARALLEL, then nx.json, else 3", () => {
    expect(batchConcurrency(["node", "nx", "run-many", "-t", "docker-lint", "--parallel=2"], "5", 4)).toBe(2);
    expect(batchConcurrency(["nx", "run-many", "--parallel", "1"], undefined, undefined)).toBe(1);
    expect(batchConcurrency(["nx", "run-many", "--parallel=false"], "5", 4)).toBe(1);
    expect(batchConcurrency(["nx", "run-many", "--parallel", "--maxParallel=6"], undefined, undefined)).toBe(6);
    expect(batchConcurrency(["nx", "run-many"], "5", 4)).toBe(5);
    expect(batchConcurrency(["nx", "run-many"], undefined, 4)).toBe(4);
    expect(batchConcurrency(["nx", "run-many"], undefined, undefined)).toBe(3);
  });

  it.skipIf(!hostGo)("runs one project after the other with concurrency 1, and both at once with 2", async () => {
    const ws = workspace({ "a/go.mod": SERVICE["svc/go.mod"], "a/main.go": SERVICE["svc/main.go"], "a/Dockerfile": GOOD, "b/go.mod": SERVICE["svc/go.mod"], "b/main.go": SERVICE["svc/main.go"], "b/Dockerfile": GOOD });
    const tasks: ProjectTask[] = ["a", "b"].map((p) => ({ id: `${p}:docker-lint`, project: p, root: p, options: { dockerfiles: ["Dockerfile"], goBuild: true, image: false } }));
    for (const concurrency of [1, 2]) {
      const events: string[] = [];
      await runTasks(tasks, ws, { concurrency, onProgress: (project) => events.push(`progress ${project}`), onDone: (id) => events.push(`done ${id}`) });
      const bStarts = events.indexOf("progress b");
      const aDone = events.indexOf("done a:docker-lint");
      if (concurrency === 1) expect(bStarts, events.join(", ")).toBeGreaterThan(aDone);
      else expect(bStarts, events.join(", ")).toBeLessThan(aDone);
    }
  }, 300_000);
});

describe("the executor entry point", () => {
  it("resolves the project root from the Nx context and returns success", async () => {
    const ws = workspace({ "services/svc/Dockerfile": GOOD });
    const context = { root: ws, projectName: "svc", targetName: "docker-lint", projectsConfigurations: { projects: { svc: { root: "services/svc" } }, version: 2 } };
    const lines: string[] = [];
    const log = console.log;
    console.log = (s: string) => lines.push(s);
    try {
      expect(await lintExecutor({ dockerfiles: ["Dockerfile"], ...LINT_ONLY }, context as never)).toEqual({ success: true });
    } finally {
      console.log = log;
    }
    expect(lines).toEqual(["lint: services/svc/Dockerfile: no problems"]);
  });
});
