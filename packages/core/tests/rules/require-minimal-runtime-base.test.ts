import { describe, expect, it } from "vitest";
import { imageFacts, MINIMAL_SUGGESTIONS, parseImageRef } from "../../src/model/images.js";
import { ids, lintWith } from "../helpers.js";
import { dockerRuleTester, rule as pluginRule } from "./tester.js";

const rule = { "require-minimal-runtime-base": "error" as const };
const strict = { "require-minimal-runtime-base": ["error", { slim: "report" }] as ["error", { slim: "report" }] };

const sizeOf = (image: string) => imageFacts(parseImageRef(image)).sizeMB!;

describe("require-minimal-runtime-base", () => {
  // Through ESLint's RuleTester: each text gets exactly these reports, in order.
  const reported: Array<[string, string[]]> = [
    ["FROM golang:1.22-alpine\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\nCMD [\"/app\"]\n", ["toolchain"]],
    ["FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM build\nCMD [\"/app\"]\n", ["toolchain"]],
    ["FROM rust:1.78 AS build\nRUN cargo build --release\nFROM build AS final\n", ["toolchain"]],
    ["FROM golang:1.22 AS build\nRUN CGO_ENABLED=0 go build -o /out/app .\nFROM debian:bookworm\nCOPY --from=build /out/app /app\n", ["fullOs"]],
    ["FROM ubuntu:24.04\nCOPY app /app\n", ["fullOs"]],
    ["FROM rockylinux:9\nCOPY app /app\n", ["fullOs"]],
    // The base comes from an ARG default.
    ["ARG RUNTIME=debian:bookworm\nFROM golang:1.22 AS build\nFROM ${RUNTIME}\n", ["fullOs"]],
    // Interpreter and VM toolchains: the full build images, not their runtimes.
    ["FROM node:22\nCOPY . .\nCMD [\"node\", \"server.js\"]\n", ["runtimeToolchain"]],
    ["FROM eclipse-temurin:21-jdk\nCOPY app.jar /app.jar\n", ["runtimeToolchain"]],
    ["FROM mcr.microsoft.com/dotnet/sdk:8.0\nCOPY . .\n", ["runtimeToolchain"]],
  ];
  dockerRuleTester().run("require-minimal-runtime-base: reports", pluginRule("require-minimal-runtime-base"), {
    valid: [],
    invalid: reported.map(([code, expected]) => ({ code, errors: expected.map((messageId) => ({ messageId })) })),
  });

  // Through ESLint's RuleTester: no report for each of these.
  dockerRuleTester().run("require-minimal-runtime-base: accepts", pluginRule("require-minimal-runtime-base"), {
    valid: [
    "FROM scratch\nCOPY app /app\n",
    "FROM gcr.io/distroless/static-debian12:nonroot\nCOPY app /app\n",
    "FROM gcr.io/distroless/base-debian12\nCOPY app /app\n",
    "FROM cgr.dev/chainguard/static:latest\nCOPY app /app\n",
    "FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM gcr.io/distroless/static-debian12 AS runtime\nCOPY --from=build /app /app\n",
    "FROM gcr.io/distroless/static-debian12 AS base\nFROM base\nCOPY app /app\n",
    // slim images pass unless slim: "report".
    "FROM alpine:3.20\nCOPY app /app\n",
    "FROM debian:bookworm-slim\nCOPY app /app\n",
    "FROM busybox:1.36\nCOPY app /app\n",
    "FROM node:20.11-alpine\nCOPY . .\nCMD [\"node\", \"server.js\"]\n",
    "FROM python:3.12-slim\nCOPY . .\n",
    // Unknown images are not judged: locally built bases, build-arg bases, app runtimes.
    "FROM argocd-base\nCOPY app /app\n",
    "ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nCOPY app /app\n",
    "FROM golang:1.22 AS build\nFROM $RUNTIME_IMAGE\n",
    "FROM eclipse-temurin:21-jre\nCOPY app.jar /app.jar\n",
    "FROM mcr.microsoft.com/dotnet/aspnet:8.0\nCOPY out/ /app\n",
    // Windows images are not judged.
    "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nCOPY app.exe /app.exe\n",
    "FROM golang:1.22-windowsservercore-ltsc2022\nRUN go build -o app.exe .\n",
    // Only the final stage matters.
    "FROM ubuntu:24.04 AS tools\nRUN apt-get update\nFROM scratch\nCOPY --from=tools /usr/bin/tini /tini\n",
    ].flat(),
    invalid: [],
  });

  it.each([
    ["FROM alpine:3.20\nCOPY app /app\n", ["slim"]],
    ["FROM debian:bookworm-slim\nCOPY app /app\n", ["slim"]],
    ["FROM node:20.11-alpine\nCMD [\"node\", \"server.js\"]\n", ["slim"]],
    ["FROM registry.access.redhat.com/ubi9/ubi-minimal:9.4\nCOPY app /app\n", ["slim"]],
    ["FROM gcr.io/distroless/static-debian12\n", []],
  ])("with slim: report, reports %j", (text, expected) => {
    expect(ids(lintWith(text, strict).messages)).toEqual(expected);
  });

  it("points at the final FROM's image and says what to use and what it saves", () => {
    const text = "FROM golang:1.22 AS build\nRUN CGO_ENABLED=0 go build -o /out/app .\nFROM   debian:bookworm\nCOPY --from=build /out/app /app\n";
    const [m] = lintWith(text, rule).messages;
    expect(m).toMatchObject({ messageId: "fullOs", line: 3, column: 8, endLine: 3, endColumn: 23 });
    const saved = Math.round(sizeOf("debian:bookworm") - MINIMAL_SUGGESTIONS.static.sizeMB);
    expect(m!.message).toContain(`'${MINIMAL_SUGGESTIONS.static.image}' (about ${saved} MB smaller)`);
  });

  it("suggests static distroless only when the shipped binary is built without cgo", () => {
    const cgoDefault = "FROM golang:1.22 AS build\nRUN go build -o /out/app .\nFROM debian:bookworm\nCOPY --from=build /out/app /app\n";
    expect(lintWith(cgoDefault, rule).messages[0]!.message).toContain(MINIMAL_SUGGESTIONS.glibc.image);
    const cgoOn = "FROM golang:1.22 AS build\nENV CGO_ENABLED=1\nRUN go build -o /out/app .\nFROM ubuntu:24.04\nCOPY --from=build /out/app /app\n";
    expect(lintWith(cgoOn, rule).messages[0]!.message).toContain(MINIMAL_SUGGESTIONS.glibc.image);
    // golang alpine images have no C compiler: cgo is off by default.
    const alpineBuilder = "FROM golang:1.22-alpine AS build\nRUN go build -o /out/app .\nFROM ubuntu:24.04\nCOPY --from=build /out/app /app\n";
    expect(lintWith(alpineBuilder, rule).messages[0]!.message).toContain(MINIMAL_SUGGESTIONS.static.image);
    // Only the builds the final stage copies count: the static one here.
    const twoBuilds = [
      "FROM golang:1.22 AS build",
      "RUN go build -o /out/tool ./tools/gen",
      "RUN CGO_ENABLED=0 go build -o /out/app ./cmd/app",
      "FROM debian:bookworm",
      "COPY --from=build /out/app /app",
      "",
    ].join("\n");
    expect(lintWith(twoBuilds, rule).messages[0]!.message).toContain(MINIMAL_SUGGESTIONS.static.image);
  });

  it("names the stage a final FROM <stage> goes through", () => {
    const [m] = lintWith("FROM golang:1.22 AS Build\nRUN go build -o /app .\nFROM Build\n", rule).messages;
    expect(m!.message).toContain("'golang:1.22' (through stage 'Build')");
    const saved = Math.round(sizeOf("golang:1.22") - MINIMAL_SUGGESTIONS.glibc.sizeMB);
    expect(m!.message).toContain(`(about ${saved} MB smaller)`);
  });

  it("honours allow globs on the image name", () => {
    const text = "FROM public.ecr.aws/ubuntu/ubuntu:noble\nCOPY app /app\n";
    expect(ids(lintWith(text, rule).messages)).toEqual(["fullOs"]);
    expect(lintWith(text, { "require-minimal-runtime-base": ["error", { allow: ["public.ecr.aws/ubuntu/*"] }] }).messages).toEqual([]);
    expect(lintWith(text, { "require-minimal-runtime-base": ["error", { allow: ["**/ubuntu"] }] }).messages).toEqual([]);
    expect(ids(lintWith(text, { "require-minimal-runtime-base": ["error", { allow: ["ubuntu"] }] }).messages)).toEqual(["fullOs"]);
  });

  // Corpus patterns, as our own snippets.
  it("reports a service that needs OS packages on ubuntu, which an allow entry or a disable comment accepts (corpus pattern)", () => {
    const text = [
      "FROM golang:1.22 AS build",
      "RUN go build -o /out/agent ./cmd/agent",
      "FROM ubuntu:24.04",
      "RUN apt-get update && apt-get install -y --no-install-recommends libsystemd0 ca-certificates",
      "COPY --from=build /out/agent /bin/agent",
      'ENTRYPOINT ["/bin/agent"]',
      "",
    ].join("\n");
    expect(ids(lintWith(text, rule).messages)).toEqual(["fullOs"]);
    const disabled = text.replace("FROM ubuntu:24.04", "# eslint-disable-next-line @docker-lint/require-minimal-runtime-base -- needs libsystemd\nFROM ubuntu:24.04");
    expect(lintWith(disabled, rule).messages).toEqual([]);
  });

  it("accepts the goreleaser pattern: a prebuilt binary on distroless (corpus pattern)", () => {
    const text = "FROM gcr.io/distroless/static-debian12:nonroot\nCOPY myservice /usr/bin/myservice\nUSER 65532\nENTRYPOINT [\"/usr/bin/myservice\"]\n";
    expect(lintWith(text, rule).messages).toEqual([]);
  });

  it("follows a copied output whose name holds an unclosed '['", () => {
    const text = (cgo: string) =>
      `FROM golang:1.22 AS build\nRUN ${cgo}go build -o /out/[x .\nFROM debian:12\nCOPY --from=build /out/[x /app\nUSER 1\nENTRYPOINT ["/app"]\n`;
    expect(lintWith(text("CGO_ENABLED=0 "), rule).messages[0]!.message).toContain("gcr.io/distroless/static");
    expect(lintWith(text(""), rule).messages[0]!.message).toContain("gcr.io/distroless/base");
  });
});

