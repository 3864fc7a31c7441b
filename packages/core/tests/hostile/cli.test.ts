/**
 * Hostile inputs through the real binary: each gets a lint or one clear diagnostic naming the file,
 * quickly (the bound is generous: the point is that nothing hangs), never a stack trace, and an
 * exit code ESLint would give (0 clean, 1 problems, 2 usage error).
 */
import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, buildCore, cleanTemp, tempTree, CLEAN } from "../cli/helpers.js";

const TIME_LIMIT_MS = 5000;
const isRoot = process.getuid?.() === 0;

interface Message {
  ruleId: string | null;
  fatal?: boolean;
  message: string;
  line: number;
  column: number;
  endLine?: number;
}
interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
  results: Array<{ filePath: string; messages: Message[]; source?: string }>;
}

/** Runs the binary with a hard time limit (a hang is killed and fails the check, not the suite). */
function lint(root: string, args: string[], options: { asNobody?: boolean } = {}): Outcome {
  const started = performance.now();
  const env = { ...process.env, NO_COLOR: "1" };
  delete env.DEBUG;
  const r = spawnSync(process.execPath, [BIN, "-f", "json", "--no-progress", ...args], {
    cwd: root,
    env,
    encoding: "utf8",
    timeout: TIME_LIMIT_MS * 2,
    maxBuffer: 256 * 1024 * 1024,
    ...(options.asNobody && isRoot ? { uid: 65534, gid: 65534 } : {}),
  });
  const ms = performance.now() - started;
  let results: Outcome["results"] = [];
  if (r.status === 0 || r.status === 1) results = JSON.parse(r.stdout);
  return { code: r.status, stdout: r.stdout ?? "", stderr: r.stderr ?? "", ms, results };
}

/** What every hostile input must get, whatever else is checked. */
function expectSane(o: Outcome, texts: Record<string, string | Buffer> = {}, timed = true): void {
  if (timed) expect(o.ms, "took too long (a hang?)").toBeLessThan(TIME_LIMIT_MS);
  expect([0, 1, 2]).toContain(o.code);
  expect(o.stdout + o.stderr).not.toMatch(/\n\s+at |internal error|TypeError|RangeError/);
  for (const r of o.results) {
    const text = texts[path.basename(r.filePath)];
    if (typeof text !== "string") continue;
    // ESLint counts \r\n, \r, \n, U+2028 and U+2029 as line breaks.
    const lines = text.split(/\r\n|[\r\n\u2028\u2029]/).length;
    for (const m of r.messages) {
      expect(m.line, m.message).toBeGreaterThanOrEqual(0);
      expect(m.line, m.message).toBeLessThanOrEqual(lines);
      if (m.endLine !== undefined) expect(m.endLine).toBeLessThanOrEqual(lines);
    }
  }
}

/** Lints `name` with `content` alone in a fresh folder. */
function lintOne(name: string, content: string | Buffer): { o: Outcome; file: string; messages: Message[] } {
  const root = tempTree({ [name]: content });
  const o = lint(root, [name]);
  expectSane(o, { [name]: content });
  const file = path.join(root, name);
  const result = o.results.find((r) => r.filePath === file);
  return { o, file, messages: result?.messages ?? [] };
}

const fatalOnly = (messages: Message[]) => messages.filter((m) => m.fatal);

beforeAll(buildCore);
afterAll(cleanTemp);

