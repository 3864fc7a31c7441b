/**
 * How lintFiles runs ShellCheck: distinct scripts once, in batches, no more processes at once
 * than cores, and the lint going on while they run. A stand-in `shellcheck` on PATH logs each
 * call (its files, how many ran beside it, when it started and ended) and reports SC2164 on the
 * first body line of every script.
 */
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
// lintFiles loads CommonJS runtime modules that only the build has: this tests the built dist (`npm test` builds first).
import { DockerLinter } from "../dist/index.js";

const FAKE = `#!/usr/bin/env node
const fs = require("fs");
const log = process.env.FAKE_SHELLCHECK_LOG;
const running = log + ".running";
fs.mkdirSync(running, { recursive: true });
fs.writeFileSync(running + "/" + process.pid, "");
const beside = fs.readdirSync(running).length;
const start = Date.now();
const files = process.argv.slice(process.argv.indexOf("--") + 1);
// A file the lint must not read again: gone once its scripts are checked.
if (process.env.FAKE_SHELLCHECK_DELETE) fs.rmSync(process.env.FAKE_SHELLCHECK_DELETE, { force: true });
setTimeout(() => {
  fs.appendFileSync(log, JSON.stringify({ files, beside, start, end: Date.now() }) + "\\n");
  fs.rmSync(running + "/" + process.pid);
  const comments = files.map((file) => ({ file, line: 3, column: 1, endLine: 3, endColumn: 2, level: "warning", code: 2164, message: "fake" }));
  process.stdout.write(JSON.stringify({ comments }));
}, Number(process.env.FAKE_SHELLCHECK_DELAY_MS));
`;

interface Call {
  files: string[];
  beside: number;
  start: number;
  end: number;
}

let root: string;
let log: string;
const savedPath = process.env.PATH;

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), "docker-lint-sc-batches-"));
  const bin = path.join(root, "bin");
  mkdirSync(bin);
  writeFileSync(path.join(bin, "shellcheck"), FAKE);
  chmodSync(path.join(bin, "shellcheck"), 0o755);
  // Read once per process, on first use: nothing here has looked for it yet.
  process.env.PATH = `${bin}${path.delimiter}${savedPath ?? ""}`;
});

afterAll(() => {
  process.env.PATH = savedPath;
  rmSync(root, { recursive: true, force: true });
});

/** Writes the Dockerfiles (one per text) to a fresh folder and lints them with the shellcheck rule. */
async function lintWithFake(name: string, texts: string[], delayMs: number, parallel = 0) {
  log = path.join(root, `${name}.log`);
  process.env.FAKE_SHELLCHECK_LOG = log;
  process.env.FAKE_SHELLCHECK_DELAY_MS = String(delayMs);
  const files = texts.map((text, i) => {
    const dir = path.join(root, name, String(i));
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "Dockerfile"), text);
    return path.join(dir, "Dockerfile");
  });
  const linted: number[] = [];
  const linter = new DockerLinter({ extends: "none", rules: { shellcheck: "error" }, languageOptions: { goMod: false } });
  const results = await linter.lintFiles(files, { parallel, onFile: () => linted.push(Date.now()) });
  const calls = readFileSync(log, "utf8").trim().split("\n").map((l) => JSON.parse(l) as Call);
  return { results, calls, linted };
}

