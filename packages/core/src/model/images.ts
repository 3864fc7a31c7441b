/**
 * What we know about base images: one table shared by every rule and by the Nx executor.
 * Sizes are approximate compressed (pull) sizes in MB for linux/amd64 (docs/DEVELOPING.md, "Base image facts").
 */

export interface ImageRef {
  /** The reference as written in the Dockerfile. */
  raw: string;
  /** After ARG default substitution. */
  resolved: string;
  /** Registry host, or null for Docker Hub. */
  registry: string | null;
  /** Repository path without registry, Docker Hub's `library/` removed: `golang`, `distroless/static-debian12`. */
  repository: string;
  tag: string | null;
  digest: string | null;
  /** Variables that had no default and so stay unresolved (`$GO_VERSION`). */
  unresolved: string[];
}

export function parseImageRef(raw: string, resolved = raw, unresolved: string[] = []): ImageRef {
  let rest = resolved.trim();
  let digest: string | null = null;
  const at = rest.indexOf("@");
  if (at >= 0) {
    digest = rest.slice(at + 1) || null;
    rest = rest.slice(0, at);
  }
  let tag: string | null = null;
  const lastSlash = rest.lastIndexOf("/");
  const colon = rest.lastIndexOf(":");
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1) || null;
    rest = rest.slice(0, colon);
  }
  let registry: string | null = null;
  const firstSlash = rest.indexOf("/");
  if (firstSlash > 0) {
    const first = rest.slice(0, firstSlash);
    if (first.includes(".") || first.includes(":") || first === "localhost") {
      registry = first;
      rest = rest.slice(firstSlash + 1);
    }
  }
  if (registry === "docker.io" || registry === "index.docker.io" || registry === "registry-1.docker.io") registry = null;
  if (registry === null && rest.startsWith("library/")) rest = rest.slice("library/".length);
  // Docker Hub mirrors keep library images' semantics.
  if (registry === "mirror.gcr.io" && rest.startsWith("library/")) {
    registry = null;
    rest = rest.slice("library/".length);
  }
  return { raw, resolved, registry, repository: rest.toLowerCase(), tag, digest, unresolved };
}

/** `gcr.io/distroless/static-debian12`: registry + repository, no tag. */
export function imageName(ref: ImageRef): string {
  return ref.registry ? `${ref.registry}/${ref.repository}` : ref.repository;
}

export type ImageKind = "scratch" | "minimal" | "slim" | "full-os" | "toolchain" | "app" | "unknown";
export type Libc = "glibc" | "musl" | "none" | "unknown";
export type Toolchain = "go" | "rust" | "node" | "java" | "python" | "dotnet" | "c";

export interface ImageFacts {
  family: string;
  kind: ImageKind;
  libc: Libc;
  /** Has /bin/sh. */
  shell: boolean;
  /** false: no package manager to install with (busybox); absent: it has one, or unknown. */
  packageManager?: boolean;
  /** Default user: "root", "65532" (nonroot) or another name; null when unknown. */
  defaultUser: string | null;
  /** Approximate compressed size in MB, or null when unknown. */
  sizeMB: number | null;
  /** The language toolchain the image ships, for toolchain images. */
  toolchain?: Toolchain;
  /** Has a C compiler (gcc) by default: cgo works out of the box. */
  cCompiler?: boolean;
  /**
   * Paths the image ships (files, or folders whose whole content counts), for images whose
   * filesystem is small and known; absent when unknown. `[]` for scratch.
   */
  files?: readonly string[];
  /** User names in the image's /etc/passwd, when known; `[]` when it has none (scratch). */
  users?: readonly string[];
}

interface Entry {
  /** Matches `imageName(ref)` (registry/repository). */
  name: RegExp;
  /** Optional tag test. */
  tag?: RegExp;
  facts: ImageFacts | ((ref: ImageRef) => ImageFacts);
}

const root = "root";
const NONROOT = "65532";

