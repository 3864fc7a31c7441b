/**
 * A small ELF reader: just enough to tell a static executable from a dynamic one, without
 * `file`, `readelf` or `ldd` (which may be missing, and `ldd` can execute the binary).
 */

export interface ElfInfo {
  bits: 32 | 64;
  littleEndian: boolean;
  /** `EXEC` (fixed address), `DYN` (PIE or shared object), or the raw number. */
  type: "EXEC" | "DYN" | "REL" | "CORE" | number;
  machine: string;
  /** The PT_INTERP program header's path (the dynamic loader), or null. */
  interpreter: string | null;
  /** Whether a PT_DYNAMIC program header exists. */
  dynamic: boolean;
  /** DT_NEEDED shared libraries, when the dynamic section could be read. */
  needed: string[];
  /** No interpreter and no dynamic section: runs on an image without libc or loader. */
  static: boolean;
}

export class NotElfError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "NotElfError";
  }
}

const PT_LOAD = 1;
const PT_DYNAMIC = 2;
const PT_INTERP = 3;
const DT_NULL = 0n;
const DT_NEEDED = 1n;
const DT_STRTAB = 5n;

const MACHINES: Record<number, string> = { 3: "x86", 8: "mips", 20: "ppc", 21: "ppc64", 22: "s390x", 40: "arm", 62: "x86-64", 183: "aarch64", 243: "riscv", 258: "loongarch" };
const TYPES: Record<number, ElfInfo["type"]> = { 1: "REL", 2: "EXEC", 3: "DYN", 4: "CORE" };

interface Segment {
  type: number;
  offset: number;
  vaddr: bigint;
  filesz: number;
}

export function readElf(buf: Buffer): ElfInfo {
  if (buf.length < 52 || buf[0] !== 0x7f || buf[1] !== 0x45 || buf[2] !== 0x4c || buf[3] !== 0x46) {
    throw new NotElfError("not an ELF file (no \\x7fELF magic)");
  }
  const bits = buf[4] === 2 ? 64 : buf[4] === 1 ? 32 : null;
  if (bits === null) throw new NotElfError(`unknown ELF class ${buf[4]}`);
  const le = buf[5] !== 2;
  const u16 = (o: number) => (le ? buf.readUInt16LE(o) : buf.readUInt16BE(o));
  const u32 = (o: number) => (le ? buf.readUInt32LE(o) : buf.readUInt32BE(o));
  const u64 = (o: number) => (le ? buf.readBigUInt64LE(o) : buf.readBigUInt64BE(o));
  const word = (o: number): bigint => (bits === 64 ? u64(o) : BigInt(u32(o)));
  const num = (v: bigint, what: string): number => {
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new NotElfError(`ELF ${what} out of range`);
    return Number(v);
  };

  const type = u16(16);
  const machine = u16(18);
  const phoff = num(word(bits === 64 ? 32 : 28), "program header offset");
  const phentsize = u16(bits === 64 ? 54 : 42);
  const phnum = u16(bits === 64 ? 56 : 44);
  if (phnum > 0 && phoff + phentsize * phnum > buf.length) throw new NotElfError("truncated ELF file (program headers past the end)");

  const segments: Segment[] = [];
  for (let i = 0; i < phnum; i++) {
    const o = phoff + i * phentsize;
    if (bits === 64) {
      segments.push({ type: u32(o), offset: num(u64(o + 8), "segment offset"), vaddr: u64(o + 16), filesz: num(u64(o + 32), "segment size") });
    } else {
      segments.push({ type: u32(o), offset: u32(o + 4), vaddr: BigInt(u32(o + 8)), filesz: u32(o + 16) });
    }
  }

  let interpreter: string | null = null;
  const interp = segments.find((s) => s.type === PT_INTERP);
  if (interp) {
    const raw = buf.subarray(interp.offset, Math.min(buf.length, interp.offset + interp.filesz));
    const nul = raw.indexOf(0);
    interpreter = raw.subarray(0, nul < 0 ? raw.length : nul).toString("latin1");
  }

  const dyn = segments.find((s) => s.type === PT_DYNAMIC);
  const needed = dyn ? readNeeded(buf, dyn, segments, bits, word) : [];
  return {
    bits,
    littleEndian: le,
    type: TYPES[type] ?? type,
    machine: MACHINES[machine] ?? `machine ${machine}`,
    interpreter,
    dynamic: dyn !== undefined,
    needed,
    static: interpreter === null && dyn === undefined,
  };
}

/** DT_NEEDED names: offsets into the string table, which DT_STRTAB gives as a virtual address. */
function readNeeded(buf: Buffer, dyn: Segment, segments: Segment[], bits: 32 | 64, word: (o: number) => bigint): string[] {
  const entrySize = bits === 64 ? 16 : 8;
  const end = Math.min(buf.length, dyn.offset + dyn.filesz);
  const neededOffsets: bigint[] = [];
  let strtab: bigint | null = null;
  for (let o = dyn.offset; o + entrySize <= end; o += entrySize) {
    const tag = word(o);
    const val = word(o + entrySize / 2);
    if (tag === DT_NULL) break;
    if (tag === DT_NEEDED) neededOffsets.push(val);
    else if (tag === DT_STRTAB) strtab = val;
  }
  if (strtab === null) return [];
  const load = segments.find((s) => s.type === PT_LOAD && strtab >= s.vaddr && strtab < s.vaddr + BigInt(s.filesz));
  if (!load) return [];
  const base = load.offset + Number(strtab - load.vaddr);
  return neededOffsets.map((off) => {
    const start = base + Number(off);
    if (start >= buf.length) return "?";
    const nul = buf.indexOf(0, start);
    return buf.subarray(start, nul < 0 ? buf.length : nul).toString("latin1");
  });
}

/** One line for reports: `static`, or `dynamic (interpreter …, needs libc.so.6)`. */
export function describeLinking(info: ElfInfo): string {
  if (info.static) return "statically linked";
  const parts: string[] = [];
  if (info.interpreter) parts.push(`interpreter ${info.interpreter}`);
  else parts.push("dynamic section");
  if (info.needed.length > 0) parts.push(`needs ${info.needed.join(", ")}`);
  return `dynamically linked (${parts.join(", ")})`;
}
