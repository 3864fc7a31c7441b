import { describe, expect, it } from "vitest";
import { imageFacts, imageName, parseImageRef } from "../../src/index.js";

describe("parseImageRef", () => {
  it.each([
    ["golang:1.22-alpine", { registry: null, repository: "golang", tag: "1.22-alpine", digest: null }],
    ["alpine", { registry: null, repository: "alpine", tag: null, digest: null }],
    ["library/alpine:3.20", { registry: null, repository: "alpine", tag: "3.20" }],
    ["docker.io/library/golang:1.22", { registry: null, repository: "golang", tag: "1.22" }],
    ["index.docker.io/library/alpine", { registry: null, repository: "alpine", tag: null }],
    ["registry-1.docker.io/bitnami/redis:7", { registry: null, repository: "bitnami/redis", tag: "7" }],
    ["mirror.gcr.io/library/golang:1.22", { registry: null, repository: "golang", tag: "1.22" }],
    ["gcr.io/distroless/static-debian12:nonroot", { registry: "gcr.io", repository: "distroless/static-debian12", tag: "nonroot" }],
    ["ghcr.io/acme/tools/builder:v2", { registry: "ghcr.io", repository: "acme/tools/builder", tag: "v2" }],
    ["localhost/app", { registry: "localhost", repository: "app", tag: null }],
    ["localhost:5000/team/app:1.0", { registry: "localhost:5000", repository: "team/app", tag: "1.0" }],
    ["registry.example.com:5000/app", { registry: "registry.example.com:5000", repository: "app", tag: null }],
    ["acme/app:1", { registry: null, repository: "acme/app", tag: "1" }],
    [
      "golang:1.22@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
      { repository: "golang", tag: "1.22", digest: "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef" },
    ],
    ["alpine@sha256:abc", { repository: "alpine", tag: null, digest: "sha256:abc" }],
    ["registry.example.com:5000/app@sha256:abc", { registry: "registry.example.com:5000", repository: "app", tag: null, digest: "sha256:abc" }],
  ])("%s", (ref, expected) => {
    expect(parseImageRef(ref)).toMatchObject({ raw: ref, resolved: ref, ...expected });
  });

  it("keeps raw, resolved and unresolved apart", () => {
    expect(parseImageRef("golang:${GO}", "golang:1.22", [])).toMatchObject({ raw: "golang:${GO}", resolved: "golang:1.22", tag: "1.22" });
    expect(parseImageRef("golang:${GO}", "golang:${GO}", ["GO"]).unresolved).toEqual(["GO"]);
  });

  it("names images as registry/repository", () => {
    expect(imageName(parseImageRef("docker.io/library/golang:1.22"))).toBe("golang");
    expect(imageName(parseImageRef("gcr.io/distroless/base-debian12"))).toBe("gcr.io/distroless/base-debian12");
  });
});

const facts = (ref: string) => imageFacts(parseImageRef(ref));

describe("imageFacts", () => {
  it("knows scratch has nothing", () => {
    expect(facts("scratch")).toMatchObject({ family: "scratch", kind: "scratch", libc: "none", shell: false, sizeMB: 0 });
  });

  it("tells golang images apart by libc and C compiler", () => {
    expect(facts("golang:1.22")).toMatchObject({ family: "golang", kind: "toolchain", toolchain: "go", libc: "glibc", cCompiler: true });
    expect(facts("golang:1.22-alpine3.20")).toMatchObject({ family: "golang", libc: "musl", cCompiler: false });
    expect(facts("docker.io/library/golang:1.22-bookworm").family).toBe("golang");
    expect(facts("mirror.gcr.io/library/golang:1.23").family).toBe("golang");
    expect(facts("cgr.dev/chainguard/go:latest")).toMatchObject({ family: "golang", kind: "toolchain" });
  });

  it("reads distroless variants from repository and tag", () => {
    expect(facts("gcr.io/distroless/static-debian12:nonroot")).toMatchObject({ family: "distroless", kind: "minimal", libc: "none", shell: false, defaultUser: "65532" });
    expect(facts("gcr.io/distroless/static-debian12")).toMatchObject({ defaultUser: "root", shell: false });
    expect(facts("gcr.io/distroless/base-debian12:debug")).toMatchObject({ libc: "glibc", shell: true });
    expect(facts("gcr.io/distroless/cc-debian12")).toMatchObject({ libc: "glibc", kind: "minimal" });
  });

  it("knows chainguard and chiseled images are minimal and non-root", () => {
    expect(facts("cgr.dev/chainguard/static:latest")).toMatchObject({ kind: "minimal", libc: "none", defaultUser: "65532" });
    expect(facts("mcr.microsoft.com/dotnet/runtime-deps:8.0-jammy-chiseled")).toMatchObject({ family: "chiseled", kind: "minimal", shell: false });
    expect(facts("mcr.microsoft.com/dotnet/aspnet:8.0")).toMatchObject({ family: "dotnet", kind: "app", shell: true });
  });

  it("tells slim from full OS images", () => {
    expect(facts("alpine:3.20")).toMatchObject({ family: "alpine", kind: "slim", libc: "musl" });
    expect(facts("debian:bookworm-slim")).toMatchObject({ family: "debian", kind: "slim" });
    expect(facts("debian:bookworm")).toMatchObject({ family: "debian", kind: "full-os" });
    expect(facts("ubuntu:24.04")).toMatchObject({ family: "ubuntu", kind: "full-os", libc: "glibc" });
    expect(facts("registry.access.redhat.com/ubi9/ubi-minimal:9.4")).toMatchObject({ family: "ubi", kind: "slim" });
  });

  it("falls back to the tag for unknown alpine-based images, and to unknown", () => {
    expect(facts("acme/thing:1.2-alpine")).toMatchObject({ family: "alpine", libc: "musl", kind: "unknown" });
    expect(facts("acme/thing:1.2")).toMatchObject({ family: "unknown", kind: "unknown", defaultUser: null, sizeMB: null });
    expect(imageFacts(null).family).toBe("unknown");
  });

  it("matches images behind another registry by their last path element", () => {
    expect(facts("ghcr.io/acme/alpine:3.20").family).toBe("alpine");
    expect(facts("public.ecr.aws/docker/library/golang:1.22").family).toBe("golang");
  });
});
