/**
 * Docker end to end: the repository's example services plus the cgo-over-scratch fixture in a
 * temp Nx workspace, `nx run-many -t docker-lint` with images built, checked and removed.
 * Skips (saying why) when no Docker engine answers or the local base images are missing.
 */
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findDocker, type DockerClient } from "../src/lib/docker";
import { sizeRows } from "../src/lib/summary";
import { DOCKER_TIMEOUT_MS, goVersion, hostGo, REPO_ROOT } from "./helpers";
import { NOT_BUILT_MESSAGE, NxWorkspace, PLUGIN_BUILT } from "./nx-workspace";

const EXAMPLES = path.join(REPO_ROOT, "examples");
const FIXTURE = path.join(__dirname, "fixtures", "cgo-scratch");

async function precondition(): Promise<{ skip: string } | { docker: DockerClient }> {
  if (!PLUGIN_BUILT) return { skip: NOT_BUILT_MESSAGE };
  if (!hostGo) return { skip: "no go on PATH (the Go build step needs the host toolchain)" };
  if (!existsSync(path.join(EXAMPLES, "api", "Dockerfile"))) return { skip: "examples/api is missing" };
  const docker = await findDocker();
  if (docker.problem) return { skip: `no usable Docker engine: ${docker.problem}` };
  const v = goVersion();
  const bases = [`golang:${v}`, `golang:${v}-bookworm`, "gcr.io/distroless/static-debian12:nonroot", "gcr.io/distroless/base-debian12:nonroot"];
  for (const image of bases) {
    try {
      execFileSync(docker.command, ["image", "inspect", image], { timeout: DOCKER_TIMEOUT_MS, stdio: "ignore" });
    } catch {
      return { skip: `base image ${image} is not in the local engine (no registry here): run tools/docker/make-base-images.sh` };
    }
  }
  return { docker };
}

const state = await precondition();
const skip = "skip" in state ? state.skip : null;

if (skip) it.skip(`Docker end-to-end skipped: ${skip}`, () => {});

