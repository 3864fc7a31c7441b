/**
 * A content hash of the plugin's and the core's built files: the cache input used when they
 * are linked from outside the workspace, where neither file inputs nor the lock file see them.
 * Run by Nx as `node -p "require('@docker-lint/nx-plugin/fingerprint').fingerprint()"`.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { ownPackages } from "./plugin/self-inputs";

function filesUnder(dir: string, out: string[] = []): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) filesUnder(p, out);
    // V8 code caches are derived bytes that differ per build machine, not behaviour.
    else if (e.isFile() && !e.name.endsWith(".map") && !e.name.endsWith(".tsbuildinfo") && !e.name.endsWith(".cache")) out.push(p);
  }
  return out;
}

export function fingerprint(): string {
  const hash = createHash("sha256");
  for (const pkg of ownPackages()) {
    const files = [path.join(pkg.dir, "package.json"), ...filesUnder(path.join(pkg.dir, "dist"))];
    for (const f of files) {
      // Paths relative to the package: the hash must not depend on where it is installed.
      hash.update(`${pkg.name}/${path.relative(pkg.dir, f).split(path.sep).join("/")}\0`);
      hash.update(readFileSync(f));
      hash.update("\0");
    }
  }
  return hash.digest("hex").slice(0, 32);
}
