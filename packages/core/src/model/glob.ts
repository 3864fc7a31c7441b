/**
 * Glob to RegExp for rule options (image names, file names): `*` matches within a path segment,
 * `**` across segments, and a leading or inner `**\/` also matches no segment at all.
 */
export function globToRegExp(glob: string): RegExp {
  // Rules compile their option globs on every file; the same few globs come back each time.
  let re = compiled.get(glob);
  if (!re) {
    re = compileGlob(glob);
    compiled.set(glob, re);
  }
  return re;
}

/** Compiled globs by source; the RegExps have no `g`/`y` flag, so sharing them is safe. */
const compiled = new Map<string, RegExp>();

function compileGlob(glob: string): RegExp {
  const escapeSegment = (part: string) => part.split("*").map((s) => s.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join("[^/]*");
  const re = glob
    .split(/(\*\*\/|\*\*)/)
    .map((part) => (part === "**/" ? "(?:.*/)?" : part === "**" ? ".*" : escapeSegment(part)))
    .join("");
  return new RegExp(`^${re}$`, "i");
}
