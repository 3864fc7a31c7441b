/** Messages for inputs that are not what they seem: each names the file and says what it is. */
import { chmodSync, symlinkSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, buildCore, cleanTemp, run, tempTree, CLEAN } from "./helpers.js";

const CONFIG = JSON.stringify({ extends: "none", rules: { "require-image-tag": "error", "no-unpinned-toolchain": "error" } });
type Result = { filePath: string; messages: Array<{ fatal?: boolean; message: string; line: number; ruleId: string | null }> };
const byName = (stdout: string) => Object.fromEntries((JSON.parse(stdout) as Result[]).map((r) => [path.basename(r.filePath), r]));

function utf16(text: string, endian: "le" | "be", bom: boolean): Buffer {
  const le = Buffer.from((bom ? "\uFEFF" : "") + text, "utf16le");
  return endian === "le" ? le : Buffer.from(le.swap16());
}

beforeAll(buildCore);
afterAll(cleanTemp);

describe("UTF-16 files", () => {
  it("are called UTF-16 (which byte order, whether with a BOM), not binary", () => {
    const root = tempTree({
      "docker-lint.config.json": CONFIG,
      "le-bom.Dockerfile": utf16(CLEAN, "le", true),
      "be-bom.Dockerfile": utf16(CLEAN, "be", true),
      "le.Dockerfile": utf16(CLEAN, "le", false),
      "be.Dockerfile": utf16(CLEAN, "be", false),
    });
    const r = run(["-f", "json"], { cwd: root });
    expect(r.code).toBe(1);
    const results = byName(r.stdout);
    const says = (kind: string) => [{ fatal: true, line: 0, message: `The file is UTF-16 (${kind}); Docker reads Dockerfiles as UTF-8. Re-save it as UTF-8.` }];
    expect(results["le-bom.Dockerfile"]!.messages).toMatchObject(says("LE with a byte order mark"));
    expect(results["be-bom.Dockerfile"]!.messages).toMatchObject(says("BE with a byte order mark"));
    expect(results["le.Dockerfile"]!.messages).toMatchObject(says("LE without a byte order mark"));
    expect(results["be.Dockerfile"]!.messages).toMatchObject(says("BE without a byte order mark"));
  });

  it("on stdin too", () => {
    const root = tempTree({ "docker-lint.config.json": CONFIG });
    const r = run(["--stdin", "-f", "json"], { cwd: root, input: utf16(CLEAN, "le", true) });
    expect(JSON.parse(r.stdout)[0].messages[0].message).toMatch(/^The file is UTF-16 \(LE with a byte order mark\)/);
  });
});

describe("paths named on the command line", () => {
  it("a folder named Dockerfile holding no Dockerfile is a usage error that says it is a folder", () => {
    const root = tempTree({ "docker-lint.config.json": CONFIG, "Dockerfile/README": "not here" });
    expect(run(["Dockerfile"], { cwd: root })).toEqual({ code: 2, stdout: "", stderr: "docker-lint: Dockerfile is a folder, not a Dockerfile, and holds no Dockerfiles\n" });
  });

  it("a folder named Dockerfile met while searching is searched like any folder", () => {
    const root = tempTree({ "docker-lint.config.json": CONFIG, "svc/Dockerfile/Dockerfile": CLEAN, "svc/Dockerfile/notes.txt": "x" });
    const r = run(["-f", "json"], { cwd: root });
    expect(r.code).toBe(0);
    expect(Object.keys(byName(r.stdout))).toEqual(["Dockerfile"]);
  });

  it("a symlink loop is called a symlink loop", () => {
    const root = tempTree({ "docker-lint.config.json": CONFIG });
    symlinkSync("b.Dockerfile", path.join(root, "a.Dockerfile"));
    symlinkSync("a.Dockerfile", path.join(root, "b.Dockerfile"));
    expect(run(["a.Dockerfile"], { cwd: root })).toEqual({ code: 2, stdout: "", stderr: "docker-lint: a.Dockerfile is a symlink loop (a link that leads back to itself)\n" });
  });

  it("a dangling symlink is called one", () => {
    const root = tempTree({ "docker-lint.config.json": CONFIG });
    symlinkSync("gone/Dockerfile", path.join(root, "Dockerfile"));
    expect(run(["Dockerfile"], { cwd: root })).toMatchObject({ code: 2, stderr: "docker-lint: Dockerfile is a symlink to a file that does not exist\n" });
  });
});