describe("ShellCheck in lintFiles", () => {
  it("checks each distinct script once, in batches, at most one process per core at a time", async () => {
    // 100 distinct scripts, and 30 files repeating some of them.
    const texts = Array.from({ length: 130 }, (_, i) => `FROM debian:12\nRUN cd /srv/batch-${i % 100}\n`);
    const { results, calls } = await lintWithFake("batches", texts, 50);
    const checked = calls.flatMap((c) => c.files);
    expect(checked).toHaveLength(100);
    expect(calls.length).toBeGreaterThan(2);
    for (const c of calls) expect(c.files.length).toBeLessThan(50);
    expect(Math.max(...calls.map((c) => c.beside))).toBeLessThanOrEqual(availableParallelism());
    // Every file, repeats included, got its script's finding at its RUN.
    for (const { result } of results) expect(result.messages.map((m) => `${m.message}@${m.line}:${m.column}`)).toEqual(["SC2164 (warning): fake@2:5"]);
  });

  it("lints files while ShellCheck still checks later ones", async () => {
    const texts = Array.from({ length: 4 * 48 }, (_, i) => `FROM debian:12\nRUN cd /srv/overlap-${i}\n`);
    const { results, calls, linted } = await lintWithFake("overlap", texts, 400);
    expect(results.every(({ result }) => result.messages.length === 1)).toBe(true);
    const lastEnd = Math.max(...calls.map((c) => c.end));
    expect(Math.min(...linted)).toBeLessThan(lastEnd);
  });

  it("lints the files whose scripts are checked while an earlier one waits for its batch", async () => {
    // The first file's script takes 400 ms; the 60 after it have none to wait for.
    const texts = ["FROM debian:12\nRUN cd /srv/slow\n", ...Array.from({ length: 60 }, (_, i) => `FROM debian:12\nCMD ["/bin/app-${i}"]\n`)];
    const { results, calls, linted } = await lintWithFake("waiting", texts, 400);
    expect(calls).toHaveLength(1);
    const end = calls[0]!.end;
    expect(linted.filter((t) => t < end).length).toBeGreaterThanOrEqual(60);
    // The report keeps the files' order.
    expect(results.map((r) => r.result.messages.length)).toEqual([1, ...Array.from({ length: 60 }, () => 0)]);
  });

  it("gives each file the report lintText gives, when it reuses the file as read for ShellCheck", async () => {
    const texts = [
      "\uFEFFFROM debian:12\nRUN cd /srv/bom\n",
      "FROM debian:12\r\nRUN cd /srv/crlf\r\n",
      "FROM debian:12\n# eslint-disable-next-line @docker-lint/shellcheck\nRUN cd /srv/disabled\nRUN cd /srv/kept\n",
      "FROM debian:12\nRUN <<EOF\ncd /srv/heredoc\n",
      "FROM debian:12\nRUN cd /srv/plain\n",
    ];
    const { results } = await lintWithFake("reused", texts, 10);
    const linter = new DockerLinter({ extends: "none", rules: { shellcheck: "error" }, languageOptions: { goMod: false } });
    for (const { file, result } of results) {
      const alone = linter.lintText(readFileSync(file, "utf8"), { filePath: file });
      expect(result.messages).toEqual(alone.messages);
    }
    expect(results[2]!.result.messages.map((m) => m.line)).toEqual([4]);
  });

  it("lints a file as it was read for ShellCheck, without reading it again", async () => {
    process.env.FAKE_SHELLCHECK_DELETE = path.join(root, "read-once", "0", "Dockerfile");
    try {
      const { results } = await lintWithFake("read-once", ["FROM debian:12\nRUN cd /srv/read-once\n"], 10);
      expect(results[0]!.result.messages.map((m) => m.message)).toEqual(["SC2164 (warning): fake"]);
    } finally {
      delete process.env.FAKE_SHELLCHECK_DELETE;
    }
  });

  it("shares the files left with a worker once ShellCheck is done, handing it the results", async () => {
    // One script for all: nothing can be linted before its batch is done, then every file is left.
    const texts = Array.from({ length: 320 }, (_, i) => `FROM debian:12\nRUN cd /srv/shared\nLABEL n="${i}"\n`);
    const said: string[] = [];
    const write = vi.spyOn(process.stderr, "write").mockImplementation((chunk) => (said.push(String(chunk)), true));
    const debug = process.env.DEBUG;
    process.env.DEBUG = "docker-lint";
    let run: Awaited<ReturnType<typeof lintWithFake>>;
    try {
      run = await lintWithFake("handoff", texts, 200, 1);
    } finally {
      if (debug === undefined) delete process.env.DEBUG;
      else process.env.DEBUG = debug;
      write.mockRestore();
    }
    const { results, calls } = run;
    // Every file was left when ShellCheck was done, and a worker shared them.
    expect(said.join("")).toMatch(/^docker-lint: 1 worker thread\(s\) linted \d+ of the last 320 of 320 files\n$/);
    // Checked once: the worker was handed the result instead of running ShellCheck again.
    expect(calls).toHaveLength(1);
    expect(calls[0]!.files).toHaveLength(1);
    expect(results).toHaveLength(320);
    for (const { result } of results) expect(result.messages.map((m) => `${m.message}@${m.line}`)).toEqual(["SC2164 (warning): fake@2"]);
  });
});
