/**
 * Step 2 compiles with the Go the builder's image names. The real-toolchain tests fetch
 * go1.23.0 once into the default module cache (GOMODCACHE), where later runs and CI find it.
 */
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { buildModel, compareGoVersions, expand, goVersionFromTag, parse } from "@docker-lint/core";
import { planGoBuild, runGoBuild } from "../src/lib/go-build";
import { binaryGoVersion, chooseToolchain, type HostGo } from "../src/lib/go-toolchain";
import { goVersion, hostGo, tempTree } from "./helpers";

const HOST: HostGo = { version: "1.26.8", cached: ["1.23.0", "1.23.4", "1.22.1"] };
const choose = (image: string, version: string | null, goMod: string | null = null, host = HOST) => chooseToolchain({ image, version }, host, goMod, compareGoVersions);

describe("choosing the toolchain", () => {
  it("uses the exact release a tag names, and the host's Go when it is that release", () => {
    expect(choose("golang:1.23.4", "1.23.4")).toEqual({ ok: true, toolchain: "go1.23.4", version: "1.23.4", note: null });
    expect(choose("golang:1.26.8-alpine", "1.26.8")).toEqual({ ok: true, toolchain: "local", version: "1.26.8", note: null });
    expect(choose("golang:1.25rc1", "1.25rc1")).toMatchObject({ toolchain: "go1.25rc1" });
  });

  it("picks a concrete release for a tag without a patch, and says which and why", () => {
    expect(choose("golang:1.26", "1.26")).toEqual({ ok: true, toolchain: "local", version: "1.26.8", note: "golang:1.26 names no patch release: go1.26.8, the host's" });
    expect(choose("golang:1.23-alpine", "1.23")).toEqual({ ok: true, toolchain: "go1.23.4", version: "1.23.4", note: "golang:1.23-alpine names no patch release: go1.23.4, the newest 1.23 toolchain in the module cache" });
    expect(choose("golang:1.24", "1.24")).toEqual({ ok: true, toolchain: "go1.24.0", version: "1.24.0", note: "golang:1.24 names no patch release: go1.24.0, the first 1.24 release" });
    expect(choose("golang:1.24", "1.24", "1.24.3")).toEqual({ ok: true, toolchain: "go1.24.3", version: "1.24.3", note: "golang:1.24 names no patch release: go1.24.3, go.mod's" });
  });

  it("falls back to the host's Go when the image names no version, saying so", () => {
    expect(choose("golang:latest", null)).toEqual({ ok: true, toolchain: "local", version: "1.26.8", note: "host go 1.26.8, image says golang:latest" });
    expect(choose("golang:1.20", "1.20")).toMatchObject({ toolchain: "local", note: "host go 1.26.8: golang:1.20 predates toolchain downloads (Go 1.21)" });
  });

  it("fails a go.mod that needs a newer Go than the image, as the image build would", () => {
    expect(choose("golang:1.23", "1.23", "1.24")).toEqual({ ok: false, message: "go.mod requires go >= 1.24, but golang:1.23 has go 1.23.x; the image build fails the same way (its GOTOOLCHAIN is local)" });
    expect(choose("golang:1.23.0", "1.23.0", "1.23.5")).toMatchObject({ ok: false, message: expect.stringMatching(/^go.mod requires go >= 1.23.5, but golang:1.23.0 has go 1.23.0;/) });
  });
});

const SERVICE = (goLine: string) => ({ "go.mod": `module example.com/svc\n\ngo ${goLine}\n`, "main.go": 'package main\n\nfunc main() { println("svc") }\n' });
const dockerfile = (from: string) => `FROM ${from} AS b\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/svc .\nFROM scratch\nCOPY --from=b /out/svc /svc\nENTRYPOINT ["/svc"]\n`;

describe.skipIf(!hostGo)("building with the image's Go", () => {
  let cleanups: Array<() => void> = [];
  afterEach(() => {
    for (const c of cleanups) c();
    cleanups = [];
  });

  async function build(from: string, goLine: string) {
    const t = tempTree(SERVICE(goLine));
    cleanups.push(t.cleanup);
    const r = parse(dockerfile(from));
    if (!r.ok) throw new Error("parse failed");
    const planned = planGoBuild({ model: buildModel(r.ast, null), contextDir: t.dir, isDir: (p) => p === t.dir, expand, goVersionFromTag });
    if (planned.kind !== "plan") throw new Error(JSON.stringify(planned));
    return runGoBuild(planned.plan, { displayRoot: path.dirname(t.dir), timeoutMs: 600_000 });
  }

  it("golang:1.23.0 builds with go1.23.0, fetched once through the host's module proxy", async () => {
    const r = await build("golang:1.23.0", "1.21");
    expect(r.lines.join("\n")).not.toMatch(/cannot fetch/);
    expect(r.ok).toBe(true);
    expect(r.lines[0]).toMatch(/^go build ok: svc [\d.]+ MB, \S+, statically linked, go1\.23\.0$/);
    expect(r.lines[1]).toMatch(/^ {2}GOTOOLCHAIN=go1\.23\.0 CGO_ENABLED=0 GOOS=linux GOARCH=\w+ go build/);
  }, 600_000);

  it("a go.mod needing a newer Go than golang:1.23 fails, saying so", async () => {
    const r = await build("golang:1.23", "1.24");
    expect(r.ok).toBe(false);
    expect(r.lines[0]).toBe("go build failed: go.mod requires go >= 1.24, but golang:1.23 has go 1.23.x; the image build fails the same way (its GOTOOLCHAIN is local)");
  }, 60_000);

  it("an image without a Go version builds with the host's Go and says so", async () => {
    const r = await build("golang:latest", "1.21");
    expect(r.ok).toBe(true);
    expect(r.lines[0]).toMatch(new RegExp(`, go${goVersion().replace(/\./g, "\\.")}$`));
    expect(r.lines).toContain(`  note: host go ${goVersion()}, image says golang:latest`);
  }, 300_000);
});

describe("reading a binary's Go version", () => {
  it("finds it in the build info, and returns null without one", () => {
    const info = Buffer.alloc(64);
    Buffer.from("\xff Go buildinf:", "latin1").copy(info, 0);
    info[14] = 8;
    info[15] = 2;
    info[32] = 8;
    Buffer.from("go1.23.0").copy(info, 33);
    expect(binaryGoVersion(Buffer.concat([Buffer.from("ELF..."), info]))).toBe("go1.23.0");
    expect(binaryGoVersion(Buffer.from("no build info here"))).toBeNull();
  });
});
