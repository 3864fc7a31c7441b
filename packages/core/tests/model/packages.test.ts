import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { flagNames, operands, packageInstall, reachesImage, runSites, toolCommand } from "../../src/model/packages.js";
import { model } from "./build.js";

const tool = (argv: string[]) => toolCommand({ env: {}, argv, text: argv.join(" ") }, 0)!;

describe("package commands", () => {
  it("reads flags the getopt way", () => {
    expect(flagNames("-yq")).toEqual(["y", "q"]);
    expect(flagNames("--root=/x")).toEqual(["root"]);
    expect(flagNames("--")).toEqual([]);
    expect(flagNames("curl")).toEqual([]);
  });

  it("normalises the program name behind paths, sudo and xx- wrappers", () => {
    expect(tool(["/usr/bin/apt-get", "install"]).name).toBe("apt-get");
    expect(tool(["sudo", "-E", "apk", "add", "x"]).name).toBe("apk");
    expect(tool(["xx-apt-get", "install"]).name).toBe("apt-get");
  });

  it("skips the values of value flags", () => {
    expect(operands(tool(["apk", "add", "-t", ".deps", "gcc", "--repository=x", "make"]), ["t", "repository"])).toEqual(["add", "gcc", "make"]);
  });

  it("lists installed packages per manager", () => {
    expect(packageInstall(tool(["apt-get", "-y", "install", "-t", "bookworm", "curl", "git=1"]))).toMatchObject({ manager: "apt", packages: ["curl", "git=1"] });
    expect(packageInstall(tool(["python3", "-m", "pip", "install", "--index-url", "u", "flask"]))).toMatchObject({ manager: "pip", packages: ["flask"] });
    expect(packageInstall(tool(["microdnf", "module", "install", "nodejs:20"]))).toMatchObject({ manager: "dnf", modules: true, packages: ["nodejs:20"] });
    expect(packageInstall(tool(["npm", "ci"]))).toBeNull();
    expect(packageInstall(tool(["dnf", "group", "install", "Development Tools"]))).toBeNull();
  });
});

describe("runSites", () => {
  it("includes RUNs before FROM and ONBUILD RUN triggers with their mounts", () => {
    const m = model("RUN apk add a\nFROM alpine:3 AS base\nONBUILD RUN --mount=type=cache,target=/var/cache/apk apk add b\nRUN apk add c\nFROM base\n");
    const sites = runSites(m);
    expect(sites.map((s) => [s.onbuild, s.stage?.index ?? null, s.tools[0]!.args.at(-1)])).toEqual([
      [false, null, "a"],
      [true, 0, "b"],
      [false, 0, "c"],
    ]);
    expect(sites[1]!.mounts).toEqual([{ type: "cache", target: "/var/cache/apk" }]);
    // Stage 0 is built on by the final stage: what it leaves reaches the image.
    expect(sites.every((s) => reachesImage(s, m))).toBe(true);
  });

  it("knows a builder stage nobody builds FROM does not reach the image", () => {
    const m = model("FROM debian:12 AS build\nRUN apt-get update\nFROM scratch\n");
    expect(reachesImage(runSites(m)[0]!, m)).toBe(false);
  });

  it("declares ARGs file-wide but ENVs only along the stage chain", () => {
    const m = model("FROM a AS one\nARG A\nENV E=1\nFROM b\nRUN x\nFROM one\nRUN y\n");
    const [x, y] = runSites(m);
    expect([x!.declared.has("A"), x!.declared.has("E")]).toEqual([true, false]);
    expect(y!.declared.has("E")).toBe(true);
  });
});

describe("redirections", () => {
  it("are not arguments", () => {
    expect(tool(["apt-get", "install", "-y", "curl", ">", "/dev/null", "2>/dev/null", "git"]).args).toEqual(["install", "-y", "curl", "git"]);
    expect(tool(["apk", "add", "pkg>1.2"]).args).toEqual(["add", "pkg>1.2"]);
  });
});

describe("findWord", () => {
  it("finds no empty word, and returns (a loop in the test's own thread could not be timed out)", () => {
    const packages = path.resolve(import.meta.dirname, "../../dist/model/packages.js");
    const lineIndex = path.resolve(import.meta.dirname, "../../dist/language/line-index.js");
    const script = `
      const { findWord } = await import(${JSON.stringify(packages)});
      const { LineIndex } = await import(${JSON.stringify(lineIndex)});
      const text = "FROM alpine\\nRUN apk add g++ \\\\";
      const node = { range: [12, text.length] };
      console.log(JSON.stringify([findWord(text, node, "", 20, new LineIndex(text)), findWord(text, node, "g++", 12, new LineIndex(text))?.range]));
    `;
    const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8", timeout: 10_000 });
    expect(r.error?.message ?? r.stderr).toBe("");
    expect(JSON.parse(r.stdout)).toEqual([null, [24, 27]]);
  });
});
