/**
 * POSIX path checks for the per-file paths of a run: host paths (discovery, go.mod lookup) and
 * the model's container paths. Most paths are already normal, and path.resolve/join/normalize
 * cost more than the check.
 */
import { isAbsolute, join, relative, resolve, sep } from "node:path";

/** `//`, `/./` or `/../` anywhere, or a path ending in `/.` or `/..`: what path.posix.normalize would change. */
export const NOT_NORMAL = /\/\/|\/\.\.?(?:\/|$)/;

/** A host path that path.resolve returns as it is: absolute, normal, no trailing `/` (POSIX hosts only). */
export function isNormalAbsolute(p: string): boolean {
  return sep === "/" && p.startsWith("/") && !p.endsWith("/") && !NOT_NORMAL.test(p);
}

/** path.resolve(...paths), with an already normal absolute last path (what the CLI, ESLint and editors hand over) returned as it is. */
export function absolutePath(...paths: string[]): string {
  const p = paths[paths.length - 1]!;
  return isNormalAbsolute(p) ? p : resolve(...paths);
}

/** path.join(dir, name), by concatenation when `dir` is a normal absolute path. */
export function inFolder(dir: string, name: string): string {
  return isNormalAbsolute(dir) ? `${dir}/${name}` : join(dir, name);
}

/** `/src/` → `/src`; `/` stays. */
export function trimSlash(p: string): string {
  return p.length > 1 ? p.replace(/\/+$/, "") : p;
}

/** A host path in POSIX form (`\` separators turned to `/` on Windows). */
export function toPosix(p: string): string {
  return sep === "/" ? p : p.split(sep).join("/");
}

/** `abs` relative to `base` in POSIX form, or null when it lies outside `base` (or is `base` itself). */
export function relativeInside(base: string, abs: string): string | null {
  const rel = relative(base, abs);
  if (rel === "" || rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return null;
  return toPosix(rel);
}
