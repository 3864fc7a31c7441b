/**
 * Glob to RegExp for rule options (image names, file names): `*` matches within a path segment,
 * `**` across segments, and a leading or inner `**\/` also matches no segment at all.
 */
export function globToRegExp(glob: string): RegExp {
  const escapeSegment = (part: string) => part.split("*").map((s) => s.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join("[^/]*");
  const re = glob
    .split(/(\*\*\/|\*\*)/)
    .map((part) => (part === "**/" ? "(?:.*/)?" : part === "**" ? ".*" : escapeSegment(part)))
    .join("");
  return new RegExp(`^${re}$`, "i");
}
