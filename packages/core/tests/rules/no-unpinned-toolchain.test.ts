import { describe, expect, it } from "vitest";
import { ids, lintWith } from "../helpers.js";
import { dockerRuleTester, rule as pluginRule } from "./tester.js";

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

    // Through ESLint's RuleTester: no report for each of these.
    dockerRuleTester().run("no-unpinned-toolchain: accepts", pluginRule("no-unpinned-toolchain"), {
      valid: [
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
      ].flat(),
      invalid: [],
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


describe("no-unpinned-toolchain and pin-go-install-version", () => {
  it("leaves go install / go run to pin-go-install-version", () => {
    const text = "FROM golang:1.22 AS build\nRUN go install golang.org/x/tools/cmd/stringer@latest\n";
    expect(lintWith(text, rule).messages).toEqual([]);
    expect(ids(lintWith(text, { "pin-go-install-version": "error" }).messages)).toEqual(["unpinnedGoInstall"]);
  });
});

// The same rule through ESLint, as editors and `eslint` run it: locations, data, suggestions.
describe("no-unpinned-toolchain through ESLint's RuleTester", () => {
  dockerRuleTester().run("no-unpinned-toolchain", pluginRule("no-unpinned-toolchain"), {
    valid: [
      "FROM golang:1.22 AS build\nRUN x\n",
      "FROM golang:1.22.5-alpine AS build\nRUN go install github.com/x/tool@v1.2.3\n",
      { code: "FROM golang:1.22.5 AS build\n", options: [{ level: "patch" }] },
      { code: "ARG GO_VERSION\nFROM golang:${GO_VERSION} AS build\n", options: [{ allowBuildArgs: true }] },
    ],
    invalid: [
      { code: "FROM golang AS build\nRUN x\n", errors: [{ messageId: "missingTag", line: 1, column: 6, endColumn: 12 }] },
      { code: "FROM golang:latest AS build\nRUN x\n", errors: [{ messageId: "latestTag" }] },
      { code: "FROM golang:1 AS build\nRUN x\n", errors: [{ messageId: "tooCoarse" }] },
      { code: "FROM golang:1.22 AS build\nRUN x\n", options: [{ level: "patch" }], errors: [{ messageId: "tooCoarse", data: { image: "golang:1.22", version: "1.22", moves: "patch", wanted: "the full version", example: "golang:X.Y.Z" } }] },
      { code: "FROM golang:1.22.5 AS build\n", options: [{ level: "digest" }], errors: [{ messageId: "missingDigest" }] },
      { code: "ARG GO_VERSION\nFROM golang:${GO_VERSION} AS build\n", errors: [{ messageId: "versionFromBuildArg", line: 2 }] },
      {
        // With a go.mod, the suggestion pins the version it asks for.
        code: "FROM golang AS build\nRUN x\n",
        languageOptions: { goMod: "module example.com/app\n\ngo 1.23.4\n" },
        errors: [{ messageId: "missingTag", suggestions: [{ messageId: "pinToGoMod", output: "FROM golang:1.23.4 AS build\nRUN x\n" }] }],
      },
    ],
  });
});
