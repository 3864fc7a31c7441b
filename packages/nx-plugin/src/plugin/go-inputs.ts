/**
 * The workspace files a Go service's binary is built from: the packages its `main` package
 * imports inside the workspace (`go list -deps`), their embedded files, and the go.mod/go.sum/
 * go.work files that resolve them. `go list` runs at inference time; its answer is cached in the
 * Nx workspace data folder and reused while the Go files of those packages and the module files
 * are unchanged (an edited import changes a Go file, so the cache never outlives the import graph).
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { goEnvironment, OUTPUT_PLACEHOLDER, type GoBuildPlan } from "../lib/go-build";

export interface GoDeps {
  /** Workspace-relative folders of the packages built (`.` for the root). */
  dirs: string[];
  /** Workspace-relative files and globs a package embeds or compiles besides its .go files. */
  files: string[];
  /** Workspace-relative go.mod, go.sum, go.work and go.work.sum files. */
  moduleFiles: string[];
}

export type GoDepsResult = { ok: true; deps: GoDeps } | { ok: false; reason: string };

interface GoListPackage {
  Dir?: string;
  Standard?: boolean;
  Module?: { GoMod?: string };
  EmbedPatterns?: string[];
  CFiles?: string[];
  CXXFiles?: string[];
  HFiles?: string[];
  SFiles?: string[];
  SysoFiles?: string[];
  SwigFiles?: string[];
  FFiles?: string[];
  MFiles?: string[];
}

const posix = (p: string) => p.split(path.sep).join("/");

function inside(workspaceRoot: string, abs: string): string | null {
  const rel = path.relative(workspaceRoot, abs);
  if (rel.startsWith("..") || path.isAbsolute(rel)) return null;
  return rel === "" ? "." : posix(rel);
}

function join(dir: string, name: string): string {
  return dir === "." ? name : `${dir}/${name}`;
}

/** The packages `go build` gets, and the flags that change which files belong to them. */
export function goListArgs(plan: GoBuildPlan): string[] {
  const at = plan.args.indexOf(OUTPUT_PLACEHOLDER);
  const packages = at >= 0 ? plan.args.slice(at + 1) : ["."];
  const tags = plan.build.tags ? [`-tags=${plan.build.tags}`] : [];
  return ["list", "-e", "-deps", "-json=Dir,Standard,Module,EmbedPatterns,CFiles,CXXFiles,HFiles,SFiles,SysoFiles,SwigFiles,FFiles,MFiles", ...tags, ...packages];
}

/** Parses `go list -json`'s stream of objects. */
export function parseGoList(text: string): GoListPackage[] {
  const out: GoListPackage[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "{") {
      if (depth++ === 0) start = i;
    } else if (c === "}" && --depth === 0) out.push(JSON.parse(text.slice(start, i + 1)) as GoListPackage);
  }
  return out;
}

/** Folds `go list` output into workspace-relative inputs; packages outside the workspace are the module cache's or Go's. */
export function depsFromGoList(workspaceRoot: string, packages: GoListPackage[], goWorkFrom: string | null): GoDeps {
  const dirs = new Set<string>();
  const files = new Set<string>();
  const moduleFiles = new Set<string>();
  for (const pkg of packages) {
    if (pkg.Standard || !pkg.Dir) continue;
    const dir = inside(workspaceRoot, pkg.Dir);
    if (dir === null) continue;
    dirs.add(dir);
    for (const list of [pkg.CFiles, pkg.CXXFiles, pkg.HFiles, pkg.SFiles, pkg.SysoFiles, pkg.SwigFiles, pkg.FFiles, pkg.MFiles]) {
      for (const f of list ?? []) files.add(join(dir, f));
    }
    for (const pattern of pkg.EmbedPatterns ?? []) {
      // `//go:embed static` embeds a folder: its files now and later.
      const p = pattern.replace(/^all:/, "");
      files.add(join(dir, p));
      files.add(join(dir, `${p}/**/*`));
    }
    const goMod = pkg.Module?.GoMod ? inside(workspaceRoot, pkg.Module.GoMod) : null;
    if (goMod) {
      moduleFiles.add(goMod);
      moduleFiles.add(goMod.replace(/go\.mod$/, "go.sum"));
    }
  }
  // The go.work that `go` finds from the build folder decides which modules those are.
  for (let cur = goWorkFrom; cur !== null; cur = path.dirname(cur)) {
    const rel = inside(workspaceRoot, cur);
    if (rel === null) break;
    const work = join(rel, "go.work");
    if (isReadable(path.join(workspaceRoot, work))) {
      moduleFiles.add(work);
      moduleFiles.add(`${work}.sum`);
      break;
    }
    if (rel === ".") break;
  }
  return { dirs: [...dirs].sort(), files: [...files].sort(), moduleFiles: [...moduleFiles].sort() };
}

