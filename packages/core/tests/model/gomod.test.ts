import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { compareGoVersions, findGoMod, goVersionFromTag, parseGoMod, readGoMod } from "../../src/index.js";
import { parseGoWork } from "../../src/model/gomod.js";
import { relativeGoModPath, withGoModLookupCache, type GoModLookupCache } from "../../src/model/gomod.js";
import { absolutePath } from "../../src/model/paths.js";

describe("parseGoMod", () => {
  it("reads module, go and toolchain lines with their line numbers", () => {
    const facts = parseGoMod("module example.com/svc\n\ngo 1.22.3\n\ntoolchain go1.23.1\n\nrequire golang.org/x/net v0.30.0\n", "svc/go.mod");
    expect(facts).toEqual({ path: "svc/go.mod", module: "example.com/svc", go: "1.22.3", toolchain: "1.23.1", goLine: 3, toolchainLine: 5, contextPath: null, localReplaces: [], work: null, vendored: false });
  });

  it("accepts comments, CRLF, quoted modules, release candidates and toolchain suffixes", () => {
    const facts = parseGoMod('// header\r\nmodule "example.com/x" // quoted\r\ngo 1.23rc2 // pinned\r\ntoolchain go1.23.0+auto\r\n');
    expect(facts).toMatchObject({ module: "example.com/x", go: "1.23rc2", goLine: 3, toolchain: "1.23.0", toolchainLine: 4 });
  });

  it("gives nulls when lines are missing", () => {
    expect(parseGoMod("module m\n")).toMatchObject({ go: null, toolchain: null, goLine: null, toolchainLine: null });
  });

  it("does not read `go` words inside require blocks", () => {
    expect(parseGoMod("module m\nrequire (\n\tgo.uber.org/zap v1.27.0\n)\ngo 1.21\n")).toMatchObject({ go: "1.21", goLine: 5 });
  });
});

describe("compareGoVersions", () => {
  it.each([
    ["1.22", "1.22.0", 0],
    ["1.22.1", "1.22", 1],
    ["1.21.9", "1.22", -1],
    ["1.10", "1.9", 1],
    ["1.22rc1", "1.22", -1],
    ["1.22beta1", "1.22rc1", -1],
    ["1.22rc2", "1.22rc1", 1],
    ["2.0", "1.99", 1],
  ])("%s vs %s", (a, b, sign) => {
    expect(Math.sign(compareGoVersions(a, b))).toBe(sign);
    expect(Math.sign(compareGoVersions(b, a))).toBe(-sign || 0);
  });
});

describe("goVersionFromTag", () => {
  it.each([
    ["1.22.3-alpine3.20", "1.22.3"],
    ["1.22", "1.22"],
    ["1.22-bookworm", "1.22"],
    ["1.23rc1-alpine", "1.23rc1"],
    ["alpine", null],
    ["latest", null],
    ["1", null],
    ["1-alpine", null],
    [null, null],
  ])("%s → %s", (tag, expected) => {
    expect(goVersionFromTag(tag)).toBe(expected);
  });
});