describe("go.mod files the engine cannot use", () => {
  const GO = CLEAN; // builds with golang:1.22.5
  it("a garbage go.mod gets one warning naming it, however many Dockerfiles use it", () => {
    const root = tempTree({ "docker-lint.config.json": CONFIG, ".git/HEAD": "", "go.mod": Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2]), "a/Dockerfile": GO, "b/Dockerfile": GO });
    const r = run(["-f", "json"], { cwd: root });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("docker-lint: warning: go.mod is not a text file (binary or not UTF-8); the checks that need a go.mod are skipped for the Dockerfiles that use it.\n");
  });

  it("a go.mod without a module line, or with a go line that is no version, is named", () => {
    const root = tempTree({ "docker-lint.config.json": CONFIG, ".git/HEAD": "", "a/go.mod": "hello\n", "a/Dockerfile": GO, "b/go.mod": "module x\ngo banana\n", "b/Dockerfile": GO });
    const r = run(["-f", "json"], { cwd: root });
    expect(r.stderr.split("\n")).toEqual([
      "docker-lint: warning: a/go.mod has no module line, so it is not a go.mod Go can read; the checks that need a go.mod are skipped for the Dockerfiles that use it.",
      "docker-lint: warning: b/go.mod has a go line that is not a Go version ('go banana'); the checks that need a go.mod are skipped for the Dockerfiles that use it.",
      "",
    ]);
  });

  it.skipIf(process.getuid?.() !== 0)("an unreadable go.mod is named with the reason", () => {
    const root = tempTree({ "docker-lint.config.json": CONFIG, ".git/HEAD": "", "go.mod": "module x\ngo 1.22\n", Dockerfile: GO });
    chmodSync(path.join(root, "go.mod"), 0o000);
    chmodSync(path.join(root, "docker-lint.config.json"), 0o644);
    chmodSync(path.join(root, "Dockerfile"), 0o644);
    const r = run(["-f", "json"], { cwd: root, uid: 65534, gid: 65534 });
    expect(r.stderr).toBe("docker-lint: warning: go.mod cannot be read (EACCES: permission denied); the checks that need a go.mod are skipped for the Dockerfiles that use it.\n");
  });

  it("a sound go.mod gets no warning", () => {
    const root = tempTree({ "docker-lint.config.json": CONFIG, ".git/HEAD": "", "go.mod": "module x\n\ngo 1.22.5\n", Dockerfile: GO });
    expect(run(["-f", "json"], { cwd: root })).toMatchObject({ code: 0, stderr: "" });
  });
});

describe("long values in messages", () => {
  it("a 5,000-digit go line is cut in every format, with its length", () => {
    const digits = "2".repeat(5000);
    const config = JSON.stringify({ extends: "none", rules: { "go-version-matches-go-mod": "error" } });
    const root = tempTree({ "docker-lint.config.json": config, ".git/HEAD": "", "go.mod": `module x\n\ngo 1.${digits}\n`, Dockerfile: CLEAN });
    for (const format of ["stylish", "json", "sarif", "github"]) {
      const r = run(["-f", format], { cwd: root });
      expect(r.code).toBe(1);
      // json keeps a suggestion's fix whole (it is what would be written); what people read is cut.
      const shown = format === "json" ? JSON.stringify(JSON.parse(r.stdout)[0].messages.map((m: { message: string; suggestions?: Array<{ desc: string }> }) => [m.message, m.suggestions?.map((s) => s.desc)])) : r.stdout;
      expect(shown).not.toContain("2".repeat(300));
      expect(shown).toMatch(/1\.2{70,}… \[\d{4} characters\]/);
    }
  });
});


describe("a reader that goes away (docker-lint … | head)", () => {
  it("stops without a stack trace and exits with the lint's status", async () => {
    const { spawn } = await import("node:child_process");
    // Enough files for a report larger than a pipe's buffer: the write must meet a closed pipe.
    const files: Record<string, string> = {};
    for (let i = 0; i < 300; i++) files[`s${i}/Dockerfile`] = `FROM node\nRUN echo ${"x".repeat(200)}\n`;
    const dir = tempTree(files);
    const child = spawn(process.execPath, [BIN, "--format", "json", "."], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.stdout.once("data", () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(stderr).not.toMatch(/EPIPE|at .*\(node:/);
    expect(code).toBe(1);
  });
});
