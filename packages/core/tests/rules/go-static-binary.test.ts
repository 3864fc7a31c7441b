import { describe, expect, it } from "vitest";
import { ids, lintWith } from "../helpers.js";
import { dockerRuleTester, rule as pluginRule } from "./tester.js";

const rule = { "go-static-binary": "error" as const };
const lint = (text: string) => lintWith(text, rule);
const FINAL = "FROM scratch\nCOPY --from=build /app /app\n";

function applySuggestion(text: string): string {
  const [m] = lint(text).messages;
  const fix = m!.suggestions![0]!.fix;
  return text.slice(0, fix.range[0]) + fix.text + text.slice(fix.range[1]);
}

describe("go-static-binary", () => {
  it.each([
    // golang Debian images ship gcc: cgo is on unless disabled.
    ["FROM golang:1.22 AS build\nRUN go build -o /app .\n" + FINAL, ["cgoDefault"]],
    ["FROM golang:1.22-bookworm AS build\nRUN go install ./cmd/app\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build /go/bin/app /app\n", ["cgoDefault"]],
    ["FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM cgr.dev/chainguard/static\nCOPY --from=build /app /app\n", ["cgoDefault"]],
    // Explicitly on.
    ["FROM golang:1.22 AS build\nENV CGO_ENABLED=1\nRUN go build -o /app .\n" + FINAL, ["cgoEnabled"]],
    ["FROM golang:1.22-alpine AS build\nRUN CGO_ENABLED=1 go build -o /app .\n" + FINAL, ["cgoEnabled"]],
    ["FROM golang:1.22 AS build\nRUN export CGO_ENABLED=1 && go build -o /app .\n" + FINAL, ["cgoEnabled"]],
    ["FROM golang:1.22 AS build\nARG CGO_ENABLED=1\nRUN go build -o /app .\n" + FINAL, ["cgoEnabled"]],
    // ENV inherited along FROM <stage>, overridden to 1.
    ["FROM golang:1.22 AS base\nENV CGO_ENABLED=0\nFROM base AS build\nRUN CGO_ENABLED=1 go build -o /app .\n" + FINAL, ["cgoEnabled"]],
    // Alpine has no C compiler, unless the stage installs one.
    ["FROM golang:1.22-alpine AS build\nRUN apk add --no-cache gcc musl-dev\nRUN go build -o /app .\n" + FINAL, ["cgoDefault"]],
    ["FROM golang:1.22-alpine AS base\nRUN apk add build-base\nFROM base AS build\nRUN go build -o /app .\n" + FINAL, ["cgoDefault"]],
    ["FROM golang:1.22-alpine AS build\nENV CC=clang\nRUN go build -o /app .\n" + FINAL, ["cgoDefault"]],
    // Another OS image with gcc installed.
    ["FROM debian:12 AS build\nRUN apt-get install -y gcc golang\nRUN go build -o /app .\n" + FINAL, ["cgoDefault"]],
    // Output followed through an intermediate stage.
    [
      "FROM golang:1.22 AS build\nRUN go build -o /out/app .\nFROM alpine:3.20 AS pack\nCOPY --from=build /out/app /pack/app\nRUN echo\nFROM scratch\nCOPY --from=pack /pack/app /app\n",
      ["cgoDefault"],
    ],
    // A folder copy picks up the output.
    ["FROM golang:1.22 AS build\nRUN go build -o /out/app .\nFROM scratch\nCOPY --from=build /out/ /\n", ["cgoDefault"]],
    ["FROM golang:1.22 AS build\nRUN go build -o /out/app .\nFROM scratch\nCOPY --from=build /out/* /\n", ["cgoDefault"]],
    // Two builds copied, one fine.
    [
      "FROM golang:1.22 AS build\nRUN CGO_ENABLED=0 go build -o /a ./a && go build -o /b ./b\nFROM scratch\nCOPY --from=build /a /a\nCOPY --from=build /b /b\n",
      ["cgoDefault"],
    ],
    // Relative output resolved against WORKDIR.
    ["FROM golang:1.22 AS build\nWORKDIR /src\nRUN go build -o app .\nFROM scratch\nCOPY --from=build /src/app /app\n", ["cgoDefault"]],
    // Heredoc body.
    ["FROM golang:1.22 AS build\nRUN <<EOF\nexport CGO_ENABLED=1\ngo build -o /app .\nEOF\n" + FINAL, ["cgoEnabled"]],
    // tonistiigi/xx's go wrapper.
    ["FROM golang:1.22 AS build\nRUN xx-go build -o /app .\n" + FINAL, ["cgoDefault"]],
    // Numeric stage reference.
    ["FROM golang:1.22\nRUN go build -o /app .\nFROM scratch\nCOPY --from=0 /app /app\n", ["cgoDefault"]],
  ])("reports %j", (text, expected) => {
    expect(ids(lint(text).messages)).toEqual(expected);
  });

  // Through ESLint's RuleTester: no report for each of these.
  dockerRuleTester().run("go-static-binary: accepts", pluginRule("go-static-binary"), {
    valid: [
    ["FROM golang:1.22 AS build\nENV CGO_ENABLED=0\nRUN go build -o /app .\n" + FINAL],
    ["FROM golang:1.22 AS build\nRUN CGO_ENABLED=0 go build -o /app .\n" + FINAL],
    ["FROM golang:1.22 AS build\nRUN CGO_ENABLED=0 GOOS=linux go build -o /app .\n" + FINAL],
    ["FROM golang:1.22 AS build\nRUN env CGO_ENABLED=0 go build -o /app .\n" + FINAL],
    ["FROM golang:1.22 AS build\nARG CGO_ENABLED=0\nRUN go build -o /app .\n" + FINAL],
    ["ARG CGO_ENABLED=0\nFROM golang:1.22 AS build\nARG CGO_ENABLED\nRUN go build -o /app .\n" + FINAL],
    ["FROM golang:1.22 AS build\nRUN export CGO_ENABLED=0 && go build -o /app .\n" + FINAL],
    ["FROM golang:1.22 AS build\nRUN export CGO_ENABLED=0; \\\n    go build -o /app .\n" + FINAL],
    ['FROM golang:1.22 AS build\nRUN ["sh", "-c", "CGO_ENABLED=0 go build -o /app ."]\n' + FINAL],
    ["FROM golang:1.22 AS build\nRUN <<EOF\nexport CGO_ENABLED=0\ngo build -o /app .\nEOF\n" + FINAL],
    // ENV inherited along FROM <stage>.
    ["FROM golang:1.22 AS base\nENV CGO_ENABLED=0\nFROM base AS build\nRUN go build -o /app .\n" + FINAL],
    // Alpine with no C compiler builds static anyway.
    ["FROM golang:1.22-alpine AS build\nRUN go build -o /app .\n" + FINAL],
    ["FROM golang:1.22-alpine AS build\nRUN apk add --no-cache git ca-certificates\nRUN go build -o /app .\n" + FINAL],
    // cgo, but linked statically.
    ["FROM golang:1.22 AS build\nRUN CGO_ENABLED=1 go build -ldflags '-linkmode external -extldflags \"-static\"' -o /app .\n" + FINAL],
    ["FROM golang:1.22 AS build\nRUN go build -ldflags=\"-s -w -linkmode=external -extldflags=-static\" -o /app .\n" + FINAL],
    ["FROM golang:1.22 AS build\nENV GOFLAGS=\"-ldflags=-linkmode=external -ldflags=-extldflags=-static\"\nRUN go build -o /app .\n" + FINAL],
    // The final base has libc.
    ["FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM gcr.io/distroless/base-debian12\nCOPY --from=build /app /app\n"],
    ["FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM debian:12-slim\nCOPY --from=build /app /app\n"],
    ["FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM my.registry/base:1\nCOPY --from=build /app /app\n"],
    // The cgo build's output is not copied to the final stage.
    ["FROM golang:1.22 AS build\nRUN go install github.com/a/tool@v1.0.0\nRUN CGO_ENABLED=0 go build -o /app .\n" + FINAL],
    ["FROM golang:1.22 AS tool\nRUN go build -o /tool ./tool\nFROM golang:1.22 AS build\nRUN CGO_ENABLED=0 go build -o /app .\n" + FINAL],
    // `go run` produces no binary; `go build ./...` writes nothing.
    ["FROM golang:1.22 AS build\nRUN go run ./gen && go build ./... && CGO_ENABLED=0 go build -o /app .\n" + FINAL],
    // CGO_ENABLED from a build arg with no default: the build decides.
    ["FROM golang:1.22 AS build\nARG CGO\nRUN CGO_ENABLED=$CGO go build -o /app .\n" + FINAL],
    // Unknown builder image without a known C compiler.
    ["FROM my.registry/go-builder:1 AS build\nRUN go build -o /app .\n" + FINAL],
    ].flat(),
    invalid: [],
  });

  it("points at the go build command", () => {
    const [m] = lint("FROM golang:1.22 AS build\nRUN apk add x && \\\n    go   build -o /app .\n" + FINAL).messages;
    expect(m).toMatchObject({ messageId: "cgoDefault", line: 3, column: 5, endLine: 3, endColumn: 15 });
    expect(m!.message).toBe(
      "'go build' runs in 'golang:1.22', which has a C compiler, so cgo is on unless CGO_ENABLED=0; its binary ends up in 'scratch', which has no C library, and fails to start if it links libc (net, os/user do). Set CGO_ENABLED=0 for this build.",
    );
  });

  it("suggests CGO_ENABLED=0 before go build", () => {
    expect(applySuggestion("FROM golang:1.22 AS build\nRUN GOOS=linux go build -o /app .\n" + FINAL)).toBe(
      "FROM golang:1.22 AS build\nRUN GOOS=linux CGO_ENABLED=0 go build -o /app .\n" + FINAL,
    );
    expect(applySuggestion("FROM golang:1.22 AS build\nRUN xx-go build -o /app .\n" + FINAL)).toBe(
      "FROM golang:1.22 AS build\nRUN CGO_ENABLED=0 xx-go build -o /app .\n" + FINAL,
    );
    expect(applySuggestion("FROM golang:1.22 AS build\nRUN go mod download && /usr/local/go/bin/go build -o /app .\n" + FINAL)).toBe(
      "FROM golang:1.22 AS build\nRUN go mod download && CGO_ENABLED=0 /usr/local/go/bin/go build -o /app .\n" + FINAL,
    );
  });

  it("suggests the right command when a RUN has several go commands", () => {
    const text = "FROM golang:1.22 AS build\nRUN go run ./gen && CGO_ENABLED=0 go build -o /a ./a && go build -o /b ./b\nFROM scratch\nCOPY --from=build /a /b /\n";
    expect(applySuggestion(text)).toBe(
      "FROM golang:1.22 AS build\nRUN go run ./gen && CGO_ENABLED=0 go build -o /a ./a && CGO_ENABLED=0 go build -o /b ./b\nFROM scratch\nCOPY --from=build /a /b /\n",
    );
  });

  it("rewrites an inline CGO_ENABLED=1, even across a line continuation", () => {
    expect(applySuggestion("FROM golang:1.22 AS build\nRUN CGO_ENABLED=1 \\\n  go build -o /app .\n" + FINAL)).toBe(
      "FROM golang:1.22 AS build\nRUN CGO_ENABLED=0 \\\n  go build -o /app .\n" + FINAL,
    );
  });

  it("names the value and the final image for CGO_ENABLED=1", () => {
    const [m] = lint("FROM golang:1.22 AS build\nENV CGO_ENABLED=1\nRUN go build -o /app .\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /app /app\n").messages;
    expect(m!.message).toContain("runs with CGO_ENABLED=1, but its binary ends up in 'gcr.io/distroless/static-debian12:nonroot', which has no C library");
  });

  it("reports at the RUN without a suggestion for exec-form go build", () => {
    const [m] = lint('FROM golang:1.22 AS build\nRUN ["go", "build", "-o", "/app", "."]\n' + FINAL).messages;
    expect(m).toMatchObject({ messageId: "cgoDefault", line: 2, column: 1 });
    expect(m!.suggestions ?? []).toEqual([]);
  });
});

