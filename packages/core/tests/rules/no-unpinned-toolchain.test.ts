import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ids, lintWith } from "../helpers.js";

type Opts = { level?: "minor" | "patch" | "digest"; allowBuildArgs?: boolean };
const rule = { "no-unpinned-toolchain": "error" as const };
const withOptions = (o: Opts) => ({ "no-unpinned-toolchain": ["error", o] as ["error", Opts] });
const DIGEST = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

describe("no-unpinned-toolchain", () => {
  describe("toolchain images at the default level (minor)", () => {
    it.each([
      ["FROM golang AS build\n", ["missingTag"]],
      ["FROM golang:latest AS build\n", ["latestTag"]],
      ["FROM docker.io/library/golang:latest AS build\n", ["latestTag"]],
      ["FROM golang:alpine AS build\n", ["variantOnlyTag"]],
      ["FROM golang:bookworm AS build\n", ["variantOnlyTag"]],
      ["FROM golang:1 AS build\n", ["tooCoarse"]],
      ["FROM golang:1-alpine AS build\n", ["tooCoarse"]],
      ["FROM node:20 AS web\n", ["tooCoarse"]],
      ["FROM node:lts-alpine AS web\n", ["variantOnlyTag"]],
      ["FROM rust:1 AS build\n", ["tooCoarse"]],
      ["FROM rust:slim AS build\n", ["variantOnlyTag"]],
      ["FROM maven:3-eclipse-temurin-21 AS build\n", ["tooCoarse"]],
      ["FROM gradle:jdk21 AS build\n", ["variantOnlyTag"]],
      ["FROM eclipse-temurin AS build\n", ["missingTag"]],
      ["FROM cgr.dev/chainguard/go:latest AS build\n", ["latestTag"]],
      ["FROM dockercore/golang-cross:1 AS cross\n", ["tooCoarse"]],
      ["FROM mcr.microsoft.com/dotnet/sdk:latest AS build\n", ["latestTag"]],
      // Version from an ARG without default: reported unless allowBuildArgs.
      ["ARG GO_VERSION\nFROM golang:${GO_VERSION}-alpine AS build\n", ["versionFromBuildArg"]],
      ["FROM golang:${GO_VERSION} AS build\n", ["versionFromBuildArg"]],
      // An ARG default is resolved: this one is still only a variant.
      ["ARG GO_VARIANT=alpine\nFROM golang:${GO_VARIANT} AS build\n", ["variantOnlyTag"]],
      // Every toolchain stage is checked, not only builders.
      ["FROM golang:1.22 AS build\nFROM node:lts AS web\nFROM scratch\n", ["variantOnlyTag"]],
    ])("reports %j", (text, expected) => {
      expect(ids(lintWith(text, rule).messages)).toEqual(expected);
    });

    it.each([
      "FROM golang:1.22 AS build\n",
      "FROM golang:1.22.3-alpine3.20 AS build\n",
      "FROM golang:1.23rc1 AS build\n",
      `FROM golang@${DIGEST} AS build\n`,
      `FROM golang:latest@${DIGEST} AS build\n`,
      "ARG GO_VERSION=1.22.3\nFROM golang:${GO_VERSION} AS build\n",
      "ARG GO_VERSION=1.22\nFROM golang:${GO_VERSION}-alpine AS build\n",
      // The version is literal; only the variant comes from the build.
      "ARG VARIANT\nFROM golang:1.22.3-${VARIANT} AS build\n",
      "FROM node:20.11-alpine AS web\n",
      "FROM rust:1.78-slim AS build\n",
      "FROM maven:3.9.6-eclipse-temurin-21 AS build\n",
      "FROM gradle:8.7-jdk21 AS build\n",
      // JDK and GCC count feature releases with the major number.
      "FROM eclipse-temurin:21-jdk AS build\n",
      "FROM gcc:13 AS build\n",
      // buildpack-deps tags name distro releases only.
      "FROM buildpack-deps:bookworm AS build\n",
      "FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build\n",
      "FROM dockercore/golang-cross:1.13.15 AS cross\n",
      "FROM ghcr.io/goreleaser/goreleaser-cross:v1.22.3 AS cross\n",
      // Not toolchain images: other rules' business.
      "FROM alpine AS base\nFROM debian:latest\n",
      "FROM golang:1.22 AS build\nFROM build AS test\n",
      "ARG BUILDER_IMAGE\nFROM ${BUILDER_IMAGE} AS build\n",
    ])("accepts %j", (text) => {
      expect(lintWith(text, rule).messages).toEqual([]);
    });
  });

  describe("level", () => {
    it.each([
      ["FROM golang:1.22 AS build\n", ["tooCoarse"]],
      ["FROM golang:1.22-alpine AS build\n", ["tooCoarse"]],
      ["FROM node:20.11 AS web\n", ["tooCoarse"]],
      ["FROM eclipse-temurin:21-jdk AS build\n", ["tooCoarse"]],
      ["FROM golang:alpine AS build\n", ["variantOnlyTag"]],
    ])("patch reports %j", (text, expected) => {
      expect(ids(lintWith(text, withOptions({ level: "patch" })).messages)).toEqual(expected);
    });

    it.each([
      "FROM golang:1.22.3 AS build\n",
      "FROM golang:1.22.3-alpine3.20 AS build\n",
      "FROM eclipse-temurin:21.0.3_9-jdk AS build\n",
      "FROM buildpack-deps:bookworm AS build\n",
      `FROM golang:1.22@${DIGEST} AS build\n`,
    ])("patch accepts %j", (text) => {
      expect(lintWith(text, withOptions({ level: "patch" })).messages).toEqual([]);
    });

    it("digest reports anything without a digest and accepts digests", () => {
      expect(ids(lintWith("FROM golang:1.22.3-alpine3.20 AS build\n", withOptions({ level: "digest" })).messages)).toEqual(["missingDigest"]);
      expect(ids(lintWith("FROM buildpack-deps:bookworm AS build\n", withOptions({ level: "digest" })).messages)).toEqual(["missingDigest"]);
      expect(lintWith(`FROM golang:1.22.3@${DIGEST} AS build\n`, withOptions({ level: "digest" })).messages).toEqual([]);
      // GOTOOLCHAIN pins the Go release, not the image.
      const gotoolchain = "FROM golang:1.22 AS build\nENV GOTOOLCHAIN=go1.22.3\n";
      expect(ids(lintWith(gotoolchain, withOptions({ level: "digest" })).messages)).toEqual(["missingDigest"]);
    });
  });

  describe("allowBuildArgs", () => {
    it("accepts a version that only the build supplies", () => {
      const text = "ARG GOLANG_VERSION\nFROM golang:${GOLANG_VERSION}-alpine3.20 AS build\n";
      expect(ids(lintWith(text, rule).messages)).toEqual(["versionFromBuildArg"]);
      expect(lintWith(text, withOptions({ allowBuildArgs: true })).messages).toEqual([]);
    });

    it("names the build argument and how to fix it", () => {
      const [m] = lintWith("ARG GOLANG_VERSION\nFROM golang:${GOLANG_VERSION}-alpine AS build\n", rule).messages;
      expect(m!.message).toContain("build argument GOLANG_VERSION");
      expect(m!.message).toContain("ARG GOLANG_VERSION=<version>");
    });
  });

  describe("GOTOOLCHAIN", () => {
    it.each([
      "FROM golang:latest AS build\nENV GOTOOLCHAIN=go1.22.3\nRUN go build -o /app .\n",
      "FROM golang:alpine AS build\nARG GOTOOLCHAIN=go1.22.3+auto\nRUN go build -o /app .\n",
      "FROM golang:latest AS build\nRUN export GOTOOLCHAIN=go1.22.3 && go build -o /app .\n",
      "FROM golang:latest AS build\nRUN GOTOOLCHAIN=go1.22.3 go build -o /app .\n",
      "FROM golang:latest AS build\nRUN go env -w GOTOOLCHAIN=go1.22.3\nRUN go build -o /app .\n",
      // Read from a version file in the repository.
      "FROM golang:latest AS build\nCOPY . .\nRUN go env -w GOTOOLCHAIN=\"go$(cat .go-version)\"\nRUN go build -o /app .\n",
      // Set in the stage built on top of the image's stage.
      "FROM golang:latest AS base\nFROM base AS build\nENV GOTOOLCHAIN=go1.22.3\nRUN go build -o /app .\n",
    ])("counts as pinned: %j", (text) => {
      expect(lintWith(text, rule).messages).toEqual([]);
    });

    it.each([
      ["FROM golang:latest AS build\nENV GOTOOLCHAIN=local\n", ["latestTag"]],
      ["FROM golang:latest AS build\nENV GOTOOLCHAIN=auto\n", ["latestTag"]],
      // Only one of two builds is pinned.
      ["FROM golang:latest AS build\nRUN GOTOOLCHAIN=go1.22.3 go build -o /a ./a\nRUN go build -o /b ./b\n", ["latestTag"]],
    ])("does not count %j", (text, expected) => {
      expect(ids(lintWith(text, rule).messages)).toEqual(expected);
    });

    it("at patch level needs a patch GOTOOLCHAIN", () => {
      const text = "FROM golang:1.22 AS build\nENV GOTOOLCHAIN=go1.22\n";
      expect(ids(lintWith(text, withOptions({ level: "patch" })).messages)).toEqual(["tooCoarse"]);
      expect(lintWith(text.replace("go1.22\n", "go1.22.3\n"), withOptions({ level: "patch" })).messages).toEqual([]);
    });

    // kind's pattern: golang:latest, Go version chosen by a build arg through gimme and GOTOOLCHAIN.
    it("treats GOTOOLCHAIN from a build argument like a tag from one (corpus pattern)", () => {
      const text = [
        "FROM --platform=$BUILDPLATFORM docker.io/library/golang:latest",
        "WORKDIR /go/src",
        "COPY go.mod go.sum ./",
        "ARG GO_VERSION",
        'RUN eval "$(gimme "${GO_VERSION}")" \\',
        '    && export GOTOOLCHAIN="go${GO_VERSION}" \\',
        "    && go mod download",
        "COPY . .",
        'RUN eval "$(gimme "${GO_VERSION}")" \\',
        '    && export GOTOOLCHAIN="go${GO_VERSION}" \\',
        "    && CGO_ENABLED=0 go build -o ./server ./cmd/server",
        "FROM gcr.io/distroless/static-debian12",
        "COPY --from=0 /go/src/server /server",
        "",
      ].join("\n");
      const [m, ...rest] = lintWith(text, rule).messages;
      expect(rest).toEqual([]);
      expect(m).toMatchObject({ messageId: "versionFromBuildArg", line: 1 });
      expect(m!.message).toContain("GOTOOLCHAIN");
      expect(m!.message).toContain("GO_VERSION");
      expect(lintWith(text, withOptions({ allowBuildArgs: true })).messages).toEqual([]);
    });
  });

  describe("go install / go run", () => {
    it.each([
      ["FROM golang:1.22 AS build\nRUN go install golang.org/x/tools/cmd/stringer@latest\n", ["unpinnedGoInstall"]],
      ["FROM golang:1.22 AS build\nRUN go install github.com/foo/bar@master\n", ["unpinnedGoInstall"]],
      ["FROM golang:1.22 AS build\nRUN go install github.com/foo/bar@main\n", ["unpinnedGoInstall"]],
      // A version prefix is a query for the newest match.
      ["FROM golang:1.22 AS build\nRUN go install github.com/foo/bar@v1\n", ["unpinnedGoInstall"]],
      ["FROM golang:1.22 AS build\nRUN go install example.com/pkg\n", ["unpinnedGoInstall"]],
      ["FROM golang:1.22 AS build\nRUN go run github.com/foo/gen@latest -out x.go\n", ["unpinnedGoInstall"]],
      ["FROM golang:1.22 AS build\nRUN CGO_ENABLED=0 GOBIN=/usr/local/bin go install github.com/a/b@latest && go install github.com/c/d@v1.2.3\n", ["unpinnedGoInstall"]],
      // In a stage whose image is not known to be Go: still a go install.
      ["FROM debian:bookworm AS tools\nRUN /usr/local/go/bin/go install github.com/foo/bar@latest\n", ["unpinnedGoInstall"]],
      // A default-less ARG in the version stays unknown; a default is used.
      ["FROM golang:1.22 AS build\nARG LINT_VERSION=latest\nRUN go install github.com/golangci/golangci-lint/cmd/golangci-lint@${LINT_VERSION}\n", ["unpinnedGoInstall"]],
    ])("reports %j", (text, expected) => {
      expect(ids(lintWith(text, rule).messages)).toEqual(expected);
    });

    it.each([
      "FROM golang:1.22 AS build\nRUN go install golang.org/x/tools/cmd/stringer@v0.21.0\n",
      "FROM golang:1.22 AS build\nRUN go install github.com/foo/bar@v0.0.0-20240101120000-abcdef123456\n",
      "FROM golang:1.22 AS build\nRUN go install github.com/foo/bar@3f2a1bc\n",
      "FROM golang:1.22 AS build\nRUN go install ./cmd/server\n",
      "FROM golang:1.22 AS build\nRUN go install .\n",
      "FROM golang:1.22 AS build\nRUN go install /go/app/foobar\n",
      "FROM golang:1.22 AS build\nRUN go run main.go\n",
      "FROM golang:1.22 AS build\nRUN go run ./tools/gen\n",
      "FROM golang:1.22 AS build\nRUN go build -o /app github.com/foo/bar\n",
      "FROM golang:1.22 AS build\nARG LINT_VERSION\nRUN go install github.com/golangci/golangci-lint/cmd/golangci-lint@${LINT_VERSION}\n",
      // No @version inside a module: go.mod decides the version.
      "FROM golang:1.22 AS build\nWORKDIR /src\nCOPY go.mod go.sum ./\nRUN go install github.com/foo/bar/cmd/tool\n",
      "FROM golang:1.22 AS build\nWORKDIR /src\nCOPY . .\nRUN go install github.com/me/repo/cmd/server\n",
      "FROM golang:1.22 AS base\nCOPY go.* ./\nRUN go mod download\nCOPY go.mod ./\nFROM base AS build\nRUN go install github.com/foo/bar/cmd/tool\n",
      // go.mod bound into the RUN, or the whole context (buildkit's own pattern).
      "FROM golang:1.22 AS tools\nRUN --mount=type=bind,source=go.mod,target=/app/go.mod --mount=type=cache,target=/go/pkg/mod go install github.com/foo/bar/cmd/tool\n",
      "FROM golang:1.22 AS tools\nRUN --mount=target=. go install github.com/foo/bar/cmd/tool\n",
      // `go install tool` installs go.mod's `tool` lines (Go 1.24+), all pinned there.
      "FROM golang:1.24 AS tools\nRUN go install tool github.com/foo/bar/cmd/a google.golang.org/protobuf/cmd/protoc-gen-go\n",
    ])("accepts %j", (text) => {
      expect(lintWith(text, rule).messages).toEqual([]);
    });

    it("does not count a bind mount from another stage or image as the module", () => {
      const text = "FROM golang:1.22 AS tools\nRUN --mount=type=bind,from=src,source=go.mod,target=go.mod go install github.com/foo/bar\n";
      expect(ids(lintWith(text, rule).messages)).toEqual(["unpinnedGoInstall"]);
    });

    it("accepts a package of the go.mod module by import path", () => {
      const text = "FROM golang:1.22 AS build\nRUN go install example.com/me/repo/cmd/server\n";
      expect(ids(lintWith(text, rule).messages)).toEqual(["unpinnedGoInstall"]);
      expect(lintWith(text, rule, { goMod: "module example.com/me/repo\n\ngo 1.22\n" }).messages).toEqual([]);
    });

    it("points at the package argument", () => {
      const text = "FROM golang:1.22 AS build\nRUN apk add git && \\\n    go install golang.org/x/vuln/cmd/govulncheck@latest\n";
      const [m] = lintWith(text, rule).messages;
      expect(m).toMatchObject({ messageId: "unpinnedGoInstall", line: 3, column: 16, endLine: 3, endColumn: 56 });
      expect(m!.message).toBe(
        "`go install golang.org/x/vuln/cmd/govulncheck@latest` asks for '@latest', which is not a fixed release, so each build may compile different code. Pin a release: golang.org/x/vuln/cmd/govulncheck@vX.Y.Z.",
      );
    });
  });

  describe("messages and suggestions", () => {
    it("points at the image and shows a tag that would pass", () => {
      const [m] = lintWith("FROM   golang:1-alpine AS build\n", rule).messages;
      expect(m).toMatchObject({ line: 1, column: 8, endLine: 1, endColumn: 23 });
      expect(m!.message).toBe(
        "Toolchain image 'golang:1-alpine' pins only '1', a tag that moves with every feature release. Pin major.minor, e.g. 'golang:X.Y-alpine'.",
      );
      const [p] = lintWith("FROM golang:1.22-alpine AS build\n", withOptions({ level: "patch" })).messages;
      expect(p!.message).toContain("Pin the full version, e.g. 'golang:X.Y.Z-alpine'");
    });

    const goMod = "module example.com/app\n\ngo 1.22.1\n\ntoolchain go1.22.4\n";
    it.each([
      ["FROM golang:alpine AS build\n", "FROM golang:1.22.4-alpine AS build\n"],
      ["FROM golang AS build\n", "FROM golang:1.22.4 AS build\n"],
      ["FROM docker.io/library/golang:latest AS build\n", "FROM docker.io/library/golang:1.22.4 AS build\n"],
      ["FROM golang:1-bookworm AS build\n", "FROM golang:1.22.4-bookworm AS build\n"],
    ])("suggests go.mod's toolchain version for %j, keeping the variant", (text, output) => {
      const [m] = lintWith(text, rule, { goMod }).messages;
      expect(m!.fix).toBeUndefined();
      expect(m!.suggestions).toHaveLength(1);
      const s = m!.suggestions![0]!;
      expect(s.messageId).toBe("pinToGoMod");
      expect(s.desc).toContain("go.mod toolchain line (1.22.4)");
      expect(text.slice(0, s.fix.range[0]) + s.fix.text + text.slice(s.fix.range[1])).toBe(output);
    });

    it("uses the go line when there is no toolchain line, and only when it meets the level", () => {
      const [m] = lintWith("FROM golang:alpine AS build\n", rule, { goMod: "module x\n\ngo 1.23\n" }).messages;
      expect(m!.suggestions![0]!.fix.text).toBe("golang:1.23-alpine");
      const [p] = lintWith("FROM golang:alpine AS build\n", withOptions({ level: "patch" }), { goMod: "module x\n\ngo 1.23\n" }).messages;
      expect(p!.suggestions ?? []).toEqual([]);
    });

    it("does not suggest moving to another release line, or rewriting ARG-built references", () => {
      const [m] = lintWith("FROM golang:1.22 AS build\n", withOptions({ level: "patch" }), { goMod: "module x\n\ngo 1.21.5\n" }).messages;
      expect(m!.suggestions ?? []).toEqual([]);
      const [a] = lintWith("ARG V=alpine\nFROM golang:${V} AS build\n", rule, { goMod: "module x\n\ngo 1.21.5\n" }).messages;
      expect(a!.messageId).toBe("variantOnlyTag");
      expect(a!.suggestions ?? []).toEqual([]);
    });

    it("offers no go.mod suggestion for other toolchains", () => {
      const [m] = lintWith("FROM node:lts AS web\n", rule, { goMod: "module x\n\ngo 1.22.1\n" }).messages;
      expect(m!.suggestions ?? []).toEqual([]);
    });
  });
});

