import { describe, expect, it } from "vitest";
import { globToRegExp } from "../src/model/glob.js";

describe("globToRegExp", () => {
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
  ])("%s matches %s: %s", (glob, path, expected) => {
    expect(globToRegExp(glob).test(path)).toBe(expected);
  });
});