// The same rule through ESLint, as editors and `eslint` run it: locations, data, suggestions.
describe("go-static-binary through ESLint's RuleTester", () => {
  const FINAL = "FROM scratch\nCOPY --from=build /app /app\n";

  dockerRuleTester().run("go-static-binary", pluginRule("go-static-binary"), {
    valid: [
      `FROM golang:1.22 AS build\nRUN CGO_ENABLED=0 go build -o /app .\n${FINAL}`,
      `FROM golang:1.22 AS build\nENV CGO_ENABLED=0\nRUN go build -o /app .\n${FINAL}`,
      // Alpine's golang image has no C compiler, so cgo is off by default.
      `FROM golang:1.22-alpine AS build\nRUN go build -o /app .\n${FINAL}`,
      // A base with a C library runs a cgo binary.
      "FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM gcr.io/distroless/base-debian12\nCOPY --from=build /app /app\n",
    ],
    invalid: [
      {
        code: `FROM golang:1.22 AS build\nRUN go build -o /app .\n${FINAL}`,
        errors: [
          {
            messageId: "cgoDefault",
            line: 2,
            column: 5,
            endColumn: 13,
            suggestions: [{ messageId: "disableCgo", output: `FROM golang:1.22 AS build\nRUN CGO_ENABLED=0 go build -o /app .\n${FINAL}` }],
          },
        ],
      },
      {
        code: `FROM golang:1.22-alpine AS build\nRUN CGO_ENABLED=1 go build -o /app .\n${FINAL}`,
        errors: [{ messageId: "cgoEnabled", suggestions: [{ messageId: "disableCgo", output: `FROM golang:1.22-alpine AS build\nRUN CGO_ENABLED=0 go build -o /app .\n${FINAL}` }] }],
      },
      {
        // ENV turns cgo on for the stage; the suggestion overrides it for this command only.
        code: `FROM golang:1.22 AS build\nENV CGO_ENABLED=1\nRUN go build -o /app .\n${FINAL}`,
        errors: [
          {
            messageId: "cgoEnabled",
            line: 3,
            suggestions: [{ messageId: "disableCgo", output: `FROM golang:1.22 AS build\nENV CGO_ENABLED=1\nRUN CGO_ENABLED=0 go build -o /app .\n${FINAL}` }],
          },
        ],
      },
    ],
  });
});