describe("findGoMod / readGoMod", () => {
  const root = mkdtempSync(path.join(tmpdir(), "docker-lint-gomod-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const write = (rel: string, text = "") => {
    const p = path.join(root, rel);
    mkdirSync(path.dirname(p), { recursive: true });
    writeFileSync(p, text);
    return p;
  };

  it("walks up from the Dockerfile to the nearest go.mod", () => {
    mkdirSync(path.join(root, "mono/.git"), { recursive: true });
    const top = write("mono/go.mod", "module mono\ngo 1.22\n");
    const nested = write("mono/services/api/go.mod", "module api\ngo 1.23\n");
    expect(findGoMod(write("mono/services/web/deploy/Dockerfile"))).toBe(top);
    expect(findGoMod(write("mono/services/api/Dockerfile"))).toBe(nested);
    expect(findGoMod(write("mono/services/api/build/Dockerfile.prod"))).toBe(nested);
  });

  it("stops at the repository root (a folder with .git) and at stopAt", () => {
    write("outer/go.mod", "module outer\ngo 1.20\n");
    mkdirSync(path.join(root, "outer/repo/.git"), { recursive: true });
    expect(findGoMod(write("outer/repo/app/Dockerfile"))).toBeNull();
    write("outer2/go.mod", "module outer2\ngo 1.20\n");
    expect(findGoMod(write("outer2/inner/app/Dockerfile"), { stopAt: path.join(root, "outer2/inner") })).toBeNull();
  });

  it("prefers a go.mod the Dockerfile copies, relative to the build context", () => {
    mkdirSync(path.join(root, "ctx/.git"), { recursive: true });
    write("ctx/go.mod", "module ctx\ngo 1.21\n");
    const copied = write("ctx/services/worker/go.mod", "module worker\ngo 1.23\n");
    const dockerfile = write("ctx/build/worker/Dockerfile");
    expect(findGoMod(dockerfile, { buildContext: "../..", copiedGoMods: ["services/worker/go.mod"] })).toBe(copied);
    expect(findGoMod(dockerfile, { buildContext: "../..", copiedGoMods: ["./services/missing/go.mod"] })).toBe(path.join(root, "ctx/go.mod"));
  });

  it("ignores a folder named go.mod", () => {
    mkdirSync(path.join(root, "dirmod/.git"), { recursive: true });
    mkdirSync(path.join(root, "dirmod/app/go.mod"), { recursive: true });
    expect(findGoMod(write("dirmod/app/Dockerfile"))).toBeNull();
  });

  it("reads a go.mod with the display path asked for, and null when missing", () => {
    const p = write("read/go.mod", "module r\ngo 1.22.1\n");
    expect(readGoMod(p, "../go.mod")).toMatchObject({ path: "../go.mod", module: "r", go: "1.22.1" });
    expect(readGoMod(p, "go.mod")!.path).toBe("go.mod");
    expect(readGoMod(path.join(root, "read/none/go.mod"))).toBeNull();
  });

  it("sees edits to a go.mod it has read before, once its last check is a second old", () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      const p = write("edit/go.mod", "module e\ngo 1.21\n");
      expect(readGoMod(p)!.go).toBe("1.21");
      writeFileSync(p, "module e\ngo 1.22.5\n");
      // Within a run the file is taken as checked (as folder lookups are): no stat per Dockerfile.
      vi.advanceTimersByTime(999);
      expect(readGoMod(p)!.go).toBe("1.21");
      vi.advanceTimersByTime(1);
      expect(readGoMod(p)!.go).toBe("1.22.5");
      // Same size, new content: the modification time tells.
      writeFileSync(p, "module e\ngo 1.23.5\n");
      const later = new Date(Date.now() + 5000);
      utimesSync(p, later, later);
      vi.advanceTimersByTime(1000);
      expect(readGoMod(p)!.go).toBe("1.23.5");
    } finally {
      vi.useRealTimers();
    }
  });

  it("resolves and relates paths as path.resolve and path.relative do, on generated paths", () => {
    const parts = ["/", "a", "bb", ".", "..", "/.", "./", "../", "//", "x/", "go.mod"];
    let seed = 11;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const gen = () => {
      let s = random() < 0.8 ? "/" : "";
      for (let n = Math.floor(random() * 7); n > 0; n--) s += parts[Math.floor(random() * parts.length)];
      return s;
    };
    for (let i = 0; i < 20_000; i++) {
      const p = gen();
      expect([p, absolutePath(p)]).toEqual([p, path.resolve(p)]);
      expect([p, absolutePath("/cwd/x", p)]).toEqual([p, path.resolve("/cwd/x", p)]);
      // The go.mod in a folder above (or beside) a Dockerfile's folder, and any pair at all.
      const from = gen();
      const to = random() < 0.5 ? path.join(path.dirname(path.resolve(from)), random() < 0.5 ? "" : "../..", "go.mod") : gen();
      expect([from, to, relativeGoModPath(from, to)]).toEqual([from, to, path.relative(from, to)]);
    }
    expect(relativeGoModPath("/repo/services/api", "/repo/go.mod")).toBe("../../go.mod");
    expect(relativeGoModPath("/repo", "/repo/go.mod")).toBe("go.mod");
    expect(relativeGoModPath("/app", "/go.mod")).toBe("../go.mod");
  });

  describe("with a lookup cache", () => {
    afterEach(() => vi.useRealTimers());

    it("finds the same go.mod files as without it", () => {
      const cache: GoModLookupCache = new Map();
      for (const rel of ["mono/services/web/deploy/Dockerfile", "mono/services/api/build/Dockerfile.prod", "outer/repo/app/Dockerfile", "dirmod/app/Dockerfile"]) {
        const file = path.join(root, rel);
        expect(withGoModLookupCache(cache, () => findGoMod(file))).toBe(findGoMod(file));
      }
      expect(cache.size).toBeGreaterThan(0);
    });

    it("answers from the cache within a run, and looks again once it is old", () => {
      vi.useFakeTimers({ toFake: ["Date"] });
      mkdirSync(path.join(root, "ttl/.git"), { recursive: true });
      const dockerfile = write("ttl/svc/Dockerfile");
      const cache: GoModLookupCache = new Map();
      expect(withGoModLookupCache(cache, () => findGoMod(dockerfile))).toBeNull();
      const created = write("ttl/svc/go.mod", "module svc\ngo 1.22\n");
      expect(withGoModLookupCache(cache, () => findGoMod(dockerfile))).toBeNull();
      expect(findGoMod(dockerfile)).toBe(created);
      vi.setSystemTime(Date.now() + 1500);
      expect(withGoModLookupCache(cache, () => findGoMod(dockerfile))).toBe(created);
    });

    it("shares one process-wide cache, with the same age limit, when no linter gives one (ESLint, editors)", () => {
      vi.useFakeTimers({ toFake: ["Date"] });
      mkdirSync(path.join(root, "shared/.git"), { recursive: true });
      const dockerfile = write("shared/svc/Dockerfile");
      expect(findGoMod(dockerfile)).toBeNull();
      const created = write("shared/svc/go.mod", "module svc\ngo 1.22\n");
      expect(findGoMod(dockerfile)).toBeNull();
      // stopAt asks the file system directly.
      expect(findGoMod(dockerfile, { stopAt: path.join(root, "shared") })).toBe(created);
      vi.setSystemTime(Date.now() + 1500);
      expect(findGoMod(dockerfile)).toBe(created);
    });
  });
});

