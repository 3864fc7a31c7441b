/**
 * Nx does not hash an executor's own code, so a new docker-lint would replay old results.
 * These inputs make the plugin and the core part of the hash, without absolute paths:
 * - inside this monorepo (or any workspace holding their sources): their files, by workspace path;
 * - installed from a registry: `externalDependencies`, i.e. their versions from the lock file;
 * - linked from elsewhere (npm link, a symlinked node_modules): a runtime input that hashes
 *   their built files (`fingerprint.ts`).
 */
import { existsSync, readFileSync, realpathSync } from "node:fs";
import path from "node:path";
import type { TargetConfiguration } from "@nx/devkit";

type Input = NonNullable<TargetConfiguration["inputs"]>[number];

export const PLUGIN_PACKAGE = "@docker-lint/nx-plugin";
export const CORE_PACKAGE = "@docker-lint/core";

export interface PackageLocation {
  name: string;
  dir: string;
}

/** The plugin's package folder (this file is dist/plugin/self-inputs.js) and the core's, as resolved from it. */
export function ownPackages(): PackageLocation[] {
  const pluginDir = path.resolve(__dirname, "..", "..");
  const out: PackageLocation[] = [{ name: PLUGIN_PACKAGE, dir: pluginDir }];
  try {
    out.push({ name: CORE_PACKAGE, dir: path.dirname(require.resolve(`${CORE_PACKAGE}/package.json`, { paths: [pluginDir] })) });
  } catch {
    /* core not resolvable: the executor will say so when it runs */
  }
  return out;
}

const LOCK_FILES = ["package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml", "bun.lock"];

/** Whether the workspace's lock file installs `name` from a registry (a linked entry doesn't count). */
export function installedFromLockFile(workspaceRoot: string, name: string): boolean {
  for (const file of LOCK_FILES) {
    let text: string;
    try {
      text = readFileSync(path.join(workspaceRoot, file), "utf8");
    } catch {
      continue;
    }
    if (file.endsWith(".json")) {
      const key = `"node_modules/${name}": {`;
      const at = text.indexOf(key);
      if (at < 0) continue;
      const entry = text.slice(at, text.indexOf("}", at) + 1);
      return !/"link":\s*true/.test(entry);
    }
    // yarn.lock / pnpm-lock.yaml / bun.lock: a versioned key, not a link: or file: one.
    const escaped = name.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
    if (new RegExp(`(^|["'\\s/])${escaped}@(?!link:|file:|workspace:|portal:)`, "m").test(text)) return true;
  }
  return false;
}

function insideWorkspace(workspaceRoot: string, dir: string): string | null {
  let real: string;
  let root: string;
  try {
    real = realpathSync(dir);
    root = realpathSync(workspaceRoot);
  } catch {
    return null;
  }
  const rel = path.relative(root, real);
  if (rel === "" || rel.startsWith("..") || path.isAbsolute(rel)) return null;
  const parts = rel.split(path.sep);
  if (parts.includes("node_modules")) return null;
  return parts.join("/");
}

export const FINGERPRINT_COMMAND = `node -p "require('${PLUGIN_PACKAGE}/fingerprint').fingerprint()"`;

/** Inputs standing for the plugin's and the core's code. */
export function selfInputs(workspaceRoot: string, packages: PackageLocation[] = ownPackages()): Input[] {
  const files: string[] = [];
  const external: string[] = [];
  let linked = false;
  for (const pkg of packages) {
    const rel = insideWorkspace(workspaceRoot, pkg.dir);
    if (rel !== null) {
      // Built files are usually git-ignored, and Nx hashes only files it tracks: hash sources too.
      const extra = existsSync(path.join(pkg.dir, "executors.json")) ? ",executors.json,generators.json" : "";
      files.push(`{workspaceRoot}/${rel}/{package.json${extra},src/**/*,dist/**/*}`);
    } else if (installedFromLockFile(workspaceRoot, pkg.name)) {
      external.push(pkg.name);
    } else {
      linked = true;
    }
  }
  const inputs: Input[] = [...files];
  if (external.length > 0) inputs.push({ externalDependencies: external });
  if (linked) inputs.push({ runtime: FINGERPRINT_COMMAND });
  return inputs;
}