describe("file contents", () => {
  it("an empty file and a comment-only file lint cleanly", () => {
    for (const content of ["", "# only a comment\n#   and another\n", "\n\n\n"]) {
      const { o, messages } = lintOne("Dockerfile", content);
      expect(fatalOnly(messages)).toEqual([]);
      expect(o.code).not.toBe(2);
    }
  });

  it("a NUL byte: one diagnostic at its line and column", () => {
    const { o, messages } = lintOne("Dockerfile", "FROM alpine:3.20\nRUN a\u0000b\n");
    expect(o.code).toBe(1);
    expect(messages).toMatchObject([{ fatal: true, line: 2, column: 6, message: expect.stringContaining("NUL byte") }]);
  });

  it("invalid UTF-8: one diagnostic at the first bad byte", () => {
    const { o, messages } = lintOne("Dockerfile", Buffer.from([...Buffer.from("FROM alpine:3.20\nRUN echo "), 0xc3, 0x28, 0x0a]));
    expect(o.code).toBe(1);
    expect(messages).toMatchObject([{ fatal: true, line: 2, column: 10, message: expect.stringContaining("not valid UTF-8") }]);
  });

  it("UTF-16 with a BOM: one diagnostic saying so", () => {
    const { o, messages } = lintOne("Dockerfile", Buffer.from(`\uFEFF${CLEAN}`, "utf16le"));
    expect(o.code).toBe(1);
    expect(messages).toMatchObject([{ fatal: true, message: expect.stringMatching(/^The file is UTF-16 \(LE with a byte order mark\)/) }]);
  });

  it("a 10 MB file: refused as too large without reading it all", () => {
    const { o, messages } = lintOne("Dockerfile", `FROM alpine:3.20\n${"RUN echo hi\n".repeat(900_000)}`);
    expect(o.code).toBe(1);
    expect(messages).toMatchObject([{ fatal: true, line: 0, message: expect.stringMatching(/^The file is 10\.3 MiB; files over 1 MiB are not linted/) }]);
  });

  it("a 1 MB single line is linted", () => {
    const { o, messages } = lintOne("Dockerfile", `FROM alpine:3.20\nRUN echo ${"x".repeat(1_000_000)}\n`);
    expect(o.code).toBe(1);
    expect(fatalOnly(messages)).toEqual([]);
    expect(messages.length).toBeGreaterThan(0);
  });

  it("a 100,000-line continuation is one instruction", () => {
    const text = `FROM alpine:3.20\nRUN echo a \\\n${"  b \\\n".repeat(100_000)}  c\nUSER 1000\n`;
    const { messages } = lintOne("Dockerfile", text);
    expect(fatalOnly(messages)).toEqual([]);
    // USER is seen after the continuation, so no rule asks for one.
    expect(messages.map((m) => m.ruleId)).not.toContain("@docker-lint/require-non-root-user");
  });

  const nested = (levels: number) => `${"${a:-".repeat(levels)}x${"}".repeat(levels)}`;
  it("1,000 levels of ${a:- nesting are linted", () => {
    const { messages } = lintOne("Dockerfile", `FROM alpine:3.20\nARG a\nENV X=${nested(1000)}\nCOPY ${nested(1000)} /x\n`);
    expect(fatalOnly(messages)).toEqual([]);
  });

  // Variable expansion was quadratic in the nesting depth (7-16 s here); model/model.ts now scans linearly.
  it("10,000 levels of ${a:- nesting", () => {
    lintOne("Dockerfile", `FROM alpine:3.20\nARG a\nENV X=${nested(10_000)}\nCOPY ${nested(10_000)} /x\n`);
  });

  it("unterminated heredocs and JSON arrays, unknown instructions: a lint, never a crash", () => {
    for (const text of [
      "FROM alpine:3.20\nRUN <<EOF\necho hi\n",
      "FROM alpine:3.20\nRUN <<EOF cat > /a && <<'X' cat > /b\nx\nEOF\n",
      'FROM alpine:3.20\nCMD ["a", "b\n',
      'FROM alpine:3.20\nENTRYPOINT ["a",\nCMD [\n',
      "FROM alpine:3.20\nFROBNICATE x\nONBUILD\nHEALTHCHECK\n",
      "FROM\nRUN\nCOPY\nARG\nENV\n",
      "\\\n\\\n\\",
    ]) {
      const { o } = lintOne("Dockerfile", text);
      expect(o.code, text).not.toBe(2);
    }
  });

  it("the backtick escape joins lines as Docker does", () => {
    const text = "# escape=`\nFROM alpine:3.20\nRUN echo a `\n  b\nUSER 1000\n";
    const { messages } = lintOne("Dockerfile", text);
    expect(fatalOnly(messages)).toEqual([]);
    expect(messages.map((m) => m.ruleId)).not.toContain("@docker-lint/require-non-root-user");
  });

  it("CRLF and lone CR line ends lint, with positions inside the file", () => {
    const { messages: crlf } = lintOne("Dockerfile", "FROM alpine\r\nRUN echo a \\\r\n  b\r\nUSER 1000\r\n");
    expect(crlf.map((m) => [m.ruleId, m.line])).toContainEqual(["@docker-lint/require-image-tag", 1]);
    const { o } = lintOne("Dockerfile", "FROM alpine:3.20\rRUN echo a\rUSER 1000\r");
    expect(o.code).not.toBe(2);
  });
});

