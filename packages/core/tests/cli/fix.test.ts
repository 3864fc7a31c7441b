import { chmodSync, chownSync, linkSync, lstatSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync, utimesSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCore, cleanTemp, run, tempTree, CLEAN, SHELL_CMD, SHELL_CMD_FIXED, UNTAGGED } from "./helpers.js";

const CONFIG = JSON.stringify({ extends: "none", rules: { "json-exec-form": "error", "require-image-tag": "error" } });
const PAST = new Date("2020-01-01T00:00:00Z");

/** Sets an old mtime so that any write, even within the same second, shows. */
function age(file: string): void {
  utimesSync(file, PAST, PAST);
}
function snapshot(file: string) {
  const st = statSync(file);
  return { bytes: readFileSync(file).toString("base64"), mtimeMs: st.mtimeMs, ino: st.ino, mode: st.mode };
}

beforeAll(buildCore);
afterAll(cleanTemp);

describe("--fix", () => {
  it("writes fixed files atomically, keeps their mode, and leaves other files untouched", () => {
    const root = tempTree({
      "docker-lint.config.json": CONFIG,
      "fixable/Dockerfile": SHELL_CMD,
      "clean/Dockerfile": CLEAN,
      "unfixable/Dockerfile": UNTAGGED,
    });
    const fixable = path.join(root, "fixable/Dockerfile");
    chmodSync(fixable, 0o640);
    const untouched = ["clean/Dockerfile", "unfixable/Dockerfile"].map((f) => path.join(root, f));
    for (const f of [fixable, ...untouched]) age(f);
    const before = untouched.map(snapshot);
    const inodeBefore = statSync(fixable).ino;

    const r = run(["--fix", "-f", "json"], { cwd: root });

    expect(readFileSync(fixable, "utf8")).toBe(SHELL_CMD_FIXED);
    expect(statSync(fixable).mode & 0o777).toBe(0o640);
    // Replaced by rename, not rewritten in place.
    expect(statSync(fixable).ino).not.toBe(inodeBefore);
    expect(untouched.map(snapshot)).toEqual(before);
    expect(readdirSync(path.join(root, "fixable"))).toEqual(["Dockerfile"]); // no temp file left behind
    // The report shows what is left: the unfixable error, so exit 1.
    expect(r.code).toBe(1);
    const results = JSON.parse(r.stdout);
    expect(results.find((x: { filePath: string }) => x.filePath === fixable)).toMatchObject({ messages: [], output: SHELL_CMD_FIXED });
  });

  it("exits 0 once every problem is fixed, and a second run writes nothing", () => {
    const root = tempTree({ "docker-lint.config.json": CONFIG, Dockerfile: SHELL_CMD });
    const file = path.join(root, "Dockerfile");
    expect(run(["--fix"], { cwd: root })).toEqual({ code: 0, stdout: "", stderr: "" });
    age(file);
    const fixed = snapshot(file);
    expect(run(["--fix"], { cwd: root }).code).toBe(0);
    expect(snapshot(file)).toEqual(fixed);
  });

  it("removes an unused disable directive (ESLint's own fix)", () => {
    const root = tempTree({ "docker-lint.config.json": CONFIG, Dockerfile: `# eslint-disable-next-line @docker-lint/require-image-tag\n${CLEAN}` });
    const file = path.join(root, "Dockerfile");
    const check = run(["-f", "json"], { cwd: root });
    expect(JSON.parse(check.stdout)[0]).toMatchObject({ warningCount: 1, fixableWarningCount: 1 });
    expect(run(["--fix"], { cwd: root }).code).toBe(0);
    const text = readFileSync(file, "utf8");
    expect(text).not.toContain("eslint-disable");
    expect(text.endsWith(CLEAN)).toBe(true);
  });

  it("keeps a byte order mark and writes through a symlink, keeping the link", () => {
    const root = tempTree({ "docker-lint.config.json": CONFIG, "real/Dockerfile": `\uFEFF${SHELL_CMD}` });
    const link = path.join(root, "linked.Dockerfile");
    symlinkSync(path.join(root, "real/Dockerfile"), link);
    expect(run(["--fix", "linked.Dockerfile"], { cwd: root }).code).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(path.join(root, "real/Dockerfile"));
    expect(readFileSync(path.join(root, "real/Dockerfile"), "utf8")).toBe(`\uFEFF${SHELL_CMD_FIXED}`);
  });
});