const SHARED = process.env.DOCKER_LINT_SHARED ?? "/work/shared";
const HADOLINT = path.join(SHARED, "oracles", "hadolint-cases.json");

describe("no-unpinned-toolchain against hadolint's DL3062 go install / go run cases", () => {
  if (!existsSync(HADOLINT)) {
    it.skip(`skipped: ${HADOLINT} not found (set DOCKER_LINT_SHARED)`, () => {});
    return;
  }
  const cases = (JSON.parse(readFileSync(HADOLINT, "utf8")) as Array<{ rule: string; expect: string; dockerfile: string; test: string; variant?: string }>)
    // `go get` is out of scope (module-mode `go get` edits go.mod; it does not install); ONBUILD triggers are not linted.
    .filter((c) => c.rule === "DL3062" && !c.variant && /^RUN go (install|run) /.test(c.dockerfile));

  it("has the cases it expects", () => {
    expect(cases.length).toBeGreaterThanOrEqual(15);
  });

  it.each(cases.map((c) => [`${c.expect}: ${c.dockerfile.trim()}`, c] as const))("%s", (_, c) => {
    // hadolint's snippets have no FROM; give them a pinned builder so only the RUN is judged.
    const messages = lintWith(`FROM golang:1.22.3 AS build\n${c.dockerfile}`, rule).messages;
    expect(ids(messages)).toEqual(c.expect === "catch" ? ["unpinnedGoInstall"] : []);
  });
});

describe("no-unpinned-toolchain: go get, ONBUILD triggers and fragments", () => {
  const only = { "no-unpinned-toolchain": "error" as const };
  it.each([
    "RUN go install example.com/tool\n",
    "FROM golang:1.22.3\nONBUILD RUN go install example.com/tool@latest\n",
    "FROM golang:1.22.3\nRUN go get example.com/lib\n",
    "RUN go get -tool foobar@latest\n",
    "RUN go run example.com/gen@master -out x\n",
  ])("reports %j", (text) => {
    expect(ids(lintWith(text, only).messages)).toEqual(["unpinnedGoInstall"]);
  });

  it.each([
    "RUN go install example.com/tool@v1.2.3\n",
    "FROM golang:1.22.3\nONBUILD RUN go install ./cmd/app\n",
    "FROM golang:1.22.3\nRUN go get example.com/lib@v0.4.0 && go get example.com/old@none\n",
    "RUN go run main.go\n",
    "RUN go install tool\n",
  ])("accepts %j", (text) => {
    expect(lintWith(text, only).messages).toEqual([]);
  });
});
