/**
 * A new user's path, on the oldest and newest Nx the Nx plugin supports: `npx create-nx-workspace`
 * (pinned to a version), then the commands of packages/nx-plugin/README.md, read out of its fenced
 * blocks marked `<!-- nx setup: … -->` and run as written: install the plugin, `init`, the
 * `go-service` generator, the documented `targetDefaults`, `npx nx run-many -t docker-lint`.
 * A second service with an untagged base image must be reported; without it the run must pass,
 * and with a Docker engine and the base images the clean service's image is built and checked.
 *
 * Our packages come from a local registry (verdaccio, published once for the whole file); every
 * other package from the registry the npm client is configured with, through an npm cache kept in
 * the test cache folder. When create-nx-workspace has no release for the newest Nx major in the
 * peer range, that Nx is started with `npx nx@<version> init` (Nx's own way into a repository).
 */
import { spawnSync } from "node:child_process";
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dockerForTests } from "../../packages/nx-plugin/tests/docker-env.js";
import { localRegistryTools, npmEnv, publishPackages, startRegistry, type LocalRegistry } from "./local-registry.js";
import { BAD_DOCKERFILE, BAD_RULE, cacheDir, gitInit, repoRoot, run, type RunResult } from "./test-tools.js";

const nxPlugin = JSON.parse(readFileSync(path.join(repoRoot, "packages/nx-plugin/package.json"), "utf8")) as { name: string; peerDependencies: Record<string, string> };
const NX_RANGE = nxPlugin.peerDependencies.nx!;

// ---- the README, as a user reads it

