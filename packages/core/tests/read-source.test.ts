/** readSourceFile's stat-free path for files discovery has already stat'ed, and the sizes discovery records for it. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { discoverFiles } from "../src/runner/discover.js";
import { MAX_SOURCE_BYTES, readSourceFile } from "../src/runner/read-source.js";

const root = mkdtempSync(path.join(tmpdir(), "docker-lint-read-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const write = (rel: string, text: string) => {
  const p = path.join(root, rel);
  mkdirSync(path.dirname(p), { recursive: true });
  writeFileSync(p, text);
  return p;
};

describe("readSourceFile with a known size", () => {
  it("reads the file without a stat of its own, and still refuses what is too large", () => {
    const p = write("a/Dockerfile", "FROM scratch\n");
    expect(readSourceFile(p, 13)).toEqual({ ok: true, text: "FROM scratch\n" });
    expect(readSourceFile(p)).toEqual({ ok: true, text: "FROM scratch\n" });
    // The size given is believed: no read happens for a file said to be too large.
    const big = readSourceFile(p, MAX_SOURCE_BYTES + 1);
    expect(big.ok).toBe(false);
    expect(!big.ok && big.problem.message).toMatch(/over 1 MiB/);
  });

  it("says a folder is a folder when no size is known", () => {
    const r = readSourceFile(path.join(root, "a"));
    expect(!r.ok && r.problem.message).toMatch(/folder/);
  });
});

describe("discoverFiles sizes", () => {
  it("records the size of each regular file named explicitly, and of no walked file", async () => {
    const named = write("b/Dockerfile", "FROM scratch\nUSER 1\n");
    const walked = write("c/Dockerfile", "FROM scratch\n");
    const sizes = new Map<string, number>();
    const files = await discoverFiles([named, path.join(root, "c")], { cwd: root, sizes });
    expect(files).toEqual([named, walked]);
    expect([...sizes]).toEqual([[named, 20]]);
    // A relative argument is resolved against cwd, as path.resolve does.
    const relSizes = new Map<string, number>();
    expect(await discoverFiles(["b/./Dockerfile"], { cwd: root, sizes: relSizes })).toEqual([named]);
    expect([...relSizes]).toEqual([[named, 20]]);
  });
});