// The same rule through ESLint, as editors and `eslint` run it: locations, data, suggestions.
describe("require-minimal-runtime-base through ESLint's RuleTester", () => {
  const BUILD = "FROM golang:1.22 AS build\nRUN CGO_ENABLED=0 go build -o /app .\n";
  const shipOn = (base: string) => `${BUILD}FROM ${base}\nCOPY --from=build /app /app\n`;

  dockerRuleTester().run("require-minimal-runtime-base", pluginRule("require-minimal-runtime-base"), {
    valid: [
      shipOn("scratch"),
      shipOn("gcr.io/distroless/static-debian12:nonroot"),
      shipOn("debian:12-slim"),
      { code: shipOn("debian:12"), options: [{ allow: ["debian"] }] },
    ],
    invalid: [
      { code: shipOn("golang:1.22"), errors: [{ messageId: "toolchain", line: 3, column: 6, endColumn: 17 }] },
      { code: shipOn("debian:12"), errors: [{ messageId: "fullOs", data: { image: "debian:12", via: "", size: " (~50 MB)", suggestion: "gcr.io/distroless/static-debian12:nonroot", savings: " (about 49 MB smaller)" } }] },
      { code: 'FROM node:20.11\nCMD ["node"]\n', errors: [{ messageId: "runtimeToolchain" }] },
      { code: shipOn("debian:12-slim"), options: [{ slim: "report" }], errors: [{ messageId: "slim" }] },
      // spiffe/spire: busybox has a shell but no package manager; the message says only what is there.
      {
        code: "FROM busybox:1.37\nCOPY broker-client /usr/bin/broker-client\n",
        options: [{ slim: "report" }],
        errors: [{ message: "The final stage runs on 'busybox:1.37', which still has a shell. Copy the app into 'gcr.io/distroless/base-debian12:nonroot'." }],
      },
    ],
  });
});