describe.skipIf(skip !== null)("nx run-many -t docker-lint with images", () => {
  let ws: NxWorkspace;
  let first: Awaited<ReturnType<NxWorkspace["nx"]>>;
  let generated: Awaited<ReturnType<NxWorkspace["nx"]>>;
  const docker = "docker" in state ? state.docker.command : "docker";

  beforeAll(async () => {
    // network none: the engine here runs without a bridge network (tools/docker/setup.sh).
    const options = { image: true, goBuild: true, network: "none" };
    ws = new NxWorkspace({}, { plugins: [{ plugin: "@docker-lint/nx-plugin" }], targetDefaults: { "docker-lint": { options } } });
    for (const name of readdirSync(EXAMPLES)) {
      if (existsSync(path.join(EXAMPLES, name, "Dockerfile"))) cpSync(path.join(EXAMPLES, name), path.join(ws.dir, "examples", name), { recursive: true });
    }
    cpSync(FIXTURE, path.join(ws.dir, "fixtures", "cgo-scratch"), { recursive: true });
    generated = await ws.nx(["g", "@docker-lint/nx-plugin:go-service", "orders", "--no-interactive"]);
    first = await ws.nx(["run-many", "-t", "docker-lint", "--parallel=2"], 1_500_000);
  }, 1_600_000);
  afterAll(() => ws?.dispose());

  it("builds and validates the ideal service: under 20 MB, non-root, executable entry point, smoke run passes", () => {
    const api = NxWorkspace.section(first.output, "api:docker-lint");
    expect(api, first.output).toContain("lint: examples/api/Dockerfile: no problems");
    expect(api).toMatch(/go build ok: api [\d.]+ MB, (x86-64|aarch64), statically linked/);
    expect(api).toMatch(/✔ size [\d.]+ MB ≤ maxImageSize 20\.0 MB/);
    expect(api).toContain("✔ user nonroot:nonroot");
    expect(api).toMatch(/✔ entry point \/api \(rwxr-xr-x, statically linked\)/);
    expect(api).toContain("✔ smoke run exit 0 (-version)");
    const [row] = sizeRows(api);
    expect(row).toBeDefined();
    expect(row!.label).toBe("api");
    expect(row!.finalBytes).toBeLessThan(20_000_000);
    // The builder stage (golang) is measured too, and the multi-stage image is far smaller.
    expect(row!.builderBytes).toBeGreaterThan(100_000_000);
    expect(row!.line).toMatch(/^api: [\d.]+ MB, builder \d+ MB, 9\d\.\d% smaller$/);
  });

  it("passes every example service, the cgo one on a glibc base included", () => {
    for (const name of readdirSync(path.join(ws.dir, "examples"))) {
      const section = NxWorkspace.section(first.output, `${name}:docker-lint`);
      expect(section, `${name}:\n${first.output}`).toContain("✔ smoke run exit 0");
      expect(first.ran).toContain(`${name}:docker-lint`);
    }
    expect(NxWorkspace.section(first.output, "geo-cgo:docker-lint")).toMatch(/go build ok: geo-cgo .* dynamically linked \(interpreter \/lib.*ld-linux/);
  });

  it("a service made by the go-service generator passes every step", () => {
    expect(generated.code, generated.output).toBe(0);
    const orders = NxWorkspace.section(first.output, "orders:docker-lint");
    expect(orders, first.output).toContain("lint: services/orders/Dockerfile: no problems");
    expect(orders).toMatch(/go build ok: orders [\d.]+ MB, \S+, statically linked/);
    expect(orders).toContain("✔ user 65532:65532");
    expect(orders).toContain("✔ smoke run exit 0 (-version)");
    expect(orders).toMatch(/^orders: [\d.]+ MB, builder \d+ MB, 9\d\.\d% smaller$/m);
  });

  it("fails the cgo-over-scratch fixture at step 2, saying why", () => {
    expect(first.code).toBe(1);
    const fixture = NxWorkspace.section(first.output, "cgo-scratch:docker-lint");
    expect(fixture).toContain("lint: fixtures/cgo-scratch/Dockerfile: no problems");
    expect(fixture).toMatch(/go build: cgo-scratch is dynamically linked \(interpreter [^,]+, needs [^)]*libc\.so\.6[^)]*\), but the final base scratch has no libc or dynamic loader, so it cannot start there\./);
    expect(fixture).toContain("Set CGO_ENABLED=0");
    expect(fixture).toContain("image: skipped (an earlier step failed)");
  });

  it("prints the size summary across services", () => {
    // cgo-scratch failed at step 2, before an image existed: the summary says so, from its task status.
    const summary = first.output.slice(first.output.lastIndexOf("docker-lint image sizes:"));
    expect(summary).toContain("  cgo-scratch (failed): no image\n");
    expect(summary.replace("  cgo-scratch (failed): no image\n", "")).toMatch(/^docker-lint image sizes:\n(\s+.+: [\d.]+ MB, builder .*\n){5}\s+all 5 images: /);
  });

  it("removes every image and container it created", () => {
    const images = execFileSync(docker, ["image", "ls", "--format", "{{.Repository}}"], { timeout: DOCKER_TIMEOUT_MS, encoding: "utf8" }).split("\n");
    const ours = images.filter((r) => /^docker-lint-(api|edge-proxy|geo-cgo|toolchain-arg|orders|cgo-scratch)-[0-9a-f]{8}(-builder)?$/.test(r));
    expect(ours).toEqual([]);
    const containers = execFileSync(docker, ["ps", "-a", "--format", "{{.Names}}"], { timeout: DOCKER_TIMEOUT_MS, encoding: "utf8" }).split("\n");
    expect(containers.filter((c) => /^docker-lint-(api|edge-proxy|geo-cgo|toolchain-arg|orders|cgo-scratch)-[0-9a-f]{8}-/.test(c))).toEqual([]);
  });

  it("fails a smoke run that does not exit in time, and removes its container", async () => {
    // -addr makes the server listen instead of printing its version.
    const r = await ws.nx(["run", "api:docker-lint", "--smokeArgs=-addr=:9999", "--smokeTimeout=3", "--skip-nx-cache"], 900_000);
    expect(r.code).toBe(1);
    const api = NxWorkspace.section(r.output, "api:docker-lint");
    expect(api).toContain("✔ user nonroot:nonroot");
    expect(api).toContain("✖ smoke run did not exit within 3 s: docker run --rm --network none --memory 128m <image> -addr=:9999");
    const containers = execFileSync(docker, ["ps", "-a", "--format", "{{.Names}}"], { timeout: DOCKER_TIMEOUT_MS, encoding: "utf8" });
    expect(containers).not.toMatch(/^docker-lint-api-[0-9a-f]{8}-smoke$/m);
  }, 900_000);

  it("keeps the images when asked, and says which", async () => {
    const r = await ws.nx(["run", "api:docker-lint", "--keepImages", "--skip-nx-cache"], 900_000);
    expect(r.code, r.output).toBe(0);
    const m = /kept images: (docker-lint-api-[0-9a-f]{8}), (docker-lint-api-[0-9a-f]{8}-builder)/.exec(r.output);
    expect(m, r.output).not.toBeNull();
    try {
      for (const image of [m![1]!, m![2]!]) expect(() => execFileSync(docker, ["image", "inspect", image], { timeout: DOCKER_TIMEOUT_MS, stdio: "ignore" })).not.toThrow();
    } finally {
      execFileSync(docker, ["rmi", "-f", m![1]!, m![2]!], { timeout: DOCKER_TIMEOUT_MS, stdio: "ignore" });
    }
  }, 900_000);

  it("serves the passing services from the cache on a second run; the failed one runs again", async () => {
    const again = await ws.nx(["run-many", "-t", "docker-lint", "--parallel=2"], 900_000);
    expect(again.cached.sort()).toEqual([...readdirSync(path.join(ws.dir, "examples")), "orders"].map((n) => `${n}:docker-lint`).sort());
    expect(again.ran).toEqual(["cgo-scratch:docker-lint"]);
    // Cached reports keep their size lines, so the summary is there too.
    expect(again.output).toContain("docker-lint image sizes:");
  }, 900_000);
});
