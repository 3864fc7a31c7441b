import { dockerRuleTester, rule } from "./tester.js";

dockerRuleTester().run("valid-base-image-platform", rule("valid-base-image-platform"), {
  valid: [
    "FROM --platform=linux/amd64 alpine:3.20\n",
    "FROM --platform=linux/arm/v7 debian:12-slim\n",
    "FROM --platform=arm64 alpine:3.20\n",
    "FROM --platform=$BUILDPLATFORM golang:1.22.3 AS build\n",
    // golang publishes Windows variants under the same tags: the table cannot tell.
    "FROM --platform=windows/amd64 golang:1.22.3\n",
    "FROM --platform=windows/amd64 mcr.microsoft.com/windows/nanoserver:ltsc2022\n",
    "FROM --platform=linux/x86_64 myorg/app:1.0\n",
    // A stage built FROM another stage: its platform is checked where the image is named.
    "FROM alpine:3.20 AS base\nFROM --platform=linux/amd64 base\n",
  ],
  invalid: [
    { code: "FROM --platform=linux/amd64 mcr.microsoft.com/windows/servercore:ltsc2022\n", errors: [{ messageId: "osMismatch", line: 1, column: 6, data: { image: "mcr.microsoft.com/windows/servercore:ltsc2022", imageOs: "windows", os: "linux", platform: "linux/amd64" } }] },
    { code: "FROM --platform=windows/amd64 gcr.io/distroless/static-debian12:nonroot\n", errors: [{ messageId: "osMismatch", data: { image: "gcr.io/distroless/static-debian12:nonroot", imageOs: "linux", os: "windows", platform: "windows/amd64" } }] },
    { code: "FROM --platform=\"windows\" alpine:3.20\n", errors: [{ messageId: "osMismatch" }] },
    { code: "FROM --platform=linx/amd64 alpine:3.20\n", errors: [{ messageId: "unknownOs", data: { value: "linx", platform: "linx/amd64" } }] },
    { code: "FROM --platform=linux/amd46 alpine:3.20\n", errors: [{ messageId: "unknownArch", data: { value: "amd46", platform: "linux/amd46" } }] },
    { code: "FROM --platform=amd46 alpine:3.20\n", errors: [{ messageId: "unknownOs" }] },
    { code: "FROM --platform=linux//amd64 alpine:3.20\n", errors: [{ messageId: "badFormat" }] },
  ],
});
