import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// The worker thread loads its script by path, so this tests the built dist (`npm test` builds first).
import { DockerLinter, type LintResult } from "../dist/index.js";

import { createRequire } from "node:module";
import { availableParallelism } from "node:os";

const { idleCores, workersFor } = createRequire(import.meta.url)("../dist/runtime/idle-cores.cjs") as typeof import("../src/runtime/idle-cores.cjs");
const { startEarlyWorker, takeEarlyWorker, FILES_PER_WORKER } = createRequire(import.meta.url)("../dist/runtime/early-worker.cjs") as typeof import("../src/runtime/early-worker.cjs");

const FILE_COUNT = 72;

describe("the worker policy", () => {
  it("starts a worker only on a core others leave at least 70 % idle", () => {
    expect(workersFor(1, null)).toBe(1);
    expect(workersFor(1, 0.05)).toBe(0);
    expect(workersFor(1, 0.6)).toBe(0);
    expect(workersFor(1, 0.75)).toBe(1);
    expect(workersFor(4, 1.8)).toBe(2);
    expect(workersFor(2, 3.9)).toBe(2);
  });

  it("reads the idle cores over the time since it last looked", () => {
    idleCores();
    const until = performance.now() + 60;
    while (performance.now() < until);
    const idle = idleCores();
    expect(idle).not.toBeNull();
    // This thread was busy all along: at most the other cores were idle.
    expect(idle!).toBeGreaterThanOrEqual(0);
    expect(idle!).toBeLessThanOrEqual(availableParallelism() - 1 + 0.35);
    expect(idleCores()).toBeNull();
  });

  it("counts the cores its own worker used as idle, when asked", async () => {
    idleCores();
    // A worker and this thread, both busy for 80 ms: the worker's core is no one else's load.
    const worker = new Worker("const until = performance.now() + 80; while (performance.now() < until);", { eval: true });
    const until = performance.now() + 80;
    while (performance.now() < until);
    await new Promise((resolve) => worker.on("exit", resolve));
    const counted = idleCores({ ownWorkers: true });
    expect(counted).not.toBeNull();
    expect(counted!).toBeGreaterThanOrEqual(0);
    expect(counted!).toBeLessThanOrEqual(availableParallelism() + 0.35);
  });
});

describe("the early worker", () => {
  const names = (n: number) => Array.from({ length: n }, (_, i) => `svc${i}/Dockerfile`);

  it("starts only for a command line naming enough files, options aside", async () => {
    expect(startEarlyWorker(names(FILES_PER_WORKER - 1))).toBeNull();
    // Each option may take a value, which is then no file: here one file short.
    expect(startEarlyWorker(["-f", "json", "--config", "c.json", ...names(FILES_PER_WORKER - 1)])).toBeNull();
    expect(startEarlyWorker(["--fix", "--quiet", ...names(FILES_PER_WORKER + 1)])).toBeNull();
    expect(takeEarlyWorker()).toBeNull();
    const previous = process.env.DOCKER_LINT_WORKERS;
    process.env.DOCKER_LINT_WORKERS = "0";
    try {
      expect(startEarlyWorker(names(FILES_PER_WORKER))).toBeNull();
    } finally {
      if (previous === undefined) delete process.env.DOCKER_LINT_WORKERS;
      else process.env.DOCKER_LINT_WORKERS = previous;
    }
    if (availableParallelism() < 2) return;
    const worker = startEarlyWorker(["-f", "json", ...names(FILES_PER_WORKER + 1)]);
    expect(worker).not.toBeNull();
    expect(takeEarlyWorker()).toBe(worker);
    // Taken once only.
    expect(takeEarlyWorker()).toBeNull();
    await worker!.terminate();
  });
});

