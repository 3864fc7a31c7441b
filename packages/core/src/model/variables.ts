/**
 * Variable references in Dockerfile words (`$X`, `${X}`, `${X:-default}`), for the rules that ask
 * which variables an instruction reads, and "did you mean" suggestions for misspelt names.
 */

export interface VariableRef {
  name: string;
  /** Offset of the `$` in the text searched. */
  index: number;
}

/** `$NAME` or `${NAME…`, not escaped with a backslash. */
const REFERENCE = /(?<!\\)\$(?:\{([A-Za-z_][A-Za-z0-9_]*)|([A-Za-z_][A-Za-z0-9_]*))/g;

export function variableRefs(text: string): VariableRef[] {
  if (!text.includes("$")) return [];
  const refs: VariableRef[] = [];
  for (const m of text.matchAll(REFERENCE)) refs.push({ name: (m[1] ?? m[2])!, index: m.index });
  return refs;
}

/** Build arguments every build knows without an ARG line. */
export const PLATFORM_ARGS: ReadonlySet<string> = new Set([
  "TARGETPLATFORM", "TARGETOS", "TARGETARCH", "TARGETVARIANT",
  "BUILDPLATFORM", "BUILDOS", "BUILDARCH", "BUILDVARIANT",
]);
export const PROXY_ARGS: ReadonlySet<string> = new Set(
  ["HTTP_PROXY", "HTTPS_PROXY", "FTP_PROXY", "NO_PROXY", "ALL_PROXY"].flatMap((n) => [n, n.toLowerCase()]),
);

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length]!;
}

/** The closest known name, when it is close enough to be a typo (case differences count as close). */
export function closestName(name: string, known: Iterable<string>): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  const limit = Math.max(1, Math.min(3, Math.floor(name.length / 3)));
  for (const candidate of known) {
    if (candidate === name) continue;
    const d = candidate.toLowerCase() === name.toLowerCase() ? 0 : editDistance(name, candidate);
    if (d <= limit && d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}
