import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { isDockerfileName as discoveryName } from "../src/runner/discover.js";
import * as shared from "../src/shared.js";

const dist = path.resolve(import.meta.dirname, "../dist");

/** Every module dist/shared.js loads, following relative imports; bare specifiers are returned as found. */
function importGraph(entry: string): { files: string[]; external: string[] } {
  const files = new Set<string>();
  const external = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/^(?:import|export)\s[^;]*?from\s+"([^"]+)"|^import\s+"([^"]+)"/gm)) {
      const spec = (m[1] ?? m[2])!;
      if (spec.startsWith(".")) visit(path.resolve(path.dirname(file), spec));
      else external.add(spec);
    }
  };
  visit(entry);
  return { files: [...files].map((f) => path.relative(dist, f)).sort(), external: [...external].sort() };
}

describe("@docker-lint/core/shared", () => {
  it("loads with require() from a CommonJS file (built dist)", () => {
    const out = execFileSync(process.execPath, [path.resolve(import.meta.dirname, "fixtures/shared-entry/require-shared.cjs")], { encoding: "utf8" });
    const got = JSON.parse(out) as { exports: string[]; dockerfile: boolean; trimmed: string };
    expect(got.exports).toEqual(Object.keys(shared).sort());
    expect(got).toMatchObject({ dockerfile: true, trimmed: "/src" });
  });

  it("loads nothing but its own pure modules and Node built-ins", () => {
    const graph = importGraph(path.join(dist, "shared.js"));
    expect(graph.external.every((spec) => spec.startsWith("node:"))).toBe(true);
    expect(graph.files.every((f) => f === "shared.js" || f === "names.js" || f.startsWith("model/"))).toBe(true);
  });

  it("names Dockerfiles as discovery does", () => {
    const names = ["Dockerfile", "Containerfile", "Dockerfile.prod", "Dockerfile-dev", "Dockerfile-dev.dockerignore", "api.Dockerfile", "api.dockerfile", ".dockerfile", "Dockerfile.dockerignore", "dockerfile", "Makefile"];
    expect(names.map(shared.isDockerfileName)).toEqual(names.map(discoveryName));
  });
});
