/**
 * A throw-away npm registry on 127.0.0.1 (verdaccio, from the test cache): storage in a temporary
 * folder, and every package other than @docker-lint/* proxied to the registry the npm client is
 * configured with. The test that starts it stops it.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { repoRoot, run, verdaccio } from "./test-tools.js";

/**
 * The environment for the npm commands the tests run, without what `npm test` sets for its own
 * script (npm_config_local_prefix would send them to this repository's root).
 */
export function npmEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^npm_(package|lifecycle)_|^npm_config_(local_prefix|call|yes|user_agent|npm_version|workspaces?)$|^npm_command$|^INIT_CWD$/i.test(key)) continue;
    env[key] = value;
  }
  return { ...env, NO_UPDATE_NOTIFIER: "1", npm_config_update_notifier: "false", npm_config_fund: "false", npm_config_audit: "false" };
}

/** The registry the npm client installs from (`npm config get registry`), ending in `/`. */
export function upstreamRegistry(): string {
  const r = spawnSync("npm", ["config", "get", "registry"], { encoding: "utf8", env: npmEnv() });
  const url = r.stdout.trim();
  return url.endsWith("/") ? url : `${url}/`;
}

/** Null when the upstream registry answers, else why not. */
export async function upstreamUnreachable(upstream: string): Promise<string | null> {
  try {
    const res = await fetch(new URL("-/ping", upstream), { signal: AbortSignal.timeout(10_000) });
    return res.ok ? null : `${upstream} answered ${res.status}`;
  } catch (err) {
    return `${upstream} cannot be reached (${(err as Error).message})`;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface LocalRegistry {
  url: string;
  /** A .npmrc line set for publishing to it. */
  publishNpmrc: string;
  stop(): Promise<void>;
}

export async function startRegistry(verdaccioBin: string, dir: string, upstream: string): Promise<LocalRegistry> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  mkdirSync(path.join(dir, "storage"), { recursive: true });
  const config = path.join(dir, "config.yaml");
  writeFileSync(
    config,
    [
      `storage: ${JSON.stringify(path.join(dir, "storage"))}`,
      "auth:",
      "  htpasswd:",
      `    file: ${JSON.stringify(path.join(dir, "htpasswd"))}`,
      "uplinks:",
      "  upstream:",
      `    url: ${JSON.stringify(upstream)}`,
      "    timeout: 60s",
      "packages:",
      // Ours are only ever the ones published here, never the upstream's.
      "  '@docker-lint/*':",
      "    access: $all",
      "    publish: $authenticated",
      "  '**':",
      "    access: $all",
      "    proxy: upstream",
      "log: { type: stdout, format: pretty, level: warn }",
      "",
    ].join("\n"),
  );
  const child: ChildProcess = spawn(process.execPath, [verdaccioBin, "--config", config, "--listen", `127.0.0.1:${port}`], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  child.stdout!.on("data", (b: Buffer) => (log += b.toString()));
  child.stderr!.on("data", (b: Buffer) => (log += b.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    }
  };

  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(new URL("-/ping", url), { signal: AbortSignal.timeout(2000) })).ok) break;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`verdaccio did not start on ${url}: ${log}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }

  // A user for publishing (verdaccio's htpasswd plugin signs one up on first login).
  const res = await fetch(new URL("-/user/org.couchdb.user:release-test", url), {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name: "release-test", password: "release-test-password" }),
  });
  const { token } = (await res.json()) as { token?: string };
  if (!token) {
    await stop();
    throw new Error(`verdaccio gave no token (${res.status}): ${log}`);
  }
  return { url, publishNpmrc: `//127.0.0.1:${port}/:_authToken=${token}\n@docker-lint:registry=${url}\n`, stop };
}

/** Packs the package in `packageDir` into `outDir` and publishes the tarball; returns npm's output on failure. */
async function packAndPublish(packageDir: string, outDir: string, registry: LocalRegistry, userconfig: string): Promise<string | null> {
  const env = npmEnv();
  const packed = await run("npm", ["pack", "--json", "--pack-destination", outDir], { cwd: packageDir, env });
  if (packed.status !== 0) return packed.output;
  const [{ filename }] = JSON.parse(packed.output.slice(packed.output.indexOf("["))) as Array<{ filename: string }>;
  const published = await run("npm", ["publish", path.join(outDir, filename!), "--registry", registry.url, "--userconfig", userconfig, "--access", "public"], { cwd: outDir, env });
  return published.status === 0 ? null : published.output;
}

/** The packages users install by name, in the order they depend on each other. */
const PUBLISHED = ["core", "eslint-plugin", "nx-plugin"];

/** Packs this build's packages into `dir`/tarballs and publishes them all to `registry`; throws npm's output on failure. */
export async function publishPackages(registry: LocalRegistry, dir: string): Promise<void> {
  const userconfig = path.join(dir, "publish.npmrc");
  writeFileSync(userconfig, registry.publishNpmrc);
  mkdirSync(path.join(dir, "tarballs"), { recursive: true });
  for (const pkg of PUBLISHED) {
    const failed = await packAndPublish(path.join(repoRoot, "packages", pkg), path.join(dir, "tarballs"), registry, userconfig);
    if (failed) throw new Error(`publishing ${pkg} failed: ${failed}`);
  }
}

/**
 * What a test that installs our packages from a local registry needs: verdaccio's bin script and
 * the upstream registry, or why it has to skip (packages not built, verdaccio not installable,
 * the upstream registry unreachable).
 */
export async function localRegistryTools(): Promise<{ verdaccioBin: string; upstream: string } | { skip: string }> {
  const built = ["core/dist/index.js", "core/dist/docker-lint.bundle.cjs", "eslint-plugin/dist/index.js", "nx-plugin/dist/index.js"].every((f) => existsSync(path.join(repoRoot, "packages", f)));
  if (!built) return { skip: "packages are not built: run `npm run build` first (npm test does)" };
  const tool = verdaccio();
  if (!tool.ok) return { skip: tool.reason };
  const upstream = upstreamRegistry();
  const unreachable = await upstreamUnreachable(upstream);
  return unreachable ? { skip: unreachable } : { verdaccioBin: tool.bin, upstream };
}