describe("--fix when a file cannot be written", () => {
  it("reports it for that file, leaves it as it was, and carries on", () => {
    const root = tempTree({ "docker-lint.config.json": CONFIG, "ro/Dockerfile": SHELL_CMD, "rw/Dockerfile": SHELL_CMD });
    chmodSync(path.join(root, "ro"), 0o555);
    for (const f of ["docker-lint.config.json", "ro/Dockerfile", "rw/Dockerfile"]) chmodSync(path.join(root, f), 0o666);
    chmodSync(path.join(root, "rw"), 0o777);
    // root may write anywhere: run as an unprivileged user then.
    const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    const r = run(["--fix", "-f", "json"], { cwd: root, ...asNobody });
    expect(r.code).toBe(1);
    const [ro, rw] = JSON.parse(r.stdout);
    expect(ro.messages[0]).toMatchObject({ fatal: true, severity: 2, message: expect.stringMatching(/^Cannot write the fixed file \(EACCES: permission denied.*\)\. Check that its folder is writable\.$/) });
    expect(readFileSync(path.join(root, "ro/Dockerfile"), "utf8")).toBe(SHELL_CMD);
    expect(readdirSync(path.join(root, "ro"))).toEqual(["Dockerfile"]);
    expect(rw.messages).toEqual([]);
    expect(readFileSync(path.join(root, "rw/Dockerfile"), "utf8")).toBe(SHELL_CMD_FIXED);
  });
});