const readme = readFileSync(path.join(repoRoot, "packages/nx-plugin/README.md"), "utf8");
function readmeBlock(marker: string): string {
  const block = new RegExp(`<!-- nx setup: ${marker} -->\\s*\`\`\`\\w*\\n([\\s\\S]*?)\`\`\``).exec(readme)?.[1];
  if (block === undefined) throw new Error(`packages/nx-plugin/README.md has no fenced block after <!-- nx setup: ${marker} -->`);
  return block;
}
/** A block's command lines, without trailing `# comments`. */
const commands = (block: string) => block.split("\n").map((l) => l.replace(/\s+#.*$/, "").trim()).filter(Boolean);

const INSTALL = commands(readmeBlock("install"));
const RUN_ALL = commands(readmeBlock("run"))[0]!;
/** The go-service line, with only its required argument (the optional ones are in `[…]`). */
const GO_SERVICE = commands(readmeBlock("generators"))
  .find((l) => l.includes(":go-service"))!
  .replace(/\s*\[[^\]]*\]/g, "");
const SERVICE = GO_SERVICE.split(/\s+/).at(-1)!;
const json = (block: string) => JSON.parse(block.replace(/^\/\/.*\n/, "")) as Record<string, unknown>;
const NX_JSON_PLUGINS = json(readmeBlock("nx.json")).plugins as unknown[];
/** `network: "none"`: the README's example, and what an engine without a bridge (CI's) needs. */
const TARGET_DEFAULTS = json(readmeBlock("targetDefaults")).targetDefaults as Record<string, unknown>;

// ---- which versions

function registryVersions(spec: string): string[] {
  const r = spawnSync("npm", ["view", spec, "version", "--json"], { encoding: "utf8", env: npmEnv(), timeout: 60_000 });
  if (r.status !== 0) return [];
  const parsed = JSON.parse(r.stdout) as string | string[];
  return (Array.isArray(parsed) ? parsed : [parsed]).filter((v) => /^\d+\.\d+\.\d+$/.test(v));
}
const byVersion = (a: string, b: string) => {
  const [x, y] = [a, b].map((v) => v.split(".").map(Number));
  return x![0]! - y![0]! || x![1]! - y![1]! || x![2]! - y![2]!;
};
const major = (v: string) => Number(v.split(".")[0]);

interface Variant {
  label: string;
  nxVersion: string;
  /** What makes the workspace: in its parent folder, or (`inRepository`) in a new git repository with a package.json. */
  create: string[];
  inRepository?: boolean;
}

function variants(): Variant[] {
  const cnw = registryVersions(`create-nx-workspace@${NX_RANGE}`).sort(byVersion);
  const nx = registryVersions(`nx@${NX_RANGE}`).sort(byVersion);
  if (cnw.length === 0 || nx.length === 0) return [];
  const flags = ["ws", "--preset=npm", "--nxCloud=skip", "--no-interactive", "--packageManager=npm"];
  const viaCreate = (label: string, v: string): Variant => ({ label: `${label}: create-nx-workspace@${v}`, nxVersion: v, create: ["npx", "-y", `create-nx-workspace@${v}`, ...flags] });
  const out = [viaCreate("oldest", cnw[0]!)];
  if (cnw.at(-1) !== cnw[0]) out.push(viaCreate("newest", cnw.at(-1)!));
  const newestNx = nx.at(-1)!;
  if (major(newestNx) > major(cnw.at(-1)!)) {
    out.push({ label: `newest Nx (no create-nx-workspace ${major(newestNx)} on the registry): nx@${newestNx} init`, nxVersion: newestNx, create: ["npx", "-y", `nx@${newestNx}`, "init", "--interactive=false"], inRepository: true });
  }
  return out;
}

const tools = await localRegistryTools();
const VARIANTS = "skip" in tools ? [] : variants();
const skipReason = "skip" in tools ? tools.skip : VARIANTS.length === 0 ? `no create-nx-workspace or nx release in ${NX_RANGE} on the registry` : null;
if (skipReason) it.skip(`create-nx-workspace, then the Nx plugin's README: ${skipReason}`, () => {});
const docker = skipReason ? { skip: skipReason } : await dockerForTests();

const env: NodeJS.ProcessEnv = {
  ...npmEnv(),
  // Repeat runs take what they need from here (in CI: a cached folder).
  npm_config_cache: path.join(cacheDir, "npm"),
  NX_DAEMON: "false",
  NX_NO_CLOUD: "true",
  NX_TUI: "false",
  CI: "true",
  FORCE_COLOR: "0",
  NO_COLOR: "1",
  // create-nx-workspace commits the new workspace.
  GIT_AUTHOR_NAME: "Test",
  GIT_AUTHOR_EMAIL: "test@example.com",
  GIT_COMMITTER_NAME: "Test",
  GIT_COMMITTER_EMAIL: "test@example.com",
};

/**
 * Making a workspace needs none of our packages, so npm may answer from its cache without asking
 * the registry again (ours are installed later, always asked for).
 */
const CREATE_ENV = { npm_config_prefer_offline: "true" };

interface Workspace {
  dir: string;
  /** Each step so far, and what it printed; the first failure ends them. */
  steps: Array<{ command: string } & RunResult>;
}

describe.runIf(!skipReason)("create-nx-workspace, then the Nx plugin's README as written", () => {
  let tmp: string;
  let registry: LocalRegistry | undefined;
  const spaces = new Map<string, Workspace>();
  const started = Date.now();

  async function step(ws: Workspace, cwd: string, command: string[] | string, extraEnv: NodeJS.ProcessEnv = {}): Promise<boolean> {
    const options = { cwd, env: { ...env, ...extraEnv }, timeoutMs: 480_000 };
    // README lines run through a shell, as typed.
    const r = typeof command === "string" ? await run("sh", ["-c", command], options) : await run(command[0]!, command.slice(1), options);
    ws.steps.push({ command: typeof command === "string" ? command : command.join(" "), ...r });
    return r.status === 0;
  }

  async function setUp(variant: Variant): Promise<Workspace> {
    const parent = path.join(tmp, `nx${variant.nxVersion}`);
    const dir = path.join(parent, "ws");
    const ws: Workspace = { dir, steps: [] };
    if (variant.inRepository) {
      // nx init works in an existing repository: an empty npm project.
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "ws", private: true }, null, 2));
      gitInit(dir);
      if (!(await step(ws, dir, variant.create, CREATE_ENV))) return ws;
    } else {
      mkdirSync(parent, { recursive: true });
      if (!(await step(ws, parent, variant.create, CREATE_ENV))) return ws;
    }
    // Stands in for the public registry, for our scope only.
    appendFileSync(path.join(dir, ".npmrc"), `@docker-lint:registry=${registry!.url}\n`);
    for (const line of [...INSTALL, GO_SERVICE]) if (!(await step(ws, dir, line))) return ws;
    // A service the user already had, with an untagged runtime image.
    for (const [rel, text] of Object.entries({ "services/legacy/Dockerfile": BAD_DOCKERFILE, "services/legacy/go.mod": "module example.com/legacy\n\ngo 1.26\n", "services/legacy/main.go": "package main\n\nfunc main() {}\n" })) {
      mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      writeFileSync(path.join(dir, rel), text);
    }
    const nxJsonPath = path.join(dir, "nx.json");
    const nxJson = JSON.parse(readFileSync(nxJsonPath, "utf8")) as { targetDefaults?: Record<string, unknown> };
    nxJson.targetDefaults = { ...nxJson.targetDefaults, ...TARGET_DEFAULTS };
    writeFileSync(nxJsonPath, JSON.stringify(nxJson, null, 2));
    return ws;
  }

  beforeAll(async () => {
    if ("skip" in tools) return;
    tmp = mkdtempSync(path.join(os.tmpdir(), "docker-lint-cnw-"));
    registry = await startRegistry(tools.verdaccioBin, path.join(tmp, "registry"), tools.upstream);
    await publishPackages(registry, tmp);
    // In parallel: each mostly waits on the registries and npm's cache.
    const made = await Promise.all(VARIANTS.map(setUp));
    VARIANTS.forEach((v, i) => spaces.set(v.label, made[i]!));
    console.log(`create-nx-workspace test: published and set up ${VARIANTS.length} workspaces in ${Math.round((Date.now() - started) / 1000)} s`);
  }, 900_000);

  afterAll(async () => {
    await registry?.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
    console.log(`create-nx-workspace test: ${Math.round((Date.now() - started) / 1000)} s in all`);
  });

  function workspace(label: string): Workspace {
    const ws = spaces.get(label)!;
    for (const s of ws.steps) expect(s.status, `\`${s.command}\` failed:\n${s.output}`).toBe(0);
    return ws;
  }
  const nx = (ws: Workspace, ...args: string[]) => run("npx", ["--no-install", "nx", ...args], { cwd: ws.dir, env });
  /** Per variant: the first run (both services; the clean one's image built there), the passing run with --output-style=static. */
  const runs = new Map<string, { first?: RunResult; all?: RunResult }>();

  describe.each(VARIANTS)("$label", (variant) => {
    it("the README's setup: the plugin in nx.json as shown, a docker-lint target for each Dockerfile project", async () => {
      const ws = workspace(variant.label);
      const installed = JSON.parse(readFileSync(path.join(ws.dir, "node_modules/nx/package.json"), "utf8")) as { version: string };
      expect(installed.version).toBe(variant.nxVersion);
      const nxJson = JSON.parse(readFileSync(path.join(ws.dir, "nx.json"), "utf8")) as { plugins?: unknown[] };
      expect(nxJson.plugins).toEqual(expect.arrayContaining(NX_JSON_PLUGINS));
      const shown = await nx(ws, "show", "projects", "--withTarget", "docker-lint", "--json");
      expect(shown.status, shown.output).toBe(0);
      expect((JSON.parse(shown.output.slice(shown.output.indexOf("["))) as string[]).sort()).toEqual(["legacy", SERVICE].sort());
    }, 120_000);

    it(`${RUN_ALL} reports the bad Dockerfile and fails on it alone`, async () => {
      const ws = workspace(variant.label);
      const r = await run("sh", ["-c", RUN_ALL], { cwd: ws.dir, env });
      runs.set(variant.label, { first: r });
      expect(r.status, r.output).not.toBe(0);
      expect(r.output).toContain(BAD_RULE);
      expect(r.output).toContain("services/legacy/Dockerfile");
      const failed = /Failed tasks:\n([\s\S]*?)\n\n/.exec(r.output)?.[1];
      expect(failed, r.output).toContain("legacy:docker-lint");
      expect(failed).not.toContain(`${SERVICE}:docker-lint`);
    }, 600_000);

    it(`${RUN_ALL} passes with the generated service alone; --output-style=static shows its report`, async () => {
      const ws = workspace(variant.label);
      rmSync(path.join(ws.dir, "services/legacy"), { recursive: true });
      const plain = await run("sh", ["-c", RUN_ALL], { cwd: ws.dir, env });
      expect(plain.status, plain.output).toBe(0);
      // Outside a terminal, newer Nx majors print a passing task's report only with this style.
      const all = await run("sh", ["-c", `${RUN_ALL} --output-style=static`], { cwd: ws.dir, env });
      runs.set(variant.label, { ...runs.get(variant.label), all });
      expect(all.status, all.output).toBe(0);
      expect(all.output).toContain(`lint: services/${SERVICE}/Dockerfile: no problems`);
      expect(all.output).toMatch(new RegExp(`go build ok: ${SERVICE} `));
    }, 600_000);

    if ("skip" in docker) it.skip(`the image step: ${docker.skip}`, () => {});
    else
      it("the image step built, checked and smoke-ran the generated service's image", () => {
        const r = runs.get(variant.label);
        expect(r?.first && r.all, "the runs above did not happen").toBeTruthy();
        expect(r!.first!.output).toMatch(new RegExp(`docker-lint image sizes:\\n(  .*\\n)*  ${SERVICE}: [\\d.]+ MB, builder`));
        expect(r!.all!.output).toContain("docker build ok: final image");
        const user = /^USER (\S+)$/m.exec(readFileSync(path.join(spaces.get(variant.label)!.dir, `services/${SERVICE}/Dockerfile`), "utf8"))![1]!;
        expect(r!.all!.output).toContain(`✔ user ${user}`);
        expect(r!.all!.output).toContain("✔ smoke run exit 0 (-version)");
      });
  });
});
