/**
 * The plugin installed from packed tarballs into workspaces of the oldest and newest Nx majors it
 * supports, then `nx run-many -t docker-lint` there. npm installs from the registry (its cache
 * makes repeat runs quick); without a registry the test is skipped with a message.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hostGo, REPO_ROOT, writeTree } from "./helpers";
import { goService, NOT_BUILT_MESSAGE, PLUGIN_BUILT } from "./nx-workspace";

const MAJORS = ["21", "24"];
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

function registryAnswers(): boolean {
  const r = spawnSync(npm, ["view", "nx@21", "version", "--prefer-offline"], { encoding: "utf8", timeout: 60_000 });
  return r.status === 0 && /\d+\.\d+\.\d+/.test(r.stdout);
}

const online = PLUGIN_BUILT && registryAnswers();
if (!PLUGIN_BUILT) it.skip(`Nx versions: ${NOT_BUILT_MESSAGE}`, () => {});
else if (!online) it.skip("Nx versions: the npm registry does not answer (offline); nothing installed", () => {});

describe.skipIf(!online)("Nx majors 21 and 24", () => {
  let packs: string;
  const dirs: string[] = [];
  beforeAll(() => {
    packs = mkdtempSync(path.join(os.tmpdir(), "docker-lint-packs-"));
    execFileSync(npm, ["pack", "-w", "packages/core", "-w", "packages/nx-plugin", "--pack-destination", packs, "--ignore-scripts"], { cwd: REPO_ROOT, stdio: "ignore" });
  }, 120_000);
  afterAll(() => {
    for (const d of [packs, ...dirs]) if (d) rmSync(d, { recursive: true, force: true });
  });

  for (const major of MAJORS) {
    it(`Nx ${major}: installs without peer conflicts and runs the inferred target`, () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), `docker-lint-nx${major}-`));
      dirs.push(dir);
      const tarballs = Object.fromEntries(readdirSync(packs).map((f) => [f.startsWith("docker-lint-core") ? "@docker-lint/core" : "@docker-lint/nx-plugin", `file:${path.join(packs, f)}`]));
      writeTree(dir, {
        "package.json": JSON.stringify({ name: `nx${major}-workspace`, private: true, devDependencies: { nx: `^${major}.0.0`, "@nx/devkit": `^${major}.0.0`, ...tarballs } }),
        "nx.json": JSON.stringify({ plugins: [{ plugin: "@docker-lint/nx-plugin" }], targetDefaults: { "docker-lint": { options: { image: false } } } }),
        ...goService("api"),
      });
      // No --force or --legacy-peer-deps: a peer range that excludes this Nx fails here (ERESOLVE).
      const install = spawnSync(npm, ["install", "--no-audit", "--no-fund", "--prefer-offline"], { cwd: dir, encoding: "utf8", timeout: 300_000 });
      expect(install.status, install.stderr).toBe(0);
      const nxPackage = JSON.parse(readFileSync(path.join(dir, "node_modules/nx/package.json"), "utf8")) as { version: string; bin: Record<string, string> };
      const version = nxPackage.version;
      expect(version.split(".")[0]).toBe(major);
      const env = { ...process.env, NX_DAEMON: "false", NX_NO_CLOUD: "true", NX_TUI: "false", FORCE_COLOR: "0", CI: "true" };
      const run = spawnSync(process.execPath, [path.join(dir, "node_modules/nx", nxPackage.bin.nx!), "run-many", "-t", "docker-lint", "--output-style=static"], { cwd: dir, env, encoding: "utf8", timeout: 300_000 });
      const output = `${run.stdout}${run.stderr}`;
      expect(run.status, output).toBe(0);
      expect(output).toContain("> nx run api:docker-lint");
      expect(output).toContain("lint: services/api/Dockerfile: no problems");
      if (hostGo) expect(output).toMatch(/go build ok: api/);
    }, 600_000);
  }
});
