/** Reads the first file entry of a tar stream (what `docker cp <container>:<path> -` writes). */

export interface TarEntry {
  name: string;
  /** Permission bits (e.g. 0o755). */
  mode: number;
  /** `file`, `symlink`, `dir` or `other`. */
  kind: "file" | "symlink" | "dir" | "other";
  linkName: string;
  size: number;
  content: Buffer;
}

function cString(buf: Buffer, start: number, length: number): string {
  const raw = buf.subarray(start, start + length);
  const nul = raw.indexOf(0);
  return raw.subarray(0, nul < 0 ? raw.length : nul).toString("utf8");
}

function octal(buf: Buffer, start: number, length: number): number {
  // Sizes of 8 GiB and more use base-256: high bit set, big-endian binary.
  if ((buf[start]! & 0x80) !== 0) {
    let n = 0;
    for (let i = start + 1; i < start + length; i++) n = n * 256 + buf[i]!;
    return n;
  }
  const text = cString(buf, start, length).trim();
  return text ? parseInt(text, 8) : 0;
}

/** The first regular file, link or folder entry, skipping PAX and GNU long-name headers. */
export function firstTarEntry(buf: Buffer): TarEntry | null {
  let offset = 0;
  let longName: string | null = null;
  while (offset + 512 <= buf.length) {
    const header = buf.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) return null;
    const size = octal(header, 124, 12);
    const type = String.fromCharCode(header[156]!);
    const dataStart = offset + 512;
    const next = dataStart + Math.ceil(size / 512) * 512;
    if (type === "x" || type === "g") {
      const pax = buf.subarray(dataStart, dataStart + size).toString("utf8");
      const m = /\d+ path=([^\n]*)\n/.exec(pax);
      if (m) longName = m[1]!;
      offset = next;
      continue;
    }
    if (type === "L") {
      longName = cString(buf, dataStart, size);
      offset = next;
      continue;
    }
    const prefix = cString(header, 345, 155);
    const name = longName ?? (prefix ? `${prefix}/${cString(header, 0, 100)}` : cString(header, 0, 100));
    const kind = type === "0" || type === "\0" || type === "7" ? "file" : type === "2" ? "symlink" : type === "5" ? "dir" : "other";
    return {
      name,
      mode: octal(header, 100, 8) & 0o7777,
      kind,
      linkName: cString(header, 157, 100),
      size,
      content: kind === "file" ? buf.subarray(dataStart, dataStart + size) : Buffer.alloc(0),
    };
  }
  return null;
}

/** `rwxr-xr-x` */
export function modeString(mode: number): string {
  const bits = "rwxrwxrwx";
  let out = "";
  for (let i = 0; i < 9; i++) out += mode & (1 << (8 - i)) ? bits.charAt(i) : "-";
  return out;
}
