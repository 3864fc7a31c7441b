/**
 * The README starts with the two commands a fresh machine runs (the main job, then the tests), and
 * CI (.ci/run) runs the same commands in the same order, so the README's promise is what CI checks.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "./test-tools.js";

const readme = readFileSync(path.join(repoRoot, "README.md"), "utf8");
const ci = readFileSync(path.join(repoRoot, ".ci/run"), "utf8");

describe("README Quick start", () => {
  const block = /## Quick start\s*```sh\n([\s\S]*?)```/.exec(readme)?.[1];
  const lines = (block ?? "").trim().split("\n");

  it("is the first section, with two lines: the main job after set-up, then the tests", () => {
    expect(readme.indexOf("## Quick start")).toBe(readme.indexOf("## "));
    expect(lines).toHaveLength(2);
    const [main, tests] = lines as [string, string];
    const steps = main.split("&&").map((s) => s.trim());
    // Set-up (dependencies, then the Docker engine and base images) before the main job.
    expect(steps.indexOf("bash tools/docker/setup.sh")).toBeGreaterThan(steps.indexOf("npm ci"));
    expect(steps.indexOf("npm ci")).toBe(0);
    expect(steps.at(-1)).toBe("npx nx run-many -t docker-lint");
    expect(tests).toBe("npm test");
  });

  it("is what .ci/run runs, in the same order", () => {
    let from = 0;
    for (const command of lines.flatMap((l) => l.split("&&").map((s) => s.trim()))) {
      const at = ci.indexOf(command, from);
      expect(at, `.ci/run runs '${command}' after the previous step`).toBeGreaterThanOrEqual(0);
      from = at + command.length;
    }
  });
});
