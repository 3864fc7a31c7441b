/**
 * A Dockerfile is untrusted input, and step 2 runs its `go build` on the host. Only flags and
 * variables that decide the binary's shape pass, each with its value checked; anything that
 * would make the host run a program (`-toolexec`, `CC=…`, `-ldflags=-extld…`, `-fplugin`) or
 * read files outside the build context refuses the replay, and the image build, inside
 * Docker, compiles it instead. Pure: no file system access except `realpath` for path flags.
 */
import { realpathSync } from "node:fs";
import path from "node:path";

/** Either the flags/variables to use, or why the build cannot be replayed on this machine. */
export type Vetted<T> = { ok: true; value: T; notes: string[] } | { ok: false; reason: string };

export interface PathScope {
  /** Host folder the build runs in (relative paths resolve here). */
  hostDir: string;
  /** The build context: no path flag may lead outside it. */
  contextDir: string;
}

const RUNS_A_PROGRAM = "would run a program the Dockerfile names on this machine";

/** Flags that would run or load something of the Dockerfile's choosing, and why. */
const REFUSED: Record<string, string> = {
  "-toolexec": RUNS_A_PROGRAM,
  "-exec": RUNS_A_PROGRAM,
  "-overlay": "replaces source files with files the Dockerfile names",
  "-compiler": "selects another compiler program",
  "-gccgoflags": "passes flags to gccgo",
  "-C": "changes to a folder the Dockerfile names",
  "-pkgdir": "reads and writes packages in a folder the Dockerfile names",
  "-linkshared": "links against shared libraries the Dockerfile names",
  "-installsuffix": "reads and writes packages outside the build",
  "-asan": "needs a C toolchain set up by the image",
  "-msan": "needs a C toolchain set up by the image",
};

/** Flags that change nothing in the binary: dropped, not replayed. */
const DROPPED = new Set(["-v", "-x", "-n", "-work", "-p", "-json", "-debug-actiongraph", "-debug-runtime-trace", "-debug-trace"]);

const BOOLEAN = new Set(["-a", "-race", "-cover", "-trimpath"]);
const BOOL_VALUE = /^(true|false)$/;
const BUILDMODES = new Set(["default", "exe", "pie", "archive", "c-archive", "c-shared", "shared", "plugin"]);

/** `-ldflags` arguments that only shape the output (no programs, no files). */
const LDFLAGS_OK = new Set(["-s", "-w", "-X", "-buildid", "-linkmode", "-B", "-compressdwarf", "-checklinkname", "-strictdups", "-d", "-race", "-msan", "-asan", "-pruneldflags"]);
const LDFLAGS_WHY: Record<string, string> = {
  "-extld": "names the external linker program: a command-injection path",
  "-extldflags": "hands arguments to the external linker: a command-injection path",
  "-extar": "names an archiver program",
  "-tmpdir": "writes to a folder the Dockerfile names",
  "-importcfg": "reads a file the Dockerfile names",
  "-capturehostobjects": "reads host objects",
};
/** `-gcflags` arguments that need no path. */
const GCFLAGS_OK = new Set(["-N", "-l", "-m", "-B", "-C", "-e", "-S", "-dwarf", "-dwarflocationlists", "-dwarfbasentries", "-c", "-spectre", "-smallframes", "-std", "-wb", "-live", "-d", "-lang", "-complete", "-nolocalimports", "-shared", "-dynlink", "-race", "-json"]);
const ASMFLAGS_OK = new Set(["-e", "-S", "-dynlink", "-shared", "-spectre", "-D", "-compiling-runtime"]);

/** Go's `quoted.Split`: words separated by spaces, with '…' or "…" quoting. */
export function splitQuoted(text: string): string[] {
  const words: string[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && /\s/.test(text[i]!)) i++;
    if (i >= text.length) break;
    const q = text[i];
    if (q === "'" || q === '"') {
      const end = text.indexOf(q, i + 1);
      const stop = end < 0 ? text.length : end;
      words.push(text.slice(i + 1, stop));
      i = stop + 1;
    } else {
      let j = i;
      while (j < text.length && !/\s/.test(text[j]!)) j++;
      words.push(text.slice(i, j));
      i = j;
    }
  }
  return words;
}

/** `-ldflags=all=-s -w`: the optional package pattern before the argument list. */
function withoutPattern(value: string): string {
  const trimmed = value.trimStart();
  if (trimmed.startsWith("-") || trimmed.startsWith("'") || trimmed.startsWith('"')) return value;
  const eq = trimmed.indexOf("=");
  return eq > 0 && !/\s/.test(trimmed.slice(0, eq)) ? trimmed.slice(eq + 1) : value;
}