describe("--fix keeps files safe", () => {
  const isRoot = process.getuid?.() === 0;
  const asNobody = { uid: 65534, gid: 65534 };
  const fatalOf = (stdout: string, file: string) =>
    (JSON.parse(stdout) as Array<{ filePath: string; messages: Array<{ fatal?: boolean; message: string; ruleId: string | null }> }>).find((r) => r.filePath === file)!.messages;

  it("does not write through a symlink whose target lies outside the folder named", () => {
    const root = tempTree({ "docker-lint.config.json": CONFIG, "outside/Dockerfile": SHELL_CMD, "linted/ok.Dockerfile": SHELL_CMD });
    const link = path.join(root, "linted/Dockerfile");
    symlinkSync(path.join(root, "outside/Dockerfile"), link);
    const r = run(["--fix", "-f", "json", "linted"], { cwd: root });
    expect(readFileSync(path.join(root, "outside/Dockerfile"), "utf8")).toBe(SHELL_CMD);
    expect(readFileSync(path.join(root, "linted/ok.Dockerfile"), "utf8")).toBe(SHELL_CMD_FIXED);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(r.code).toBe(1);
    const messages = fatalOf(r.stdout, link);
    expect(messages[0]).toMatchObject({ fatal: true, message: `Not fixed: this is a symlink to ${path.join(root, "outside/Dockerfile")}, outside the folders named on the command line. Name that file to fix it.` });
    // The rest are the problems of the text on disk, which was not fixed.
    expect(messages.slice(1).map((m) => m.ruleId)).toEqual(["@docker-lint/json-exec-form"]);
    expect(readdirSync(path.join(root, "outside"))).toEqual(["Dockerfile"]);
  });

  it("writes through a symlink that stays inside the folder named", () => {
    // The target's name is not a Dockerfile name, so it is linted once, through the link.
    const root = tempTree({ "docker-lint.config.json": CONFIG, "linted/shared/service.txt": SHELL_CMD });
    symlinkSync("shared/service.txt", path.join(root, "linted/Dockerfile"));
    expect(run(["--fix", "linted"], { cwd: root }).code).toBe(0);
    expect(readFileSync(path.join(root, "linted/shared/service.txt"), "utf8")).toBe(SHELL_CMD_FIXED);
    expect(readlinkSync(path.join(root, "linted/Dockerfile"))).toBe("shared/service.txt");
  });

  it("writes a file reached by two paths (a link and its target) once, and says so for the other", () => {
    const root = tempTree({ "docker-lint.config.json": CONFIG, "linted/real/Dockerfile": SHELL_CMD });
    symlinkSync("real/Dockerfile", path.join(root, "linted/Dockerfile"));
    const r = run(["--fix", "-f", "json", "linted"], { cwd: root });
    const real = path.join(root, "linted/real/Dockerfile");
    expect(readFileSync(real, "utf8")).toBe(SHELL_CMD_FIXED);
    expect(fatalOf(r.stdout, real)[0]).toMatchObject({ fatal: true, message: `Not fixed here: ${real} was fixed through another path in this run.` });
  });

  it.skipIf(!isRoot)("keeps the owner and group when root fixes another user's file", () => {
    const root = tempTree({ "docker-lint.config.json": CONFIG, Dockerfile: SHELL_CMD });
    const file = path.join(root, "Dockerfile");
    chownSync(file, 65534, 65534);
    chmodSync(file, 0o640);
    expect(run(["--fix"], { cwd: root }).code).toBe(0);
    expect(readFileSync(file, "utf8")).toBe(SHELL_CMD_FIXED);
    const st = statSync(file);
    expect([st.uid, st.gid, st.mode & 0o7777]).toEqual([65534, 65534, 0o640]);
  });

  it.skipIf(!isRoot)("keeps the owner when a user fixes a file others own but they may write (in place)", () => {
    const root = tempTree({ "docker-lint.config.json": CONFIG, "shared/Dockerfile": SHELL_CMD });
    chmodSync(path.join(root, "shared"), 0o777);
    const file = path.join(root, "shared/Dockerfile");
    chmodSync(file, 0o666);
    const inode = statSync(file).ino;
    expect(run(["--fix", "shared"], { cwd: root, ...asNobody }).code).toBe(0);
    expect(readFileSync(file, "utf8")).toBe(SHELL_CMD_FIXED);
    const st = statSync(file);
    expect([st.uid, st.gid, st.ino, st.mode & 0o7777]).toEqual([0, 0, inode, 0o666]);
    expect(readdirSync(path.join(root, "shared"))).toEqual(["Dockerfile"]);
  });

  it("writes a hard-linked file in place, so every name sees the fix", () => {
    const root = tempTree({ "docker-lint.config.json": CONFIG, "a/Dockerfile": SHELL_CMD });
    const file = path.join(root, "a/Dockerfile");
    const other = path.join(root, "other-name");
    linkSync(file, other);
    expect(run(["--fix", "a"], { cwd: root }).code).toBe(0);
    expect(readFileSync(file, "utf8")).toBe(SHELL_CMD_FIXED);
    expect(readFileSync(other, "utf8")).toBe(SHELL_CMD_FIXED);
    expect(statSync(file).nlink).toBe(2);
    expect(statSync(file).ino).toBe(statSync(other).ino);
    expect(readdirSync(path.join(root, "a"))).toEqual(["Dockerfile"]);
  });

  it("reports a read-only file and leaves it untouched, for root too", () => {
    const root = tempTree({ "docker-lint.config.json": CONFIG, Dockerfile: SHELL_CMD });
    const file = path.join(root, "Dockerfile");
    chmodSync(file, 0o444);
    age(file);
    const before = snapshot(file);
    const r = run(["--fix", "-f", "json"], { cwd: root });
    expect(r.code).toBe(1);
    expect(fatalOf(r.stdout, file)[0]).toMatchObject({ fatal: true, message: "Not fixed: the file is read-only (mode 0444). Make it writable to fix it." });
    expect(snapshot(file)).toEqual(before);
  });

  it.skipIf(!isRoot)("reports a file the user may not write, in a folder they may, and leaves it untouched", () => {
    const root = tempTree({ "docker-lint.config.json": CONFIG, "open/Dockerfile": SHELL_CMD });
    chmodSync(path.join(root, "open"), 0o777);
    const file = path.join(root, "open/Dockerfile");
    chmodSync(file, 0o644);
    age(file);
    const before = snapshot(file);
    const r = run(["--fix", "-f", "json", "open"], { cwd: root, ...asNobody });
    expect(r.code).toBe(1);
    expect(fatalOf(r.stdout, file)[0]).toMatchObject({ fatal: true, message: "Not fixed: you may not write this file (mode 0644, owner 0:0)." });
    expect(snapshot(file)).toEqual(before);
    expect(statSync(file).uid).toBe(0);
  });
});

describe("--fix-dry-run", () => {
  it("reports the fixed text as `output` and writes nothing", () => {
    const root = tempTree({ "docker-lint.config.json": CONFIG, Dockerfile: SHELL_CMD });
    const file = path.join(root, "Dockerfile");
    age(file);
    const before = snapshot(file);
    const r = run(["--fix-dry-run", "-f", "json"], { cwd: root });
    expect(snapshot(file)).toEqual(before);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)[0]).toMatchObject({ filePath: file, output: SHELL_CMD_FIXED, messages: [] });
    expect(readdirSync(root).sort()).toEqual(["Dockerfile", "docker-lint.config.json"]);
  });
});