/** Users of distroless and Chainguard images' /etc/passwd: root (0), nonroot (65532), nobody (65534). */
const DISTROLESS_USERS = ["root", "nonroot", "nobody"] as const;
/** What distroless static (and Chainguard static) hold: passwd/group, CA bundle, tzdata, home folders. */
const STATIC_FILES = [
  "/etc/passwd", "/etc/group", "/etc/nsswitch.conf", "/etc/os-release", "/etc/ssl/certs",
  "/usr/share/zoneinfo", "/usr/share/doc", "/usr/lib/os-release", "/var/lib/dpkg", "/tmp",
  "/home/nonroot", "/root",
] as const;
const DEBUG_FILES = [...STATIC_FILES, "/busybox"] as const;

function distroless(ref: ImageRef): ImageFacts {
  const repo = ref.repository.replace(/^distroless\//, "");
  const tag = ref.tag ?? "latest";
  const debug = /debug/.test(tag);
  const user = /nonroot/.test(tag) ? NONROOT : root;
  const base = { family: "distroless", kind: "minimal" as const, shell: debug, defaultUser: user, users: DISTROLESS_USERS };
  if (repo.startsWith("static")) return { ...base, libc: "none", sizeMB: 1, files: debug ? DEBUG_FILES : STATIC_FILES };
  if (repo.startsWith("base-nossl")) return { ...base, libc: "glibc", sizeMB: 6 };
  if (repo.startsWith("base")) return { ...base, libc: "glibc", sizeMB: 8 };
  if (repo.startsWith("cc")) return { ...base, libc: "glibc", sizeMB: 9 };
  // java, python3, nodejs distroless images are language runtimes, still without a shell.
  return { ...base, libc: "glibc", sizeMB: null };
}

function golang(ref: ImageRef): ImageFacts {
  const tag = ref.tag ?? "";
  const alpine = /alpine/.test(tag);
  return {
    family: "golang",
    kind: "toolchain",
    libc: alpine ? "musl" : "glibc",
    shell: true,
    defaultUser: root,
    sizeMB: alpine ? 90 : 330,
    toolchain: "go",
    cCompiler: !alpine,
  };
}

function slimOrFull(family: string, libc: Libc, fullMB: number, slimMB: number) {
  return (ref: ImageRef): ImageFacts => {
    const slim = /slim|minimal|micro/.test(ref.tag ?? "") || /minimal|micro/.test(ref.repository);
    return { family, kind: slim ? "slim" : "full-os", libc, shell: true, defaultUser: root, sizeMB: slim ? slimMB : fullMB };
  };
}

function toolchainImage(family: string, toolchain: Toolchain, fullMB: number, alpineMB: number) {
  return (ref: ImageRef): ImageFacts => {
    const alpine = /alpine/.test(ref.tag ?? "");
    return {
      family,
      kind: "toolchain",
      libc: alpine ? "musl" : "glibc",
      shell: true,
      defaultUser: root,
      sizeMB: alpine ? alpineMB : fullMB,
      toolchain,
      cCompiler: !alpine && !/slim/.test(ref.tag ?? ""),
    };
  };
}

/** First match wins. */
const TABLE: Entry[] = [
  { name: /^scratch$/, facts: { family: "scratch", kind: "scratch", libc: "none", shell: false, defaultUser: root, sizeMB: 0, files: [], users: [] } },
  { name: /^gcr\.io\/distroless\//, facts: distroless },
  {
    name: /^cgr\.dev\/chainguard\/static$/,
    facts: { family: "chainguard", kind: "minimal", libc: "none", shell: false, defaultUser: NONROOT, sizeMB: 1, files: STATIC_FILES, users: DISTROLESS_USERS },
  },
  {
    name: /^cgr\.dev\/chainguard\/(glibc-dynamic|wolfi-base)$/,
    facts: (ref) => ({
      family: "chainguard",
      kind: "minimal",
      libc: "glibc",
      shell: ref.repository.endsWith("wolfi-base") || /-dev/.test(ref.tag ?? ""),
      defaultUser: NONROOT,
      sizeMB: 3,
    }),
  },
  {
    name: /^cgr\.dev\/chainguard\/go$/,
    facts: { family: "golang", kind: "toolchain", libc: "glibc", shell: true, defaultUser: root, sizeMB: 250, toolchain: "go", cCompiler: true },
  },
  // Cross-compiling Go images (dockercore/golang-cross, goreleaser/goreleaser-cross) carry golang's tags.
  { name: /^(?:.*\/)?(golang|golang-cross|goreleaser-cross)$/, facts: golang },
  { name: /^(?:.*\/)?(rust)$/, facts: toolchainImage("rust", "rust", 550, 300) },
  { name: /^(?:.*\/)?(node)$/, facts: toolchainImage("node", "node", 380, 50) },
  { name: /^(?:.*\/)?(maven|gradle)$/, facts: toolchainImage("java-build", "java", 300, 200) },
  // JDK tags; untagged and `latest` are JDK images too.
  { name: /^(?:.*\/)?(openjdk|eclipse-temurin|amazoncorretto)$/, tag: /jdk|^(latest)?$|^\d+(\.\d+)*$|^\d+(\.\d+)*-(jammy|noble|focal|alpine)/, facts: toolchainImage("jdk", "java", 200, 160) },
  { name: /^(?:.*\/)?(gcc|buildpack-deps)$/, facts: toolchainImage("gcc", "c", 450, 450) },
  { name: /^(?:.*\/)?python$/, facts: (ref) => ({ ...toolchainImage("python", "python", 380, 20)(ref), kind: /slim|alpine/.test(ref.tag ?? "") ? "slim" : "toolchain" }) },
  { name: /^mcr\.microsoft\.com\/dotnet\/sdk$/, facts: toolchainImage("dotnet", "dotnet", 300, 200) },
  { name: /^(?:.*\/)?alpine$/, facts: { family: "alpine", kind: "slim", libc: "musl", shell: true, defaultUser: root, sizeMB: 3.6 } },
  { name: /^(?:.*\/)?busybox$/, facts: (ref) => ({ family: "busybox", kind: "slim", libc: /musl/.test(ref.tag ?? "") ? "musl" : "glibc", shell: true, packageManager: false, defaultUser: root, sizeMB: 2 }) },
  { name: /^(?:.*\/)?debian$/, facts: slimOrFull("debian", "glibc", 50, 29) },
  { name: /^(?:.*\/)?ubuntu$/, facts: slimOrFull("ubuntu", "glibc", 30, 30) },
  { name: /^(?:.*\/)?(fedora|centos|rockylinux|almalinux|oraclelinux|amazonlinux|archlinux|opensuse\/.*)$/, facts: slimOrFull("os", "glibc", 70, 40) },
  { name: /^(?:registry\.access\.redhat\.com\/)?ubi\d*\/ubi(-minimal|-micro)?$/, facts: slimOrFull("ubi", "glibc", 80, 35) },
  {
    name: /^mcr\.microsoft\.com\/dotnet\/(runtime-deps|runtime|aspnet)$/,
    facts: (ref) =>
      /chiseled/.test(ref.tag ?? "")
        ? { family: "chiseled", kind: "minimal", libc: "glibc", shell: false, defaultUser: "app", sizeMB: 12 }
        : { family: "dotnet", kind: "app", libc: "glibc", shell: true, defaultUser: root, sizeMB: 80 },
  },
];

const UNKNOWN: ImageFacts = { family: "unknown", kind: "unknown", libc: "unknown", shell: true, defaultUser: null, sizeMB: null };

/**
 * Facts by image name and tag, the only parts of a reference they depend on: a monorepo names
 * the same few images in every Dockerfile. Facts objects are shared and never modified.
 */
const factsCache = new Map<string, ImageFacts>();

export function imageFacts(ref: ImageRef | null): ImageFacts {
  if (!ref) return UNKNOWN;
  const name = imageName(ref);
  const key = `${name}\u0000${ref.tag ?? ""}`;
  let facts = factsCache.get(key);
  if (!facts) {
    facts = lookUpFacts(ref, name);
    if (factsCache.size >= 2000) factsCache.clear();
    factsCache.set(key, facts);
  }
  return facts;
}

function lookUpFacts(ref: ImageRef, name: string): ImageFacts {
  for (const e of TABLE) {
    if (!e.name.test(name)) continue;
    if (e.tag && !e.tag.test(ref.tag ?? "")) continue;
    const facts = typeof e.facts === "function" ? e.facts(ref) : e.facts;
    // Windows variants (golang:…-windowsservercore-ltsc2022) have no root user.
    if (/windowsservercore|nanoserver/.test(ref.tag ?? "")) return { ...facts, defaultUser: /nanoserver/.test(ref.tag ?? "") ? "ContainerUser" : "ContainerAdministrator" };
    return facts;
  }
  if (/(^|[-_.])alpine/.test(ref.tag ?? "")) return { ...UNKNOWN, family: "alpine", libc: "musl", kind: "unknown" };
  return UNKNOWN;
}

/** Minimal runtime bases we suggest, with their approximate size. */
export const MINIMAL_SUGGESTIONS = {
  static: { image: "gcr.io/distroless/static-debian12:nonroot", sizeMB: 1 },
  glibc: { image: "gcr.io/distroless/base-debian12:nonroot", sizeMB: 8 },
} as const;

/**
 * How many leading version numbers a toolchain image tag needs to pin a release line (`minor`:
 * `golang:1.22`, `node:20.11`) or one release (`patch`: `golang:1.22.3`). JDK and GCC number
 * feature releases with the first component (`eclipse-temurin:21`, `gcc:13`); buildpack-deps
 * tags name distro releases only (`bookworm`), which is as fine as that image gets.
 */
export function versionPinParts(facts: ImageFacts, ref: ImageRef): { minor: number; patch: number } {
  if (/(^|\/)buildpack-deps$/.test(ref.repository)) return { minor: 0, patch: 0 };
  if (facts.family === "jdk" || facts.family === "gcc") return { minor: 1, patch: 3 };
  return { minor: 2, patch: 3 };
}

/** Windows container images (Server Core, Nano Server and tags built on them). */
export function isWindowsImage(ref: ImageRef): boolean {
  return /^mcr\.microsoft\.com\/windows(\/|$)/.test(imageName(ref)) || /windowsservercore|nanoserver|(^|-)ltsc\d{4}/.test(ref.tag ?? "");
}

/**
 * The one OS an image is built for, when the table knows it: Windows images, and the Linux
 * distributions and minimal bases (toolchain and app images such as golang publish Windows
 * variants under the same tags, so they stay null).
 */
export function imageOs(ref: ImageRef): "windows" | "linux" | null {
  if (isWindowsImage(ref)) return "windows";
  const facts = imageFacts(ref);
  if (facts.kind === "minimal") return "linux";
  if ((facts.kind === "full-os" || facts.kind === "slim") && (facts.libc === "glibc" || facts.libc === "musl")) return "linux";
  return null;
}

/** Toolchains that compile to native binaries, which run without the toolchain. */
export const NATIVE_TOOLCHAINS: ReadonlySet<Toolchain> = new Set(["go", "rust", "c"]);

/**
 * Interpreter images without a C compiler (`node:20-alpine`, `node:20-slim`): the usual runtime of
 * the programs they run, so as a final base they weigh like a slim OS image, not a build image.
 */
export function isInterpreterRuntime(facts: ImageFacts): boolean {
  return facts.kind === "toolchain" && (facts.toolchain === "node" || facts.toolchain === "python") && facts.cCompiler === false;
}

/** ENV names every image has in a build: BuildKit sets a default PATH when the image sets none. */
const ALWAYS_SET_ENV = ["PATH"];
/** ENV names the images of a family define, for the families whose images are known well enough. */
const FAMILY_ENV: Record<string, string[]> = {
  scratch: [],
  alpine: [],
  busybox: [],
  debian: [],
  ubuntu: [],
  os: [],
  ubi: ["container"],
  distroless: ["SSL_CERT_FILE"],
  chainguard: ["SSL_CERT_FILE"],
  golang: ["GOLANG_VERSION", "GOTOOLCHAIN", "GOPATH"],
  python: ["PYTHON_VERSION", "PYTHON_SHA256", "GPG_KEY", "LANG"],
  node: ["NODE_VERSION", "YARN_VERSION"],
};
const envCache = new Map<string, ReadonlySet<string>>();

/** The ENV names an image defines, or null when the table doesn't know its environment. */
export function imageEnvNames(facts: ImageFacts): ReadonlySet<string> | null {
  const names = FAMILY_ENV[facts.family];
  if (!names || facts.kind === "unknown") return null;
  let set = envCache.get(facts.family);
  if (!set) envCache.set(facts.family, (set = new Set([...ALWAYS_SET_ENV, ...names])));
  return set;
}
