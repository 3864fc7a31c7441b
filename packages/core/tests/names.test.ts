import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { Minimatch } from "minimatch";
import { describe, expect, it } from "vitest";
import { DOCKERFILE_FILE_GLOBS, DOCKERFILE_GLOB, DOCKERFILE_PATH_REGEX, isDockerfileName } from "../src/names.js";

const NAMES = [
  "Dockerfile", "Containerfile", "Dockerfile.prod", "Dockerfile-dev", "Dockerfile-windows-base", "api.Dockerfile", "api.dockerfile",
  "Dockerfile.dockerignore", "Dockerfile-dev.dockerignore", ".dockerignore", "Dockerfile_dev", "Dockerfiles", "dockerfile", "Makefile", "NotADockerfile",
];

describe("Dockerfile names", () => {
  it("accept Dockerfile-<suffix> names, not their .dockerignore files", () => {
    expect(isDockerfileName("Dockerfile-dev")).toBe(true);
    expect(isDockerfileName("Dockerfile-windows-base")).toBe(true);
    expect(isDockerfileName("Dockerfile-dev.dockerignore")).toBe(false);
    expect(isDockerfileName("Dockerfile_dev")).toBe(false);
  });

  it("the glob, the ESLint globs and the path regex name what isDockerfileName accepts (.dockerignore left to the ignores)", () => {
    const glob = new Minimatch(DOCKERFILE_GLOB, { dot: true });
    const globs = DOCKERFILE_FILE_GLOBS.map((g) => new Minimatch(g, { dot: true }));
    const regex = new RegExp(DOCKERFILE_PATH_REGEX);
    for (const n of NAMES) {
      const expected = isDockerfileName(n) || (n.endsWith(".dockerignore") && n.startsWith("Dockerfile"));
      for (const p of [n, `svc/a/${n}`]) {
        expect(glob.match(p), p).toBe(expected);
        expect(globs.some((g) => g.match(p)), p).toBe(expected);
        expect(regex.test(p), p).toBe(expected);
      }
    }
  });

  const corpusIndex = "/work/shared/corpus/index.json";
  it.skipIf(!existsSync(corpusIndex))("cover every Dockerfile of the real-world corpus", () => {
    const paths = (JSON.parse(readFileSync(corpusIndex, "utf8")) as Array<{ path: string }>).map((e) => e.path);
    expect(paths.filter((p) => !isDockerfileName(path.basename(p)))).toEqual([]);
  });
});
