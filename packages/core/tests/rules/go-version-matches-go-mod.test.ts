import { describe, expect, it } from "vitest";
import { ids, lintWith } from "../helpers.js";
import { dockerRuleTester, rule as pluginRule } from "./tester.js";

const rule = { "go-version-matches-go-mod": "error" as const };
const GO_122_3 = "module example.com/app\n\ngo 1.22.3\n";
const GO_121_TOOLCHAIN_123 = "module example.com/app\n\ngo 1.21.0\n\ntoolchain go1.23.1\n";
const lint = (text: string, goMod: string | false = GO_122_3) => lintWith(text, rule, { goMod });

function applySuggestion(text: string, goMod: string): string {
  const [m] = lint(text, goMod).messages;
  const fix = m!.suggestions![0]!.fix;
  return text.slice(0, fix.range[0]) + fix.text + text.slice(fix.range[1]);
}

describe("go-version-matches-go-mod", () => {
  it.each([
    ["FROM golang:1.21 AS build\nRUN go build -o /app .\n", GO_122_3, "olderThanGo"],
    ["FROM golang:1.22.1-alpine AS build\nRUN go build -o /app .\n", GO_122_3, "olderThanGo"],
    ["FROM golang:1.21.13-bookworm AS build\nRUN go install ./cmd/app\n", GO_122_3, "olderThanGo"],
    ["FROM docker.io/library/golang:1.20 AS build\nRUN CGO_ENABLED=0 go build ./...\n", GO_122_3, "olderThanGoLegacy"],
    ["ARG GO_VERSION=1.21\nFROM golang:${GO_VERSION}-alpine AS build\nRUN go build -o /app .\n", GO_122_3, "olderThanGo"],
    // The builder is the root of a FROM <stage> chain.
    ["FROM golang:1.21 AS base\nFROM base AS build\nRUN go build -o /app .\n", GO_122_3, "olderThanGo"],
    // `go run` compiles the module too.
    ["FROM golang:1.21 AS gen\nRUN go run ./tools/gen\n", GO_122_3, "olderThanGo"],
    // Every go command in the module fails, not only builds; Makefiles of Go projects run go.
    ["FROM golang:1.21 AS deps\nCOPY go.mod go.sum ./\nRUN go mod download\n", GO_122_3, "olderThanGo"],
    ["FROM golang:1.21 AS test\nRUN go test ./...\n", GO_122_3, "olderThanGo"],
    ["FROM golang:1.21.0 AS builder\nCOPY . /src\nWORKDIR /src\nRUN GOPROXY=https://goproxy.cn make build\n", GO_122_3, "olderThanGo"],
    // Go before 1.21 has no GOTOOLCHAIN and treats the go line as advisory.
    ["FROM golang:1.19 AS builder\nCOPY . /src\nWORKDIR /src\nRUN GOPROXY=https://goproxy.cn make build\n", GO_122_3, "olderThanGoLegacy"],
    // An export before the command is what the command sees.
    ["FROM golang:1.21 AS build\nRUN export GOTOOLCHAIN=local && go build -o /app .\n", GO_122_3, "olderThanGo"],
    // go line satisfied, toolchain line not.
    ["FROM golang:1.21.5 AS build\nRUN go build -o /app .\n", GO_121_TOOLCHAIN_123, "olderThanToolchain"],
    ["FROM golang:1.22 AS build\nRUN go build -o /app .\n", GO_121_TOOLCHAIN_123, "olderThanToolchain"],
    // GOTOOLCHAIN=local (the image default) written out changes nothing.
    ["FROM golang:1.21 AS build\nENV GOTOOLCHAIN=local\nRUN go build -o /app .\n", GO_122_3, "olderThanGo"],
    ["FROM golang:1.21rc2 AS build\nRUN go build -o /app .\n", "go 1.21.0\n", "olderThanGo"],
  ])("reports %j", (text, goMod, messageId) => {
    expect(ids(lint(text, goMod).messages)).toEqual([messageId]);
  });

  it.each([
    ["FROM golang:1.22.3 AS build\nRUN go build -o /app .\n", GO_122_3],
    ["FROM golang:1.22.5-alpine3.20 AS build\nRUN go build -o /app .\n", GO_122_3],
    // A newer image is fine.
    ["FROM golang:1.23 AS build\nRUN go build -o /app .\n", GO_122_3],
    // Minor-only tags float to the newest patch: compared on the minor.
    ["FROM golang:1.22 AS build\nRUN go build -o /app .\n", GO_122_3],
    ["FROM golang:1.23-alpine AS build\nRUN go build -o /app .\n", GO_121_TOOLCHAIN_123],
    ["FROM golang:1.23.1 AS build\nRUN go build -o /app .\n", GO_121_TOOLCHAIN_123],
    // No go.mod known.
    ["FROM golang:1.18 AS build\nRUN go build -o /app .\n", false],
    // Version from an ARG with no default: the build decides.
    ["ARG GO_VERSION\nFROM golang:${GO_VERSION} AS build\nRUN go build -o /app .\n", GO_122_3],
    // Floating and major-only tags carry no version to compare.
    ["FROM golang:alpine AS build\nRUN go build -o /app .\n", GO_122_3],
    ["FROM golang:1 AS build\nRUN go build -o /app .\n", GO_122_3],
    // GOTOOLCHAIN lets Go download the toolchain go.mod asks for.
    ["FROM golang:1.21 AS build\nENV GOTOOLCHAIN=auto\nRUN go build -o /app .\n", GO_122_3],
    ["FROM golang:1.21 AS build\nRUN GOTOOLCHAIN=go1.22.3 go build -o /app .\n", GO_122_3],
    ["FROM golang:1.21 AS build\nARG GOTOOLCHAIN=go1.22.3+auto\nRUN go build -o /app .\n", GO_122_3],
    // No go command in the stage: an old golang image used for something else.
    ["FROM golang:1.18 AS tools\nRUN echo hi\n", GO_122_3],
    ["FROM golang:1.18 AS tools\nRUN go version && go env GOPATH\n", GO_122_3],
    ["FROM golang:1.21 AS build\nRUN export GOTOOLCHAIN=auto && go build -o /app .\n", GO_122_3],
    // `go install pkg@version` builds outside the go.mod's module.
    ["FROM golang:1.21 AS tools\nRUN go install github.com/go-delve/delve/cmd/dlv@v1.22.0\n", GO_122_3],
    ["FROM golang:1.21 AS gen\nRUN go run github.com/a/gen@v1.0.0 -out x\n", GO_122_3],
    // Not a golang image (Go installed another way).
    ["FROM debian:12 AS build\nRUN go build -o /app .\n", GO_122_3],
    // go.mod without go or toolchain line.
    ["FROM golang:1.10 AS build\nRUN go build -o /app .\n", "module example.com/app\n"],
  ])("accepts %j", (text, goMod) => {
    expect(lint(text, goMod).messages).toEqual([]);
  });

  it("names the go.mod path, line and the failure", () => {
    const [m] = lint("FROM   golang:1.21-alpine AS build\nRUN go build -o /app .\n").messages;
    expect(m).toMatchObject({ messageId: "olderThanGo", line: 1, column: 8, endLine: 1, endColumn: 26 });
    expect(m!.message).toBe(
      "Builder image 'golang:1.21-alpine' has Go 1.21, but go.mod:3 says 'go 1.22.3': golang images set GOTOOLCHAIN=local, so the build fails with \"go.mod requires go >= 1.22.3\". Use golang 1.22.3 or newer.",
    );
  });

  it("explains the pre-1.21 behaviour for old images", () => {
    const [m] = lint("FROM golang:1.19 AS build\nRUN go build -o /app .\n").messages;
    expect(m!.message).toBe(
      "Builder image 'golang:1.19' has Go 1.19, older than go.mod:3 ('go 1.22.3'): Go before 1.21 treats that line as advisory and fails on newer language and library features (or rejects the go.mod outright). Use golang 1.22.3 or newer.",
    );
  });

  it("names the toolchain line", () => {
    const [m] = lint("FROM golang:1.22 AS build\nRUN go build -o /app .\n", GO_121_TOOLCHAIN_123).messages;
    expect(m!.message).toContain("go.mod:5 says 'toolchain go1.23.1'");
  });

  it("reports one builder used by several stages once", () => {
    const text = "FROM golang:1.21 AS base\nRUN go build -o /a ./a\nFROM base AS b\nRUN go build -o /b ./b\n";
    expect(ids(lint(text).messages)).toEqual(["olderThanGo"]);
  });

  it("reports each builder image that is too old", () => {
    const text = "FROM golang:1.21 AS a\nRUN go build -o /a .\nFROM golang:1.20-alpine AS b\nRUN go build -o /b .\nFROM golang:1.22 AS c\nRUN go build -o /c .\n";
    expect(lint(text).messages.map((m) => m.line)).toEqual([1, 3]);
  });

  it("suggests the go.mod version in the tag, keeping the variant", () => {
    expect(applySuggestion("FROM golang:1.21-alpine AS build\nRUN go build -o /app .\n", GO_122_3)).toBe(
      "FROM golang:1.22.3-alpine AS build\nRUN go build -o /app .\n",
    );
    expect(applySuggestion("FROM golang:1.21.13-bookworm AS build\nRUN go build .\n", GO_122_3)).toBe("FROM golang:1.22.3-bookworm AS build\nRUN go build .\n");
  });

  it("suggests the newer of go and toolchain", () => {
    expect(applySuggestion("FROM golang:1.21.5 AS build\nRUN go build .\n", GO_121_TOOLCHAIN_123)).toBe("FROM golang:1.23.1 AS build\nRUN go build .\n");
  });

  it("edits the ARG default when the tag comes from it", () => {
    const text = 'ARG GO_VERSION="1.21"\nARG OTHER=1.21\nFROM golang:${GO_VERSION}-alpine AS build\nRUN go build -o /app .\n';
    const [m] = lint(text).messages;
    expect(m!.suggestions![0]!.desc).toBe("Set the Go version to 1.22.3 (default of ARG GO_VERSION on line 1).");
    expect(applySuggestion(text, GO_122_3)).toBe('ARG GO_VERSION="1.22.3"\nARG OTHER=1.21\nFROM golang:${GO_VERSION}-alpine AS build\nRUN go build -o /app .\n');
  });

  it("follows ARGs that name the whole image", () => {
    const text = "ARG GO=1.20\nARG BUILDER=golang:${GO}-bookworm\nFROM ${BUILDER} AS build\nRUN go build .\n";
    expect(applySuggestion(text, GO_122_3)).toBe("ARG GO=1.22.3\nARG BUILDER=golang:${GO}-bookworm\nFROM ${BUILDER} AS build\nRUN go build .\n");
  });

  it("offers no suggestion for a digest-pinned image (the digest must change too)", () => {
    const text = `FROM golang:1.21@sha256:${"a".repeat(64)} AS build\nRUN go build .\n`;
    const [m] = lint(text).messages;
    expect(m!.messageId).toBe("olderThanGo");
    expect(m!.suggestions ?? []).toEqual([]);
  });
});

