import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeLinking, NotElfError, readElf } from "../src/lib/elf";
import { hostGcc, hostGo, tempTree } from "./helpers";

// `os/user` and `net` link libc through cgo when a C compiler is present and cgo is on.
const PROGRAM = `package main

import (
	"fmt"
	"net"
	"os/user"
)

func main() {
	u, _ := user.Current()
	_, err := net.LookupHost("localhost")
	fmt.Println(u != nil, err == nil)
}
`;

describe.skipIf(!hostGo)("readElf on binaries built by the host go", () => {
  let dir = "";
  let cleanup = () => {};
  beforeAll(() => {
    ({ dir, cleanup } = tempTree({ "go.mod": "module example.com/elf\n\ngo 1.21\n", "main.go": PROGRAM }));
  });
  afterAll(() => cleanup());

  const build = (out: string, cgo: "0" | "1") => {
    const env = { ...process.env, CGO_ENABLED: cgo, GOOS: "linux", GOFLAGS: "-buildvcs=false", GOWORK: "off", GOPROXY: "off" };
    execFileSync("go", ["build", "-trimpath", "-o", path.join(dir, out), "."], { cwd: dir, env, stdio: "pipe" });
    return readFileSync(path.join(dir, out));
  };

  it("a CGO_ENABLED=0 build is static: no interpreter, no dynamic section", () => {
    const info = readElf(build("static", "0"));
    expect(info).toMatchObject({ bits: 64, interpreter: null, dynamic: false, needed: [], static: true });
    expect(info.type).toBe("EXEC");
    expect(describeLinking(info)).toBe("statically linked");
  }, 300_000);

  it.skipIf(!hostGcc)("a cgo build of net + os/user is dynamic: loader and libc", () => {
    const info = readElf(build("dynamic", "1"));
    expect(info.static).toBe(false);
    expect(info.dynamic).toBe(true);
    expect(info.interpreter).toMatch(/^\/lib.*\/ld-(linux|musl)/);
    expect(info.needed).toEqual(expect.arrayContaining([expect.stringMatching(/^libc\.(so|musl)/)]));
    expect(describeLinking(info)).toMatch(/^dynamically linked \(interpreter \/lib.*, needs .*libc\./);
  }, 300_000);
});

if (!hostGo) it.skip("readElf on real binaries: no go on PATH, skipped", () => {});

describe("readElf on hand-made headers", () => {
  it("rejects files that are not ELF", () => {
    expect(() => readElf(Buffer.from("#!/bin/sh\necho hi\n".padEnd(64, " ")))).toThrow(NotElfError);
    expect(() => readElf(Buffer.alloc(10))).toThrow(NotElfError);
  });

  it("rejects program headers past the end of the file", () => {
    const b = Buffer.alloc(64);
    b.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1], 0);
    b.writeBigUInt64LE(4096n, 32); // e_phoff beyond the buffer
    b.writeUInt16LE(56, 54);
    b.writeUInt16LE(3, 56);
    expect(() => readElf(b)).toThrow(/truncated/);
  });

  it("reads a 32-bit big-endian header with a PT_INTERP segment", () => {
    const interp = "/lib/ld.so.1\0";
    const b = Buffer.alloc(52 + 32 + interp.length);
    b.set([0x7f, 0x45, 0x4c, 0x46, 1, 2, 1], 0);
    b.writeUInt16BE(2, 16); // EXEC
    b.writeUInt16BE(8, 18); // MIPS
    b.writeUInt32BE(52, 28); // e_phoff
    b.writeUInt16BE(32, 42); // e_phentsize
    b.writeUInt16BE(1, 44); // e_phnum
    b.writeUInt32BE(3, 52); // PT_INTERP
    b.writeUInt32BE(84, 56); // p_offset
    b.writeUInt32BE(interp.length, 68); // p_filesz
    b.write(interp, 84, "latin1");
    expect(readElf(b)).toMatchObject({ bits: 32, littleEndian: false, type: "EXEC", machine: "mips", interpreter: "/lib/ld.so.1", static: false });
  });
});
