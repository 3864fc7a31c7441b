/** Host file paths on the per-file paths of a run (discovery, go.mod lookup). */
import { resolve, sep } from "node:path";

/** `//`, `/./` or `/../` anywhere, or a trailing `/`, `/.` or `/..`: what path.resolve would change. */
export const NOT_NORMAL = /\/\/|\/\.\.?(?:\/|$)|\/$/;

/**
 * path.resolve(...paths), with an already absolute and normal POSIX last path (what the CLI,
 * ESLint and editors hand over) returned as it is.
 */
export function absolutePath(...paths: string[]): string {
  const p = paths[paths.length - 1]!;
  return sep === "/" && p.startsWith("/") && !NOT_NORMAL.test(p) ? p : resolve(...paths);
}