function flagName(word: string): { name: string; value: string | null } {
  const norm = word.replace(/^--/, "-");
  const eq = norm.indexOf("=");
  return eq > 0 ? { name: norm.slice(0, eq), value: norm.slice(eq + 1) } : { name: norm, value: null };
}

/** Checks the words of `-ldflags`/`-gcflags`/`-asmflags` against their allowlist. */
function vetToolFlags(flag: string, value: string, allowed: Set<string>, why: Record<string, string>): string | null {
  const words = splitQuoted(withoutPattern(value));
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const { name, value: own } = flagName(word);
    if (why[name]) return `${flag} ${name} ${why[name]}`;
    if (!word.startsWith("-") || !allowed.has(name)) return `${flag} ${word} is not an argument replayed on the host`;
    // -X importpath.name=value: its value may contain anything (it is a string in the binary).
    if (flag === "-ldflags" && name === "-X") {
      if (own === null) i++;
      continue;
    }
    if (own !== null && /[/\\]/.test(own)) return `${flag} ${word} names a path`;
  }
  return null;
}

/** A path flag's value: inside the build context (after following symlinks), or null. */
function insideContext(value: string, scope: PathScope): boolean {
  if (path.isAbsolute(value)) return false;
  const real = (p: string) => {
    try {
      return realpathSync(p);
    } catch {
      return path.resolve(p);
    }
  };
  const ctx = real(scope.contextDir);
  const target = real(path.resolve(scope.hostDir, value));
  const rel = path.relative(ctx, target);
  return rel !== "" && !rel.startsWith("..") && !path.isAbsolute(rel);
}

/**
 * The `go build` flags to replay, each as `-name` or `-name=value`. `source` says where they
 * came from for the message (`GOFLAGS=` or nothing for the command line).
 */
export function vetBuildFlags(flags: string[], scope: PathScope, source = ""): Vetted<string[]> {
  const kept: string[] = [];
  const notes: string[] = [];
  const refuse = (word: string, why: string): Vetted<string[]> => ({ ok: false, reason: `${source}${word} ${why}` });
  for (const word of flags) {
    const { name, value } = flagName(word);
    if (REFUSED[name]) return refuse(word, REFUSED[name]);
    if (DROPPED.has(name)) {
      notes.push(`${source}${word} is left out (it does not change the binary)`);
      continue;
    }
    if (BOOLEAN.has(name)) {
      if (value !== null && !BOOL_VALUE.test(value)) return refuse(word, "is not a boolean");
      kept.push(word);
      continue;
    }
    if (value === null) return refuse(word, "is not a go build flag replayed on the host");
    let problem: string | null = null;
    switch (name) {
      case "-tags":
        if (!/^[\w.,\s-]*$/.test(value)) problem = "has characters no build tag has";
        break;
      case "-buildvcs":
        if (!/^(true|false|auto)$/.test(value)) problem = "expects true, false or auto";
        break;
      case "-buildmode":
        if (!BUILDMODES.has(value)) problem = "is not a Go build mode";
        break;
      case "-mod":
        if (!/^(readonly|vendor|mod)$/.test(value)) problem = "expects readonly, vendor or mod";
        break;
      case "-covermode":
        if (!/^(set|count|atomic)$/.test(value)) problem = "expects set, count or atomic";
        break;
      case "-coverpkg":
        if (value.split(",").some((p) => path.isAbsolute(p) || p.split("/").includes(".."))) problem = "names packages outside the build context";
        break;
      case "-pgo":
        if (value !== "off" && value !== "auto" && !insideContext(value, scope)) problem = "names a profile outside the build context";
        break;
      case "-modfile":
        if (!insideContext(value, scope)) problem = "names a go.mod outside the build context";
        break;
      case "-ldflags":
        problem = vetToolFlags(name, value, LDFLAGS_OK, LDFLAGS_WHY);
        if (problem) return { ok: false, reason: `${source}${problem}` };
        break;
      case "-gcflags":
        problem = vetToolFlags(name, value, GCFLAGS_OK, {});
        if (problem) return { ok: false, reason: `${source}${problem}` };
        break;
      case "-asmflags":
        problem = vetToolFlags(name, value, ASMFLAGS_OK, {});
        if (problem) return { ok: false, reason: `${source}${problem}` };
        break;
      default:
        problem = "is not a go build flag replayed on the host";
    }
    if (problem) return refuse(word, problem);
    kept.push(word);
  }
  return { ok: true, value: kept, notes };
}

