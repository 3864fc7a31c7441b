/**
 * The API example in packages/core/README.md runs as written against the built package (the
 * import is pointed at dist/entry.cjs, the package's entry), in a folder with a config file and
 * two Dockerfiles.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCore, REPO } from "../cli/helpers.js";

const dir = mkdtempSync(path.join(os.tmpdir(), "docker-lint-readme-api-"));
beforeAll(() => buildCore());
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the README's API example", () => {
  it("runs and prints the problems of the text and of the files found", () => {
    const readme = readFileSync(path.join(REPO, "packages/core/README.md"), "utf8");
    const block = /## API[\s\S]*?```js\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(block).toBeTruthy();
    const entry = pathToFileURL(path.join(REPO, "packages/core/dist/entry.cjs")).href;
    writeFileSync(path.join(dir, "example.mjs"), block!.replace('"@docker-lint/core"', JSON.stringify(entry)));
    writeFileSync(path.join(dir, "docker-lint.config.json"), JSON.stringify({ rules: { "require-non-root-user": "off" } }));
    mkdirSync(path.join(dir, "svc"));
    writeFileSync(path.join(dir, "svc", "Dockerfile"), "FROM alpine:latest\nCOPY app /app\nCMD [\"/app\"]\n");
    const r = spawnSync(process.execPath, ["example.mjs"], { cwd: dir, encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    // The text: a single stage that builds; the file: an untagged base. The config turned one rule off.
    expect(r.stdout).toContain("@docker-lint/require-multi-stage");
    expect(r.stdout).toMatch(/svc\/Dockerfile[\s\S]*@docker-lint\/require-image-tag/);
    expect(r.stdout).not.toContain("require-non-root-user");
  });
});
