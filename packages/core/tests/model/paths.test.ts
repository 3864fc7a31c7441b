import path from "node:path";
import { describe, expect, it } from "vitest";
import { resolvePath } from "../../src/model/model.js";

describe("resolvePath", () => {
  it("resolves like path.posix (normalize for absolute paths, join under the workdir), on generated paths", () => {
    const parts = ["", "/", "a", "bb", ".", "..", "/.", "./", "../", "//", "x/", "$A", "c.d", ".e"];
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const gen = () => {
      let s = "";
      for (let n = Math.floor(random() * 6); n > 0; n--) s += parts[Math.floor(random() * parts.length)];
      return s;
    };
    for (let i = 0; i < 20_000; i++) {
      const p = gen();
      const workdir = random() < 0.2 ? "" : gen();
      const expected = p.startsWith("/") ? path.posix.normalize(p) : path.posix.join(workdir || "/", p);
      expect([p, workdir, resolvePath(p, workdir)]).toEqual([p, workdir, expected]);
    }
  });

  it("keeps normal paths as they are", () => {
    expect(resolvePath("/app", "/src")).toBe("/app");
    expect(resolvePath("bin/app", "/src")).toBe("/src/bin/app");
    expect(resolvePath("out/", "/")).toBe("/out/");
    expect(resolvePath("../x", "/src/a")).toBe("/src/x");
  });
});
