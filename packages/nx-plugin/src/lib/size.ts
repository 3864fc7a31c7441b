/** Sizes as Docker prints them: decimal units (1 MB = 1,000,000 bytes). */

const UNITS: Record<string, number> = { "": 1, b: 1, k: 1e3, kb: 1e3, m: 1e6, mb: 1e6, g: 1e9, gb: 1e9, kib: 1024, mib: 1024 ** 2, gib: 1024 ** 3 };

/** `20MB`, `20 MB`, `1.5GiB`, `20000000` or a number of bytes → bytes. */
export function parseSize(value: string | number): number {
  if (typeof value === "number") {
    if (!Number.isFinite(value) || value < 0) throw new Error(`invalid size ${value}`);
    return value;
  }
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*$/.exec(value);
  const unit = m ? UNITS[m[2]!.toLowerCase()] : undefined;
  if (!m || unit === undefined) throw new Error(`invalid size "${value}" (expected e.g. "20MB", "1.5GB", "512KiB" or a number of bytes)`);
  return Math.round(Number(m[1]) * unit);
}

export function formatSize(bytes: number): string {
  if (bytes < 1e3) return `${bytes} B`;
  if (bytes < 1e6) return `${(bytes / 1e3).toFixed(1)} kB`;
  if (bytes < 1e9) return `${(bytes / 1e6).toFixed(bytes < 1e8 ? 1 : 0)} MB`;
  return `${(bytes / 1e9).toFixed(2)} GB`;
}

/** `4.7 MB, builder 346 MB, 98.6% smaller` */
export function sizeComparison(finalBytes: number, builderBytes: number | null): string {
  if (builderBytes === null || builderBytes <= 0) return formatSize(finalBytes);
  const saved = ((builderBytes - finalBytes) / builderBytes) * 100;
  const word = saved >= 0 ? "smaller" : "larger";
  return `${formatSize(finalBytes)}, builder ${formatSize(builderBytes)}, ${Math.abs(saved).toFixed(1)}% ${word}`;
}
