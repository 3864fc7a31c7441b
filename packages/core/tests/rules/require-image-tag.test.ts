import { describe, expect, it } from "vitest";
import { lintWith } from "../helpers.js";
import { dockerRuleTester, rule as pluginRule } from "./tester.js";

const rule = { "require-image-tag": "error" as const };

describe("require-image-tag", () => {
  // Through ESLint's RuleTester: each text gets exactly these reports, in order.
  const reported: Array<[string, string[]]> = [
    ["FROM debian AS build\nFROM scratch\n", ["missingTag"]],
    ["FROM alpine:latest\n", ["latestTag"]],
    ["FROM docker.io/library/debian:latest AS x\n", ["latestTag"]],
    ["ARG BASE=debian\nFROM ${BASE}\n", ["missingTag"]],
    ["FROM golang:1.22 AS b\nCOPY --from=gcr.io/distroless/static /etc/passwd /etc/passwd\n", ["missingTag"]],
    ["FROM golang:1.22 AS b\nCOPY --from=alpine:latest /etc/ssl/certs /etc/ssl/certs\n", ["latestTag"]],
    ["FROM golang:1.22 AS b\nRUN --mount=type=bind,from=docker.io/tonistiigi/xx,source=/,target=/xx ls\n", ["missingTag"]],
    ["FROM \\\n# the base\n  alpine AS b\n", ["missingTag"]],
  ];
  dockerRuleTester().run("require-image-tag: reports", pluginRule("require-image-tag"), {
    valid: [],
    invalid: reported.map(([code, expected]) => ({ code, errors: expected.map((messageId) => ({ messageId })) })),
  });

  // Through ESLint's RuleTester: no report for each of these.
  dockerRuleTester().run("require-image-tag: accepts", pluginRule("require-image-tag"), {
    valid: [
    "FROM golang:1.22 AS build\nFROM build\n",
    "FROM scratch\n",
    "FROM alpine@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n",
    "FROM alpine:latest@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n",
    "ARG BASE\nFROM ${BASE}\n",
    "FROM gcr.io/distroless/static-debian12:nonroot\n",
    // Stage references and bare names are valid-copy-from's concern.
    "FROM golang:1.22 AS build\nFROM scratch\nCOPY --from=build /app /app\n",
    "FROM golang:1.22 AS b\nCOPY --from=tonistiigi/xx:1.6.1 / /\n",
    "FROM golang:1.22 AS b\nRUN --mount=type=cache,target=/root/.cache/go-build go build .\n",
    "FROM golang:1.22 AS b\nFROM b\nRUN --mount=from=b,target=/src ls\n",
    ].flat(),
    invalid: [],
  });

  it("leaves toolchain images to no-unpinned-toolchain: one finding per `latest`", () => {
    const both = { ...rule, "no-unpinned-toolchain": "error" as const };
    for (const text of ["FROM golang:latest AS build\nFROM scratch\n", "FROM golang AS build\nFROM scratch\n", "FROM node:latest\n"]) {
      const r = lintWith(text, both);
      expect(r.messages.map((m) => m.ruleId)).toEqual(["@docker-lint/no-unpinned-toolchain"]);
    }
    // Images pulled by COPY --from are still this rule's.
    expect(lintWith("FROM golang:1.22 AS b\nCOPY --from=golang:latest /usr/local/go /go\n", rule).messages).toHaveLength(1);
  });

  it("honours the allow option", () => {
    const r = lintWith("FROM my-registry.local/base\n", { "require-image-tag": ["error", { allow: ["my-registry.local/*"] }] });
    expect(r.messages).toEqual([]);
  });

  it("points at the image reference", () => {
    const [m] = lintWith("FROM   alpine AS b\n", rule).messages;
    expect(m).toMatchObject({ line: 1, column: 8, endLine: 1, endColumn: 14, severity: 2 });
  });
});

describe("require-image-tag locations", () => {
  it("points at the --from flag of a COPY from an untagged image", () => {
    const [m] = lintWith("FROM golang:1.22 AS b\nCOPY --from=gcr.io/x/y /a /a\n", rule).messages;
    expect(m).toMatchObject({ line: 2, column: 6, endLine: 2, endColumn: 23 });
  });
});

// The same rule through ESLint, as editors and `eslint` run it: locations, data, suggestions.
describe("require-image-tag through ESLint's RuleTester", () => {
  dockerRuleTester().run("require-image-tag", pluginRule("require-image-tag"), {
    valid: [
      "FROM golang:1.22 AS build\nFROM build\n",
      "FROM scratch\n",
      "FROM alpine@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n",
      "ARG BASE\nFROM ${BASE}\n",
      { code: "FROM my-registry.local/base\n", options: [{ allow: ["my-registry.local/*"] }] },
    ],
    invalid: [
      {
        code: "FROM   alpine AS build\nFROM scratch\n",
        errors: [{ messageId: "missingTag", data: { image: "alpine" }, line: 1, column: 8, endLine: 1, endColumn: 14 }],
      },
      { code: "FROM alpine:latest\n", errors: [{ messageId: "latestTag", line: 1, column: 6 }] },
      { code: "ARG BASE=debian\nFROM ${BASE}\n", errors: [{ messageId: "missingTag", data: { image: "debian" } }] },
      {
        code: "FROM my-registry.local/base\nFROM other.local/base\n",
        options: [{ allow: ["my-registry.local/*"] }],
        errors: [{ messageId: "missingTag", line: 2 }],
      },
    ],
  });
});