// The same rule through ESLint, as editors and `eslint` run it: locations, data, suggestions.
describe("go-version-matches-go-mod through ESLint's RuleTester", () => {
  /** The rule reads go.mod; the language takes its text through languageOptions (as editors with unsaved buffers do). */
  const goMod = (text: string) => ({ languageOptions: { goMod: text } });
  const GO_1_23 = "module example.com/app\n\ngo 1.23.0\n";

  dockerRuleTester().run("go-version-matches-go-mod", pluginRule("go-version-matches-go-mod"), {
    valid: [
      { code: "FROM golang:1.23-alpine AS build\nRUN go build -o /app .\n", ...goMod(GO_1_23) },
      { code: "FROM golang:1.24.1 AS build\nRUN go build -o /app .\n", ...goMod(GO_1_23) },
      // No go.mod: nothing to compare with.
      "FROM golang:1.21 AS build\nRUN go build -o /app .\n",
    ],
    invalid: [
      {
        code: "FROM golang:1.21 AS build\nRUN go build -o /app .\n",
        ...goMod(GO_1_23),
        errors: [
          {
            messageId: "olderThanGo",
            line: 1,
            column: 6,
            endColumn: 17,
            suggestions: [{ messageId: "setVersion", output: "FROM golang:1.23.0 AS build\nRUN go build -o /app .\n" }],
          },
        ],
      },
      {
        // The fix goes where the version comes from: the ARG default.
        code: "ARG GO_VERSION=1.21\nFROM golang:${GO_VERSION} AS build\nRUN go build -o /app .\n",
        ...goMod(GO_1_23),
        errors: [{ messageId: "olderThanGo", line: 2, suggestions: [{ messageId: "setVersion", output: "ARG GO_VERSION=1.23.0\nFROM golang:${GO_VERSION} AS build\nRUN go build -o /app .\n" }] }],
      },
      {
        code: "FROM golang:1.22 AS build\nRUN go build -o /app .\n",
        ...goMod("module example.com/app\n\ngo 1.21\ntoolchain go1.23.2\n"),
        errors: [{ messageId: "olderThanToolchain", suggestions: [{ messageId: "setVersion", output: "FROM golang:1.23.2 AS build\nRUN go build -o /app .\n" }] }],
      },
    ],
  });
});
