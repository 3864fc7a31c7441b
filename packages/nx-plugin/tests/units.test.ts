import { execFileSync } from "node:child_process";
import { chmodSync, readFileSync, symlinkSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { buildHints, isRootUser, runName } from "../src/lib/docker";
import { toSwitch } from "../src/lib/options";
import { formatSize, parseSize, sizeComparison } from "../src/lib/size";
import { firstTarEntry, modeString } from "../src/lib/tar";
import { sizeRows, sizeSummary } from "../src/lib/summary";
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
});
