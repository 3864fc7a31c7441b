import { execFileSync } from "node:child_process";
import { chmodSync, readFileSync, symlinkSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { buildHints, isRootUser, portableProgressLine, runName } from "../src/lib/docker";
import { toSwitch } from "../src/lib/options";
import { formatSize, parseSize, sizeComparison } from "../src/lib/size";
import { firstTarEntry, modeString } from "../src/lib/tar";
import { sizeRows, sizeSummary } from "../src/lib/summary";
import { postTasksExecution } from "../src/plugin/post-tasks";
import { progressPrinter } from "../src/executors/lint/run";
import lintBatch from "../src/executors/lint/batch";
import { preTasksExecution, runsOneTaskOf } from "../src/plugin/pre-tasks";
import { tempTree } from "./helpers";

describe("sizes", () => {
  it("parses decimal and binary units", () => {
    expect(parseSize("20MB")).toBe(20_000_000);
    expect(parseSize("20 mb")).toBe(20_000_000);
    expect(parseSize("1.5GB")).toBe(1_500_000_000);
    expect(parseSize("512KiB")).toBe(524_288);
    expect(parseSize(1234)).toBe(1234);
    expect(parseSize("1234")).toBe(1234);
    expect(() => parseSize("twenty")).toThrow(/invalid size "twenty"/);
    expect(() => parseSize("20 parsecs")).toThrow(/invalid size/);
  });

  it("prints them as docker does and compares final with builder", () => {
    expect(formatSize(999)).toBe("999 B");
    expect(formatSize(4_700_000)).toBe("4.7 MB");
    expect(formatSize(346_000_000)).toBe("346 MB");
    expect(sizeComparison(4_700_000, 346_000_000)).toBe("4.7 MB, builder 346 MB, 98.6% smaller");
    expect(sizeComparison(4_700_000, null)).toBe("4.7 MB");
  });
});

describe("option switches", () => {
  it("accept booleans, their strings and auto", () => {
    expect([true, "true", false, "false", "auto", undefined, "bogus"].map((v) => toSwitch(v))).toEqual([true, true, false, false, "auto", "auto", "auto"]);
  });
});

describe("image checks", () => {
  it("names every image and container per run, in Docker's allowed alphabet", () => {
    expect(runName("@acme/API service", "0a1b2c3d")).toBe("docker-lint-acme-api-service-0a1b2c3d");
    expect(runName("api")).toMatch(/^docker-lint-api-[0-9a-f]{8}$/);
    expect(runName("api")).not.toBe(runName("api"));
  });

  it("explains build failures with a known cause", () => {
    expect(buildHints("executor failed running [/bin/sh -c go mod download]: network bridge not found")).toEqual([
      'the engine has no bridge network (dockerd --bridge=none): set the option network: "none"',
    ]);
    expect(buildHints('resolve image config for docker.io/docker/dockerfile:1\nfailed to solve with frontend gateway.v0: failed to do request: Head "https://registry-1.docker.io/v2/docker/dockerfile/manifests/1": no such host')[0]).toMatch(/`# syntax=` line/);
    expect(buildHints("pull access denied for golang, repository does not exist")[0]).toMatch(/not in the local engine/);
    expect(buildHints("go: cannot find main module")).toEqual([]);
  });

  it("treats every spelling of root as root", () => {
    for (const u of ["", undefined, "root", "0", "0:0", "root:root", " root "]) expect(isRootUser(u), String(u)).toBe(true);
    for (const u of ["nonroot", "65532", "65532:65532", "nonroot:nonroot", "app"]) expect(isRootUser(u), u).toBe(false);
  });
});

describe("tar entries (what docker cp writes)", () => {
  let cleanups: Array<() => void> = [];
  afterEach(() => {
    for (const c of cleanups) c();
    cleanups = [];
  });

  it("reads the mode, kind and content of the first entry", () => {
    const t = tempTree({ "bin/api": "#!binary\n", "bin/data": "x" });
    cleanups.push(t.cleanup);
    chmodSync(path.join(t.dir, "bin/api"), 0o755);
    chmodSync(path.join(t.dir, "bin/data"), 0o644);
    symlinkSync("api", path.join(t.dir, "bin/link"));
    const tar = (name: string) => execFileSync("tar", ["-C", path.join(t.dir, "bin"), "-cf", "-", name]);
    expect(firstTarEntry(tar("api"))).toMatchObject({ name: "api", kind: "file", mode: 0o755, size: 9 });
    expect(firstTarEntry(tar("api"))!.content.toString()).toBe("#!binary\n");
    expect(firstTarEntry(tar("data"))).toMatchObject({ kind: "file", mode: 0o644 });
    expect(firstTarEntry(tar("link"))).toMatchObject({ kind: "symlink", linkName: "api" });
    expect(modeString(0o755)).toBe("rwxr-xr-x");
    expect(modeString(0o640)).toBe("rw-r-----");
  });

  it("skips PAX headers and uses their long path", () => {
    const long = `${"d".repeat(120)}.bin`;
    const t = tempTree({ [long]: "abc" });
    cleanups.push(t.cleanup);
    const buf = execFileSync("tar", ["--format=pax", "-C", t.dir, "-cf", "-", long]);
    expect(firstTarEntry(buf)).toMatchObject({ name: long, kind: "file", size: 3 });
    expect(firstTarEntry(Buffer.alloc(1024))).toBeNull();
    expect(readFileSync(path.join(t.dir, long), "utf8")).toBe("abc");
  });
});

describe("size summary", () => {
  const report = [
    "lint: examples/api/Dockerfile: no problems",
    "go build ok: api 6.0 MB, x86-64, statically linked",
    "docker build ok: final image 7.5 MB, --target build 242 MB",
    "  ✔ size 7.5 MB ≤ maxImageSize 20.0 MB",
    "api: 7.5 MB, builder 242 MB, 96.9% smaller",
  ].join("\n");

  it("reads back only the per-image size lines", () => {
    expect(sizeRows(report)).toEqual([{ label: "api", finalBytes: 7_500_000, builderBytes: 242_000_000, line: "api: 7.5 MB, builder 242 MB, 96.9% smaller" }]);
    expect(sizeRows("\u001b[1mapi (debug.Dockerfile): 12.0 MB\u001b[22m")).toEqual([{ label: "api (debug.Dockerfile)", finalBytes: 12_000_000, builderBytes: null, line: "api (debug.Dockerfile): 12.0 MB" }]);
  });

  it("lists every image and totals those with a builder", () => {
    const rows = [...sizeRows(report), ...sizeRows("geo: 17.8 MB, builder 448 MB, 96.0% smaller")];
    expect(sizeSummary(rows)).toBe(
      ["docker-lint image sizes:", "  api: 7.5 MB, builder 242 MB, 96.9% smaller", "  geo: 17.8 MB, builder 448 MB, 96.0% smaller", "  all 2 images: 25.3 MB, builders 690 MB, 96.3% smaller"].join("\n"),
    );
    expect(sizeSummary([])).toBe("");
  });
  it("marks failed projects, with or without an image, from the task status", async () => {
    const result = (project: string, status: string, terminalOutput: string) => ({ task: { id: `${project}:docker-lint`, target: { project, target: "docker-lint" } }, status, code: status === "failure" ? 1 : 0, terminalOutput });
    const taskResults = {
      "geo:docker-lint": result("geo", "failure", "go build failed: …"),
      "api:docker-lint": result("api", "remote-cache", report),
      "web:docker-lint": result("web", "failure", "docker build ok: final image 9.0 MB\n  ✖ runs as root\nweb (failed): 9.0 MB"),
      "old:docker-lint": result("old", "stopped", "old: 5.0 MB, builder 100 MB, 95.0% smaller"),
      "api:other": { ...result("api", "failure", ""), task: { id: "api:other", target: { project: "api", target: "other" } } },
    };
    const logged: string[] = [];
    const spy = vi.spyOn(console, "log").mockImplementation((m: string) => void logged.push(m));
    try {
      await postTasksExecution(undefined, { taskResults } as unknown as Parameters<typeof postTasksExecution>[1]);
    } finally {
      spy.mockRestore();
    }
    expect(logged.join("\n").trim().split("\n")).toEqual([
      "docker-lint image sizes:",
      "  api: 7.5 MB, builder 242 MB, 96.9% smaller",
      "  geo (failed): no image",
      "  old (failed): 5.0 MB, builder 100 MB, 95.0% smaller",
      "  web (failed): 9.0 MB",
      "  all 2 images: 12.5 MB, builders 342 MB, 96.3% smaller",
    ]);
  });
});

describe("progress lines", () => {
  const printed = (alone: boolean, env: NodeJS.ProcessEnv) => {
    const out: string[] = [];
    progressPrinter(alone, env, (s) => void out.push(s))("api", "#7 [build 4/6] RUN go mod download");
    return out.join("");
  };

  it("carry the project once: Nx's stream prefix for a task's own process, ours otherwise", () => {
    expect(printed(true, { NX_PREFIX_OUTPUT: "true" })).toBe("#7 [build 4/6] RUN go mod download\n");
    expect(printed(true, {})).toBe("[api] #7 [build 4/6] RUN go mod download\n");
    expect(printed(true, { NX_PREFIX_OUTPUT: "false" })).toBe("[api] #7 [build 4/6] RUN go mod download\n");
    // A batch's output is one process's: Nx cannot prefix it per task.
    expect(printed(false, { NX_PREFIX_OUTPUT: "true" })).toBe("[api] #7 [build 4/6] RUN go mod download\n");
  });
});

describe("portable progress", () => {
  const image = "docker-lint-api-9d8092d8";
  const kept = (lines: string[]) => lines.map((l) => portableProgressLine(l, image)).filter((l) => l !== null);

  it("drops BuildKit's timings and digests and the run's random names", () => {
    expect(
      kept([
        "#7 [build 4/6] RUN go mod download",
        "#7 sha256:2eef24f34c736459bd287e66e301cb498385b1b6c5d6176185e21be10148a12d",
        "#7 0.512 go: downloading example.com/x v1.0.0",
        "#7 DONE 12.3s",
        "#6 transferring context: 2.26MB 0.1s done",
        "#8 CACHED",
        `#11 naming to docker.io/library/${image}-builder done`,
        `smoke run: docker run --rm --network none ${image} -version`,
      ]),
    ).toEqual([
      "#7 [build 4/6] RUN go mod download",
      "#7 go: downloading example.com/x v1.0.0",
      "#6 transferring context: 2.26MB done",
      "#8 CACHED",
      "#11 naming to docker.io/library/<image>-builder done",
      "smoke run: docker run --rm --network none <image> -version",
    ]);
  });
});

describe("one task, no batch", () => {
  const targets = ["docker-lint", "docker-lint-fix"];
  const one = (cmd: string) => runsOneTaskOf(cmd.split(" "), targets);

  it("recognises the commands that run one docker-lint task", () => {
    expect(one("run api:docker-lint")).toBe(true);
    expect(one("run api:docker-lint --skip-nx-cache --image=false")).toBe(true);
    expect(one("run api:docker-lint:ci")).toBe(true);
    expect(one("api:docker-lint-fix")).toBe(true);
    expect(one("docker-lint api --output-style=stream")).toBe(true);
    expect(one("run api:docker-lint -c ci")).toBe(true);
  });

  it("leaves everything else to preferBatch or the user's choice", () => {
    expect(one("run-many -t docker-lint")).toBe(false);
    expect(one("run-many -t docker-lint -p api")).toBe(false);
    expect(one("affected -t docker-lint")).toBe(false);
    expect(one("run api:build")).toBe(false);
    expect(one("run api:docker-lint --batch")).toBe(false);
    expect(one("run api:docker-lint --batch=true")).toBe(false);
    expect(one("docker-lint api,worker")).toBe(false);
    expect(one("build api")).toBe(false);
  });

  it("turns batching off through the hook's environment, for the configured target name", () => {
    const context = (cmd: string) => ({ argv: ["node", "nx.js", ...cmd.split(" ")] }) as unknown as Parameters<typeof preTasksExecution>[1];
    const saved = process.env.NX_BATCH_MODE;
    const after = (options: Parameters<typeof preTasksExecution>[0], cmd: string) => {
      delete process.env.NX_BATCH_MODE;
      preTasksExecution(options, context(cmd));
      return process.env.NX_BATCH_MODE;
    };
    try {
      expect(after(undefined, "run api:docker-lint")).toBe("false");
      expect(after({ targetName: "dl" }, "run api:docker-lint")).toBeUndefined();
      expect(after({ targetName: "dl" }, "run api:dl")).toBe("false");
      expect(after(undefined, "run-many -t docker-lint")).toBeUndefined();
      process.env.NX_BATCH_MODE = "true";
      preTasksExecution(undefined, context("run api:docker-lint"));
      expect(process.env.NX_BATCH_MODE).toBe("true");
      // Nx 21.0 calls the hook with no argv: nothing to decide, batching stays as it is.
      delete process.env.NX_BATCH_MODE;
      preTasksExecution(undefined, {} as Parameters<typeof preTasksExecution>[1]);
      expect(process.env.NX_BATCH_MODE).toBeUndefined();
    } finally {
      if (saved === undefined) delete process.env.NX_BATCH_MODE;
      else process.env.NX_BATCH_MODE = saved;
    }
  });

});

describe("batch results", () => {
  it("end with a newline, so the live progress Nx prints next starts on a line of its own", async () => {
    const t = tempTree({ "a/Dockerfile": "FROM scratch\nCOPY app /app\nUSER 65532\nENTRYPOINT [\"/app\"]\n" });
    try {
      const task = { id: "a:docker-lint", target: { project: "a", target: "docker-lint" } };
      const results = [];
      const spy = vi.spyOn(console, "log").mockImplementation(() => {});
      try {
        for await (const r of lintBatch(
          { tasks: { [task.id]: task } } as never,
          { [task.id]: { dockerfiles: ["Dockerfile"], goBuild: false, image: false } },
          {},
          { root: t.dir, projectsConfigurations: { projects: { a: { root: "a" } } } } as never,
        ))
          results.push(r);
      } finally {
        spy.mockRestore();
      }
      expect(results).toHaveLength(1);
      expect(results[0]!.result.terminalOutput).toMatch(/^lint: a\/Dockerfile: no problems\n$/);
    } finally {
      t.cleanup();
    }
  });
});