describe("DockerLinter.lintFiles", () => {
  const root = mkdtempSync(path.join(tmpdir(), "docker-lint-files-"));
  const files: string[] = [];
  beforeAll(() => {
    writeFileSync(path.join(root, "go.mod"), "module m\ngo 1.22\n");
    mkdirSync(path.join(root, ".git"));
    const variants = [
      "FROM golang:1.21 AS build\nRUN go build -o /app .\nFROM scratch\nCOPY --from=build /app /app\n",
      "FROM alpine:latest\nCMD echo hi\n",
      "FROM gcr.io/distroless/static-debian12:nonroot\nCOPY app /app\nENTRYPOINT [\"/app\"]\n",
      "# eslint-disable-next-line @docker-lint/require-image-tag\nFROM node\n",
      "FROM gcr.io/distroless/static-debian12:nonroot\nCOPY app /app\nCMD /app --serve\n",
    ];
    for (let i = 0; i < FILE_COUNT; i++) {
      const dir = path.join(root, `svc${i}`);
      mkdirSync(dir);
      const file = path.join(dir, "Dockerfile");
      writeFileSync(file, variants[i % variants.length]!);
      files.push(file);
    }
    // Unreadable as Dockerfiles: a folder, a missing file, a binary file.
    files.splice(3, 0, path.join(root, "svc0"));
    files.splice(7, 0, path.join(root, "missing", "Dockerfile"));
    const binary = path.join(root, "binary.Dockerfile");
    writeFileSync(binary, Buffer.from([0x46, 0x52, 0x00, 0x4f]));
    files.push(binary);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const strip = (r: LintResult) => ({ ...r, source: undefined });

  it("gives the same results, in order, with and without the worker thread", async () => {
    const linter = new DockerLinter({ extends: "recommended" });
    const serial = await linter.lintFiles(files, { parallel: false });
    const parallel = await new DockerLinter({ extends: "recommended" }).lintFiles(files, { parallel: true });
    expect(serial.map((r) => r.file)).toEqual(files);
    expect(parallel.map((r) => r.file)).toEqual(files);
    expect(parallel.map((r) => strip(r.result))).toEqual(serial.map((r) => strip(r.result)));
    // And the same as lintText on each readable file.
    const byText = new DockerLinter({ extends: "recommended" }).lintText("FROM alpine:latest\nCMD echo hi\n", { filePath: files[1]! });
    expect(serial[1]!.result).toEqual(byText);
  });

  it("shares the files between this thread and several workers, results in order", async () => {
    const serial = await new DockerLinter({ extends: "recommended" }).lintFiles(files, { parallel: false });
    let progress = 0;
    const three = await new DockerLinter({ extends: "recommended" }).lintFiles(files, { parallel: 3, onFile: () => progress++ });
    expect(three.map((r) => r.file)).toEqual(files);
    expect(three.map((r) => strip(r.result))).toEqual(serial.map((r) => strip(r.result)));
    expect(progress).toBe(files.length);
  });

  it("fails with ESLint's message on a bad rule option, with workers too", async () => {
    const config = { rules: { "no-unpinned-toolchain": ["error", { level: "bogus" }] } } as const;
    await expect(new DockerLinter(config as never).lintFiles(files, { parallel: 1 })).rejects.toThrow(/no-unpinned-toolchain/);
    await expect(new DockerLinter(config as never).lintFiles(files, { parallel: 2 })).rejects.toThrow(/bogus/);
  });

  it("reports unreadable files with one fatal message", async () => {
    const results = await new DockerLinter().lintFiles(files, { parallel: true });
    const fatal = results.filter((r) => r.result.fatalErrorCount > 0).map((r) => path.relative(root, r.file));
    expect(fatal).toEqual(["svc0", path.join("missing", "Dockerfile"), "binary.Dockerfile"]);
  });

  it("returns the linted text with fixed output, for writing the fix", async () => {
    const results = await new DockerLinter({ extends: "recommended" }).lintFiles(files, { fix: true, parallel: true });
    const fixed = results.filter((r) => r.result.output !== undefined);
    expect(fixed.length).toBeGreaterThan(0);
    // The text the fix was made against: the file as read.
    for (const r of fixed) expect(r.text).toBe(readFileSync(r.file, "utf8"));
    expect(results.filter((r) => r.result.output === undefined).every((r) => r.text === undefined)).toBe(true);
  });

  it("lints in this thread when the config cannot be sent to a worker", async () => {
    const config = { extends: "recommended" as const, languageOptions: { goMod: false as const, note: () => "not cloneable" } };
    const results = await new DockerLinter(config).lintFiles(files, { parallel: true });
    expect(results).toHaveLength(files.length);
    expect(results[1]!.result.messages.length).toBeGreaterThan(0);
  });

  it("lints every file in the worker when this thread takes none", async () => {
    const serial = await new DockerLinter({ extends: "recommended" }).lintFiles(files, { parallel: false });
    const next = new Int32Array(new SharedArrayBuffer(4));
    const script = fileURLToPath(new URL("../dist/runtime/lint-worker.cjs", import.meta.url));
    const worker = new Worker(script, { workerData: { cliFlags: false } });
    worker.postMessage({ init: { config: { extends: "recommended" }, options: {} }, files, fix: false, next });
    const got: Array<{ index: number; item: { file: string; result: LintResult } }> = [];
    worker.on("message", (m) => got.push(m));
    const code = await new Promise((resolve, reject) => {
      worker.on("exit", resolve);
      worker.on("error", reject);
    });
    expect(code).toBe(0);
    expect(got.map((m) => m.index).sort((a, b) => a - b)).toEqual(files.map((_, i) => i));
    for (const m of got) expect(strip(m.item.result)).toEqual(strip(serial[m.index]!.result));
  });
});
