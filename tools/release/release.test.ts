/**
 * The release set-up (nx.json "release", docs/DEVELOPING.md "Releasing"), tried with
 * `nx release <next> --dry-run`: one version for the three packages, the packages' ranges on each
 * other moved with it, a CHANGELOG.md entry, and a `v<version>` tag, the name a pre-commit `rev:` uses.
 * A dry run writes nothing; the test checks that too.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "./test-tools.js";

const built = existsSync(path.join(repoRoot, "packages/nx-plugin/dist/index.js"));
const { version } = JSON.parse(readFileSync(path.join(repoRoot, "packages/core/package.json"), "utf8")) as { version: string };
const [major, minor] = version.split(".").map(Number) as [number, number];
const next = `${major}.${minor + 1}.0`;

const status = () => spawnSync("git", ["status", "--porcelain"], { cwd: repoRoot, encoding: "utf8" }).stdout;

describe.runIf(built)(`nx release ${next} --dry-run`, () => {
  it("versions the three packages together, writes a changelog entry and tags v<version>", () => {
    const before = status();
    const r = spawnSync(process.execPath, [path.join(repoRoot, "node_modules/nx/dist/bin/nx.js"), "release", next, "--first-release", "--dry-run", "--skip-publish", "--verbose"], {
      cwd: repoRoot,
      encoding: "utf8",
      env: { ...process.env, NX_DAEMON: "false", NX_NO_CLOUD: "true", NX_TUI: "false", FORCE_COLOR: "0", NO_COLOR: "1" },
      timeout: 240_000,
    });
    const out = `${r.stdout}${r.stderr}`;
    expect(r.status, out).toBe(0);
    for (const pkg of ["core", "eslint-plugin", "nx-plugin"]) {
      expect(out).toContain(`New version ${next} written to manifest: packages/${pkg}/package.json`);
    }
    // The plugins' exact ranges on the core follow it.
    expect(out).toContain(`+     "@docker-lint/core": "${next}"`);
    expect(out.match(/Updated 1 dependency in manifest: packages\/(eslint-plugin|nx-plugin)\/package.json/g)).toHaveLength(2);
    expect(out).toContain(`+ ## ${next} (`);
    expect(out).toContain(`git tag --annotate v${next} --message v${next}`);
    expect(status()).toBe(before);
  }, 300_000);
});
