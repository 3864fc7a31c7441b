/**
 * Platform strings (`os[/arch[/variant]]`) as containerd's parser reads them: the OS and
 * architecture names Go knows, plus the architecture aliases containerd normalises.
 */
const OPERATING_SYSTEMS = new Set([
  "aix", "android", "darwin", "dragonfly", "freebsd", "illumos", "ios", "js", "linux", "netbsd", "openbsd", "plan9", "solaris", "wasip1", "windows",
]);
const ARCHITECTURES = new Set([
  "386", "amd64", "arm", "arm64", "loong64", "mips", "mipsle", "mips64", "mips64le", "ppc64", "ppc64le", "riscv64", "s390x", "wasm",
  // Aliases containerd maps onto the names above.
  "i386", "x86_64", "x86-64", "aarch64", "armhf", "armel",
]);

export type PlatformCheck = { ok: true; os: string | null } | { ok: false; part: "os" | "arch" | "format"; value: string };

/**
 * Checks a literal platform. A single word may be an OS or an architecture (containerd then
 * takes the default OS), as `--platform=arm64` is read.
 */
export function checkPlatform(platform: string): PlatformCheck {
  const parts = platform.toLowerCase().split("/");
  if (parts.length > 3 || parts.some((p) => p === "")) return { ok: false, part: "format", value: platform };
  if (parts.length === 1) {
    if (OPERATING_SYSTEMS.has(parts[0]!)) return { ok: true, os: parts[0]! };
    if (ARCHITECTURES.has(parts[0]!)) return { ok: true, os: null };
    return { ok: false, part: "os", value: parts[0]! };
  }
  if (!OPERATING_SYSTEMS.has(parts[0]!)) return { ok: false, part: "os", value: parts[0]! };
  if (!ARCHITECTURES.has(parts[1]!)) return { ok: false, part: "arch", value: parts[1]! };
  return { ok: true, os: parts[0]! };
}
