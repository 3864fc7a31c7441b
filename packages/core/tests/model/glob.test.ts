import { describe, expect, it } from "vitest";
import { globToRegExp, hasGlob, matchesPathGlob } from "../../src/model/glob.js";

describe("globToRegExp (option globs)", () => {
  it.each([
    ["gcr.io/distroless/*", "gcr.io/distroless/static-debian12", true],
    ["gcr.io/distroless/*", "gcr.io/distroless/a/b", false],
    ["gcr.io/**", "gcr.io/distroless/a/b", true],
    ["**/test/**", "test/Dockerfile", true],
    ["**/test/**", "/repo/svc/test/Dockerfile", true],
    ["**/test/**", "/repo/svc/contest/Dockerfile", false],
    ["*.dev", "Dockerfile.dev", true],
    ["*.dev", "Dockerfile.DEV", true],
    ["my.registry/*", "myXregistry/a", false],
    // `?` and brackets are literal in option globs.
    ["app?", "appX", false],
    ["app?", "app?", true],
    ["reg/[x", "reg/[x", true],
    ["reg/[ab]", "reg/a", false],
  ])("%s matches %s: %s", (glob, path, expected) => {
    expect(globToRegExp(glob).test(path)).toBe(expected);
  });
});

describe("matchesPathGlob (COPY sources)", () => {
  it.each([
    ["/out/*", "/out/app", true],
    ["/out/*", "/out/bin/app", false],
    ["/out/ap?", "/out/app", true],
    ["/out/ap?", "/out/ap/x", false],
    ["/out/[ab]pp", "/out/app", true],
    ["/out/[!ab]pp", "/out/app", false],
    ["/out/[!ab]pp", "/out/xpp", true],
    ["/out/[a-c]pp", "/out/bpp", true],
    ["/out/App", "/out/app", false],
    // Regex characters are literal; an unclosed `[` is a literal `[` (it used to throw).
    ["/out/[x", "/out/[x", true],
    ["/out/[x", "/out/x", false],
    ["/out/a(b", "/out/a(b", true],
    ["/out/a.b", "/out/aXb", false],
    ["/out/\\*", "/out/*", true],
    ["/out/\\*", "/out/a", false],
  ])("%s matches %s: %s", (glob, path, expected) => {
    expect(matchesPathGlob(glob, path)).toBe(expected);
  });

  it("matches paths below a match with orBelow", () => {
    expect(matchesPathGlob("/out/*", "/out/bin/app", { orBelow: true })).toBe(true);
    expect(matchesPathGlob("/out/[x", "/out/[x/app", { orBelow: true })).toBe(true);
    expect(matchesPathGlob("/out/*", "/other/app", { orBelow: true })).toBe(false);
  });

  it("tells globs from paths", () => {
    expect(["/a/*", "/a/?", "/a/[x", "/a/b"].map(hasGlob)).toEqual([true, true, true, false]);
  });
});