/** Go variables that shape the binary, with the values Go accepts for them. */
const SHAPE_VARS: Record<string, RegExp> = {
  CGO_ENABLED: /^[01]$/,
  GOOS: /^[a-z0-9]+$/,
  GOARCH: /^[a-z0-9]+$/,
  GOAMD64: /^v[1-4]$/,
  GOARM: /^[5-7](,(softfloat|hardfloat))?$/,
  GOARM64: /^v\d+\.\d+(,(lse|crypto))*$/,
  GO386: /^(sse2|softfloat)$/,
  GOMIPS: /^(hardfloat|softfloat)$/,
  GOMIPS64: /^(hardfloat|softfloat)$/,
  GOPPC64: /^power(8|9|10)$/,
  GORISCV64: /^rva2[023]u64$/,
  GOWASM: /^((satconv|signext)(,(satconv|signext))*)?$/,
  GOEXPERIMENT: /^[a-z0-9,]*$/,
};

/** C flags for cgo that name no file and load nothing (no -fplugin, -B, -Wl, @file, -specs). */
const SAFE_C_FLAG = /^-(O[0-3sgz]?|g[0-3]?|D[A-Za-z_]\w*(=[\w.]*)?|U[A-Za-z_]\w*|W[a-z][\w-]*(=\w+)?|w|static|static-libgcc|pthread|fPIC|fPIE|pie|no-pie|f(?!plugin)(no-)?[a-z][\w-]*|m(arch|tune|cpu)=[\w.-]+|m64|m32|std=[\w+]+|l[\w.-]+|s)$/;
const C_FLAG_VARS = ["CGO_CFLAGS", "CGO_CPPFLAGS", "CGO_CXXFLAGS", "CGO_FFLAGS", "CGO_LDFLAGS"];
/** Compilers found on the host's PATH by these names are the host's own, not the Dockerfile's. */
const PLAIN_COMPILERS = new Set(["gcc", "cc", "clang", "g++", "c++", "clang++", "gfortran"]);
const PROGRAM_VARS = ["CC", "CXX", "FC", "AR", "PKG_CONFIG", "GCCGO"];

/** Every variable the host build takes from the Dockerfile (others describe the image: GOPATH, GOPROXY, GOTOOLCHAIN…). */
export const FROM_DOCKERFILE = [...Object.keys(SHAPE_VARS), "GOFLAGS", ...C_FLAG_VARS, ...PROGRAM_VARS];

const hasVariable = (s: string) => /\$\{?[A-Za-z_]/.test(s);

export interface EnvVetting {
  /** Values for the host build; a variable not listed is removed from the host environment. */
  env: Record<string, string>;
  /** GOFLAGS words, vetted like command-line flags. */
  goflags: string[];
}

/**
 * The host build's variables from the Dockerfile's effective environment. Values still holding
 * `$VAR` are handed to `unresolved` (GOOS/GOARCH get the target platform's).
 */
export function vetBuildEnv(env: Map<string, string>, scope: PathScope, unresolved: (name: string, value: string) => string | null): Vetted<EnvVetting> {
  const out: Record<string, string> = {};
  const notes: string[] = [];
  let goflags: string[] = [];
  for (const [name, raw] of env) {
    if (!FROM_DOCKERFILE.includes(name)) continue;
    let value: string | null = raw;
    if (hasVariable(raw)) {
      value = unresolved(name, raw);
      if (value === null) continue;
    }
    const shape = SHAPE_VARS[name];
    if (shape) {
      if (!shape.test(value)) return { ok: false, reason: `${name}=${value} is not a value Go accepts for ${name}` };
      out[name] = value;
    } else if (name === "GOFLAGS") {
      const vetted = vetBuildFlags(value.split(/\s+/).filter(Boolean), scope, "GOFLAGS=");
      if (!vetted.ok) return vetted;
      goflags = vetted.value;
      notes.push(...vetted.notes);
    } else if (C_FLAG_VARS.includes(name)) {
      const bad = splitQuoted(value).find((w) => !SAFE_C_FLAG.test(w));
      if (bad !== undefined) return { ok: false, reason: `${name}=${value}: ${bad} could load or run something on this machine` };
      out[name] = value;
    } else if (PROGRAM_VARS.includes(name)) {
      if (!PLAIN_COMPILERS.has(value)) return { ok: false, reason: `${name}=${value} ${RUNS_A_PROGRAM}` };
      out[name] = value;
    }
  }
  return { ok: true, value: { env: out, goflags }, notes };
}

/** Package arguments must stay in the build context: `go build /etc/…` or `../../x` would not. */
export function vetPackages(packages: string[], scope: PathScope): string | null {
  for (const p of packages) {
    if (p.startsWith("-")) return `${p} is not a package`;
    const local = p === "." || p === ".." || p.startsWith("./") || p.startsWith("../") || path.isAbsolute(p);
    if (!local) continue; // an import path: resolved in the module
    const dir = p.replace(/\/\.\.\.$/, "") || ".";
    const target = path.resolve(scope.hostDir, dir);
    const rel = path.relative(scope.contextDir, target);
    if (rel.startsWith("..") || path.isAbsolute(rel)) return `package ${p} is outside the build context`;
  }
  return null;
}
