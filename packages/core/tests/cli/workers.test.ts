/**
 * Long runs share the files with a worker thread; a command line that names enough files starts
 * it before the engine loads (src/runtime/early-worker.cts). Whichever thread lints a file, the
 * report is the one a run without workers gives, and a worker that ends up unused never holds
 * the process.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCore, cleanTemp, CLEAN, run, SHELL_CMD, tempTree, UNTAGGED } from "./helpers.js";

beforeAll(() => buildCore());
afterAll(() => cleanTemp());

const COUNT = 320;
const variants = [CLEAN, UNTAGGED, SHELL_CMD, "FROM alpine:latest\nRUN apk add curl\nCMD echo hi\n"];

function tree(): { root: string; files: string[] } {
  const texts: Record<string, string> = {};
  for (let i = 0; i < COUNT; i++) texts[`svc${i}/Dockerfile`] = variants[i % variants.length]!;
  return { root: tempTree(texts), files: Object.keys(texts) };
}

describe("the CLI with a long file list", () => {
  it("reports the same with the early worker as without workers", () => {
    const { root, files } = tree();
    const shared = run(["--format", "json", ...files], { cwd: root });
    const alone = run(["--format", "json", ...files], { cwd: root, env: { DOCKER_LINT_WORKERS: "0" } });
    expect(shared.stderr).toBe("");
    expect(shared.code).toBe(1);
    expect(alone.code).toBe(1);
    expect(shared.stdout).toBe(alone.stdout);
    expect(JSON.parse(shared.stdout)).toHaveLength(COUNT);
  });

  it("ends as usual when the early worker has nothing to do (every file replayed from --cache)", () => {
    const { root, files } = tree();
    const first = run(["--cache", "--format", "json", ...files], { cwd: root });
    const started = Date.now();
    const second = run(["--cache", "--format", "json", ...files], { cwd: root });
    expect(second.stderr).toBe("");
    expect(second.code).toBe(first.code);
    expect(second.stdout).toBe(first.stdout);
    // Not held until a timeout by the unused worker (a run here takes well under a second).
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});
