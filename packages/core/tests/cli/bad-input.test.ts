import { spawnSync } from "node:child_process";
import { chmodSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, buildCore, cleanTemp, run, tempTree, CLEAN, UNTAGGED } from "./helpers.js";

const CONFIG = JSON.stringify({ extends: "none", rules: { "require-image-tag": "error" } });

interface Result {
  filePath: string;
  messages: Array<{ fatal?: boolean; severity: number; message: string; line: number; column: number; ruleId: string | null }>;
  errorCount: number;
  fatalErrorCount: number;
}
const byName = (stdout: string) => Object.fromEntries((JSON.parse(stdout) as Result[]).map((r) => [path.basename(r.filePath), r]));

beforeAll(buildCore);
afterAll(cleanTemp);

describe("files that are not Dockerfile text", () => {
  const tree = () =>
    tempTree({
      "docker-lint.config.json": CONFIG,
      "binary.Dockerfile": Buffer.concat([Buffer.from("FROM alpine:3.20\nRUN x"), Buffer.from([0, 1, 2, 0xff])]),
      "latin1.Dockerfile": Buffer.from("FROM alpine:3.20\n# caf\xe9 cr\xe8me\n", "latin1"),
      "huge.Dockerfile": `FROM alpine:3.20\n${"# padding\n".repeat(110_000)}`,
      "good.Dockerfile": UNTAGGED,
      "ok.Dockerfile": CLEAN,
    });

  it("reports each as one fatal error naming the problem, and lints the rest", () => {
    const r = run(["-f", "json"], { cwd: tree() });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("");
    const results = byName(r.stdout);
    expect(results["binary.Dockerfile"]).toMatchObject({
      errorCount: 1,
      fatalErrorCount: 1,
      messages: [{ ruleId: null, fatal: true, severity: 2, line: 2, column: 6, message: expect.stringContaining("binary (it contains a NUL byte)") }],
    });
    expect(results["latin1.Dockerfile"]).toMatchObject({
      fatalErrorCount: 1,
      messages: [{ fatal: true, line: 2, column: 6, message: expect.stringMatching(/not valid UTF-8.*Re-save it as UTF-8/) }],
    });
    expect(results["huge.Dockerfile"]).toMatchObject({
      fatalErrorCount: 1,
      messages: [{ fatal: true, line: 0, message: expect.stringMatching(/^The file is 1\.0 MiB; files over 1 MiB are not linted/) }],
    });
    expect(results["good.Dockerfile"]!.messages.map((m) => m.ruleId)).toEqual(["@docker-lint/require-image-tag"]);
    expect(results["ok.Dockerfile"]!.messages).toEqual([]);
  });

  it("shows them in stylish and github output too, never a stack trace", () => {
    const root = tree();
    const stylish = run([], { cwd: root });
    expect(stylish.stdout).toContain(`${path.join(root, "binary.Dockerfile")}\n  2:6  error  The file looks binary`);
    expect(stylish.stdout).toContain("\u2716 4 problems (4 errors, 0 warnings)");
    expect(stylish.stdout + stylish.stderr).not.toMatch(/\n\s+at /);
    const github = run(["-f", "github"], { cwd: root }).stdout.split("\n");
    expect(github).toContain("::error file=huge.Dockerfile,title=docker-lint::The file is 1.0 MiB; files over 1 MiB are not linted as Dockerfiles. Lint the real Dockerfile instead.");
    expect(github.some((l) => l.startsWith("::error file=latin1.Dockerfile,line=2,col=6,title=docker-lint::"))).toBe(true);
  });

  it("still gives a malformed Dockerfile a result", () => {
    const root = tempTree({ "docker-lint.config.json": CONFIG, Dockerfile: 'FROM\nRUN ["unterminated\nCOPY\nONBUILD\n\\' });
    const r = run(["-f", "json"], { cwd: root });
    expect(r.code).not.toBe(2);
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout)).toHaveLength(1);
  });

  const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
  it.skipIf(process.platform === "win32")("reports an unreadable file by name with the reason", () => {
    const root = tempTree({ "docker-lint.config.json": CONFIG, "secret.Dockerfile": CLEAN, "ok.Dockerfile": CLEAN });
    chmodSync(root, 0o755);
    chmodSync(path.join(root, "docker-lint.config.json"), 0o644);
    chmodSync(path.join(root, "ok.Dockerfile"), 0o644);
    chmodSync(path.join(root, "secret.Dockerfile"), 0o000);
    // root reads anything: run the check as an unprivileged user then.
    const r = run(["-f", "json"], { cwd: root, ...asNobody });
    expect(r.code).toBe(1);
    const results = byName(r.stdout);
    expect(results["secret.Dockerfile"]!.messages).toEqual([
      { ruleId: null, fatal: true, severity: 2, line: 0, column: 0, nodeType: null, message: "Cannot read the file (EACCES: permission denied). Check that it exists and is readable." },
    ]);
    expect(results["ok.Dockerfile"]!.messages).toEqual([]);
  });
});

describe("progress line", () => {
  const hasScript = spawnSync("script", ["--version"]).status === 0;
  /** Runs the CLI on a pseudo-terminal, stdout discarded, and returns what reached the terminal (stderr). */
  const onTty = (cwd: string, args: string) =>
    spawnSync("script", ["-qec", `${process.execPath} ${BIN} ${args} >/dev/null`, "/dev/null"], { cwd, encoding: "utf8" }).stdout;
  const many = () =>
    tempTree({
      "docker-lint.config.json": CONFIG,
      ...Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`svc${i}/Dockerfile`, CLEAN])),
    });

  it.skipIf(!hasScript)("shows on a terminal for more than 50 files and is erased at the end", () => {
    const tty = onTty(many(), "");
    expect(tty).toMatch(/^\rlinting 1\/60 files…/);
    expect(tty.endsWith("\r\u001b[K")).toBe(true);
  });

  it.skipIf(!hasScript)("stays off with --no-progress, for json and sarif, and for 50 files or fewer", () => {
    const root = many();
    expect(onTty(root, "--no-progress")).toBe("");
    expect(onTty(root, "-f json")).toBe("");
    expect(onTty(root, "-f sarif")).toBe("");
    expect(onTty(root, "svc1 svc2 svc3")).toBe("");
  });
});