describe("file system oddities", () => {
  it("a folder named Dockerfile, named on the command line: says it is a folder", () => {
    const root = tempTree({ "Dockerfile/notes.txt": "x" });
    const o = lint(root, ["Dockerfile"]);
    expectSane(o);
    expect(o).toMatchObject({ code: 2, stdout: "", stderr: "docker-lint: Dockerfile is a folder, not a Dockerfile, and holds no Dockerfiles\n" });
  });

  it("a FIFO: named, it gets one diagnostic; met while searching, it is skipped, never read", () => {
    const root = tempTree({ "ok/Dockerfile": CLEAN });
    const fifo = path.join(root, "ok/Dockerfile.fifo");
    expect(spawnSync("mkfifo", [fifo]).status).toBe(0);
    const named = lint(root, ["ok/Dockerfile.fifo"]);
    expectSane(named);
    expect(named.results).toMatchObject([{ filePath: fifo, messages: [{ fatal: true, message: expect.stringContaining("not a regular file") }] }]);
    const searched = lint(root, ["ok"]);
    expectSane(searched);
    expect(searched.results.map((r) => path.basename(r.filePath))).toEqual(["Dockerfile"]);
  });

  it("a symlink loop: named, it is called one; met while searching, it is skipped", () => {
    const root = tempTree({ "ok/Dockerfile": CLEAN });
    symlinkSync("b.Dockerfile", path.join(root, "ok/a.Dockerfile"));
    symlinkSync("a.Dockerfile", path.join(root, "ok/b.Dockerfile"));
    mkdirSync(path.join(root, "ok/loop"));
    symlinkSync("..", path.join(root, "ok/loop/up"));
    const named = lint(root, ["ok/a.Dockerfile"]);
    expectSane(named);
    expect(named).toMatchObject({ code: 2, stderr: "docker-lint: ok/a.Dockerfile is a symlink loop (a link that leads back to itself)\n" });
    const searched = lint(root, ["ok"]);
    expectSane(searched);
    expect(searched.results.map((r) => path.basename(r.filePath))).toEqual(["Dockerfile"]);
  });

  it.skipIf(!isRoot)("an unreadable file (as a user who may not read it): one diagnostic naming the reason", () => {
    const root = tempTree({ "secret/Dockerfile": CLEAN, "locked/Dockerfile": CLEAN });
    chmodSync(path.join(root, "secret/Dockerfile"), 0o000);
    chmodSync(path.join(root, "locked"), 0o000);
    const o = lint(root, ["secret/Dockerfile", "locked/Dockerfile"], { asNobody: true });
    expectSane(o);
    expect(o.code).toBe(2);
    expect(o.stderr).toBe("docker-lint: cannot open locked/Dockerfile (EACCES: permission denied)\n");
    const read = lint(root, ["secret/Dockerfile"], { asNobody: true });
    expectSane(read);
    expect(read.results).toMatchObject([{ messages: [{ fatal: true, message: "Cannot read the file (EACCES: permission denied). Check that it exists and is readable." }] }]);
  });

  it("paths with spaces, Unicode and a leading dash", () => {
    const names = ["with space/Dockerfile", "ünï cødé ✓/Dockerfile", "-dash/Dockerfile", "-x.Dockerfile"];
    const root = tempTree(Object.fromEntries(names.map((n) => [n, CLEAN])));
    const all = lint(root, []);
    expectSane(all);
    expect(all.code).toBe(0);
    expect(all.results.map((r) => path.relative(root, r.filePath)).sort()).toEqual([...names].sort());
    // Named: after `--` or as ./-x, a leading dash is a path; without, an unknown option (as in ESLint).
    const named = lint(root, ["--", "-x.Dockerfile", "-dash", "with space/Dockerfile", "ünï cødé ✓"]);
    expectSane(named);
    expect(named.results).toHaveLength(4);
    expect(lint(root, ["./-x.Dockerfile"]).results).toHaveLength(1);
    const option = lint(root, ["-x.Dockerfile"]);
    expectSane(option);
    expect(option).toMatchObject({ code: 2, stderr: "docker-lint: unknown option -x.Dockerfile (see docker-lint --help)\n" });
  });

  it("--fix writes files with hostile names, and only them", () => {
    const names = ["-dash/Dockerfile", "ünï cødé ✓/Dockerfile"];
    const root = tempTree(Object.fromEntries(names.map((n) => [n, "FROM scratch\nCMD /app\n"])));
    writeFileSync(path.join(root, "-dash/.Dockerfile.tmp"), "CMD /app\n");
    const o = lint(root, ["--fix", "--", "-dash", "ünï cødé ✓"]);
    // Not timed: writing waits for the disk (fsync), which a busy machine may make slow.
    expectSane(o, {}, false);
    for (const n of names) expect(readFileSync(path.join(root, n), "utf8")).toBe('FROM scratch\nCMD ["/app"]\n');
    expect(readFileSync(path.join(root, "-dash/.Dockerfile.tmp"), "utf8")).toBe("CMD /app\n");
    expect(readdirSync(path.join(root, "-dash")).sort()).toEqual([".Dockerfile.tmp", "Dockerfile"]);
  });
});
