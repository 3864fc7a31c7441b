/**
 * Which Go compiles step 2: the one the builder stage's image names (`golang:1.23.4` →
 * `GOTOOLCHAIN=go1.23.4`). Go fetches that toolchain as a module through the host's configured
 * module proxy and keeps it in the module cache, so it is downloaded once per machine.
 */
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { onInterrupt, run, tail } from "./exec";

type Compare = (a: string, b: string) => number;

export interface ImageGo {
  /** The builder's base image after ARG substitution: `golang:1.23-alpine`. */
  image: string;
  /** The Go version its tag names (`1.23`, `1.23.4`, `1.24rc1`), or null. */
  version: string | null;
}

export interface HostGo {
  /** `1.26.8` */
  version: string;
  /** Go versions of the toolchains already in the module cache (for this host). */
  cached: string[];
}

export type ToolchainChoice =
  /** `local`, or `go1.23.4`; `note` says where it came from when that is not obvious. */
  | { ok: true; toolchain: string; version: string; note: string | null }
  | { ok: false; message: string };

/** First Go release whose toolchain can be fetched through GOTOOLCHAIN. */
const FIRST_SWITCHABLE = "1.21";
const minorOf = (v: string) => /^\d+\.\d+/.exec(v)?.[0] ?? v;
/** A toolchain name needs a patch number from 1.21 on: `1.23` → `1.23.0`. */
const concrete = (v: string) => (/^\d+\.\d+$/.test(v) ? `${v}.0` : v);

/**
 * Picks the toolchain for the image's Go. A tag without a patch (`golang:1.23`) means that
 * line's newest release, which only a registry knows: the host's own Go when it is on that line,
 * else the newest such toolchain in the module cache, else `.0`; raised to go.mod's `go` line
 * when that is on the same line. A go.mod needing a newer Go fails, as the image build would
 * (the golang images set GOTOOLCHAIN=local).
 */
export function chooseToolchain(image: ImageGo, host: HostGo, goModGo: string | null, compare: Compare): ToolchainChoice {
  const { version } = image;
  if (!version) return { ok: true, toolchain: "local", version: host.version, note: `host go ${host.version}, image says ${image.image}` };
  if (compare(version, FIRST_SWITCHABLE) < 0) return { ok: true, toolchain: "local", version: host.version, note: `host go ${host.version}: ${image.image} predates toolchain downloads (Go 1.21)` };
  let pick = version;
  let note: string | null = null;
  if (/^\d+\.\d+$/.test(version)) {
    const line = (v: string) => minorOf(v) === version;
    const cached = host.cached.filter(line).sort(compare).at(-1);
    if (line(host.version)) [pick, note] = [host.version, `${image.image} names no patch release: go${host.version}, the host's`];
    else if (cached) [pick, note] = [cached, `${image.image} names no patch release: go${cached}, the newest ${version} toolchain in the module cache`];
    else [pick, note] = [concrete(version), `${image.image} names no patch release: go${concrete(version)}, the first ${version} release`];
    if (goModGo && line(goModGo) && compare(goModGo, pick) > 0) [pick, note] = [concrete(goModGo), `${image.image} names no patch release: go${concrete(goModGo)}, go.mod's`];
  }
  if (goModGo && compare(goModGo, pick) > 0) {
    return { ok: false, message: `go.mod requires go >= ${goModGo}, but ${image.image} has go ${/^\d+\.\d+$/.test(version) ? `${version}.x` : version}; the image build fails the same way (its GOTOOLCHAIN is local)` };
  }
  return { ok: true, toolchain: pick === host.version ? "local" : `go${pick}`, version: pick, note };
}

let hostGo: Promise<HostGo | { problem: string }> | undefined;
let hostGoCommand: string | undefined;

/** The host Go's version and the toolchains in its module cache (one `go env` per process). */
export function hostGoInfo(go: string): Promise<HostGo | { problem: string }> {
  if (hostGo && hostGoCommand === go) return hostGo;
  hostGoCommand = go;
  hostGo = (async () => {
    const r = await run(go, ["env", "GOVERSION", "GOMODCACHE", "GOHOSTOS", "GOHOSTARCH"], { env: { ...process.env, GOTOOLCHAIN: "local", GOFLAGS: "" }, timeoutMs: 30_000 });
    if (r.spawnError) return { problem: r.spawnError };
    if (r.code !== 0) return { problem: tail(r.stderr, 3) };
    const [goversion = "", modcache = "", goos = "", goarch = ""] = r.stdout.toString("utf8").split("\n");
    const version = goversion.trim().replace(/^go/, "").split(" ")[0]!;
    const suffix = `.${goos.trim()}-${goarch.trim()}.zip`;
    let cached: string[] = [];
    try {
      cached = readdirSync(path.join(modcache.trim(), "cache", "download", "golang.org", "toolchain", "@v"))
        .filter((f) => f.startsWith("v0.0.1-go") && f.endsWith(suffix))
        .map((f) => f.slice("v0.0.1-go".length, -suffix.length));
    } catch {
      /* no toolchain fetched yet */
    }
    return { version, cached };
  })();
  return hostGo;
}

/**
 * Fetches the toolchain (when not cached) with the host's own proxy settings, in an empty
 * folder so no go.mod or go.work takes part. Returns a problem, or null when it is ready.
 */
export async function fetchToolchain(go: string, toolchain: string, timeoutMs?: number): Promise<string | null> {
  if (toolchain === "local") return null;
  const dir = mkdtempSync(path.join(os.tmpdir(), "docker-lint-toolchain-"));
  const remove = () => { rmSync(dir, { recursive: true, force: true }); };
  const interrupted = onInterrupt(remove);
  try {
    const env: NodeJS.ProcessEnv = { ...process.env, GOTOOLCHAIN: toolchain, GOWORK: "off" };
    delete env.GOFLAGS;
    const r = await run(go, ["version"], { cwd: dir, env, timeoutMs });
    if (r.timedOut) return `fetching ${toolchain} timed out after ${Math.round((timeoutMs ?? 0) / 1000)} s`;
    if (r.code !== 0) return tail(r.stderr || r.spawnError || "", 2).replace(/\n/g, " ");
    return null;
  } finally {
    remove();
    interrupted();
  }
}

const BUILDINFO_MAGIC = Buffer.from("\xff Go buildinf:", "latin1");

/** The Go version a binary was built with, from its build info (Go 1.18+ layout), or null. */
export function binaryGoVersion(bytes: Buffer): string | null {
  const at = bytes.indexOf(BUILDINFO_MAGIC);
  if (at < 0 || at + 33 > bytes.length) return null;
  const flags = bytes[at + 15]!;
  if ((flags & 2) === 0) return null; // older layout: pointers into the data segment
  let p = at + 32;
  let len = 0;
  for (let shift = 0; p < bytes.length; shift += 7) {
    const b = bytes[p++]!;
    len |= (b & 0x7f) << shift;
    if ((b & 0x80) === 0) break;
  }
  return bytes.subarray(p, p + len).toString("utf8") || null;
}