function isReadable(p: string): boolean {
  try {
    readFileSync(p);
    return true;
  } catch {
    return false;
  }
}

/** Hash of what decides `go list`'s answer: the module files and every .go file of the packages found last time. */
export function goDepsFingerprint(workspaceRoot: string, deps: GoDeps): string {
  const h = createHash("sha256");
  const add = (rel: string) => {
    h.update(`${rel}\0`);
    try {
      h.update(readFileSync(path.join(workspaceRoot, rel)));
    } catch {
      h.update("\0missing");
    }
    h.update("\0");
  };
  for (const f of deps.moduleFiles) add(f);
  for (const dir of deps.dirs) {
    let names: string[] = [];
    try {
      names = readdirSync(path.join(workspaceRoot, dir)).filter((n) => n.endsWith(".go")).sort();
    } catch {
      h.update(`${dir}\0gone`);
    }
    for (const n of names) add(join(dir, n));
  }
  return h.digest("hex");
}

interface CacheEntry {
  fingerprint: string;
  deps: GoDeps;
}

/** Where Nx keeps workspace data (`.nx/workspace-data` unless NX_WORKSPACE_DATA_DIRECTORY moves it). */
export function workspaceDataDir(workspaceRoot: string): string {
  const env = process.env.NX_WORKSPACE_DATA_DIRECTORY ?? process.env.NX_PROJECT_GRAPH_CACHE_DIRECTORY;
  return env ? path.resolve(workspaceRoot, env) : path.join(workspaceRoot, ".nx", "workspace-data");
}

export class GoDepsCache {
  private entries: Record<string, CacheEntry> = {};
  private dirty = false;
  private readonly used = new Set<string>();
  private readonly file: string;

  constructor(private readonly workspaceRoot: string) {
    this.file = path.join(workspaceDataDir(workspaceRoot), "docker-lint-go-inputs.json");
    try {
      this.entries = JSON.parse(readFileSync(this.file, "utf8")) as Record<string, CacheEntry>;
    } catch {
      this.entries = {};
    }
  }

  /** The packages a plan builds, from the cache while it is current, else from `go list`. */
  resolve(plan: GoBuildPlan, { go = "go", goWork = false }: { go?: string; goWork?: boolean } = {}): GoDepsResult {
    const args = goListArgs(plan);
    const env = goEnvironment(plan);
    // The image uses go.work when the Dockerfile copies it in.
    if (goWork) delete env.GOWORK;
    const key = JSON.stringify([go, inside(this.workspaceRoot, plan.hostDir), args, plan.env, goWork]);
    this.used.add(key);
    const cached = this.entries[key];
    if (cached && goDepsFingerprint(this.workspaceRoot, cached.deps) === cached.fingerprint) return { ok: true, deps: cached.deps };
    // GOPROXY=off: inference never downloads; packages of missing modules are outside the workspace anyway.
    const r = spawnSync(go, args, { cwd: plan.hostDir, env: { ...env, GOPROXY: "off" }, encoding: "utf8", timeout: 120_000, maxBuffer: 256 * 1024 * 1024 });
    if (r.error || r.status !== 0) {
      const why = r.error ? r.error.message : (r.stderr || "").trim().split("\n")[0];
      return { ok: false, reason: `go list failed: ${why}` };
    }
    const deps = depsFromGoList(this.workspaceRoot, parseGoList(r.stdout), goWork ? plan.hostDir : null);
    if (deps.dirs.length === 0) return { ok: false, reason: "go list found no package of the workspace" };
    this.entries[key] = { fingerprint: goDepsFingerprint(this.workspaceRoot, deps), deps };
    this.dirty = true;
    return { ok: true, deps };
  }

  save(): void {
    if (!this.dirty) return;
    try {
      mkdirSync(path.dirname(this.file), { recursive: true });
      const tmp = `${this.file}.${process.pid}.tmp`;
      // Only the services of this run: entries of renamed or removed ones go.
      const kept = Object.fromEntries(Object.entries(this.entries).filter(([k]) => this.used.has(k)));
      writeFileSync(tmp, JSON.stringify(kept));
      renameSync(tmp, this.file);
      this.dirty = false;
    } catch {
      /* a read-only workspace: go list runs again next time */
    }
  }
}