describe("go.mod folder replaces and go.work", () => {
  it("reads single-line and block replaces whose target is a folder, with their lines", () => {
    const text = [
      "module example.com/app",
      "",
      "replace example.com/a => ../a",
      'replace example.com/b v1.2.0 => "./b" // local',
      "replace example.com/c => example.com/c-fork v1.0.0",
      "replace (",
      "\texample.com/d => /abs/d",
      "\texample.com/e => example.com/e2 v0.1.0",
      "\texample.com/f => ..",
      ")",
      "// replace example.com/g => ../g",
    ].join("\n");
    expect(parseGoMod(text).localReplaces).toEqual([
      { module: "example.com/a", target: "../a", line: 3 },
      { module: "example.com/b", target: "./b", line: 4 },
      { module: "example.com/d", target: "/abs/d", line: 7 },
      { module: "example.com/f", target: "..", line: 9 },
    ]);
  });

  it("reads go.work use folders and replaces", () => {
    const work = parseGoWork("go 1.22\n\nuse ./svc\nuse (\n\t.\n\t./lib // shared\n)\nreplace example.com/x => ../x\n");
    expect(work.uses).toEqual([
      { dir: "./svc", line: 3 },
      { dir: ".", line: 5 },
      { dir: "./lib", line: 6 },
    ]);
    expect(work.localReplaces).toEqual([{ module: "example.com/x", target: "../x", line: 8 }]);
  });
});
