import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ids, lintWith } from "../helpers.js";
import { dockerRuleTester, rule as pluginRule } from "./tester.js";

const rule = { "pin-go-install-version": "error" as const };
const SHARED = process.env.DOCKER_LINT_SHARED ?? "/work/shared";
const HADOLINT = path.join(SHARED, "oracles", "hadolint-cases.json");

describe("pin-go-install-version", () => {
  // Through ESLint's RuleTester: each text gets exactly these reports, in order.
  const reported: Array<[string, string[]]> = [
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
  ];
  dockerRuleTester().run("pin-go-install-version: reports", pluginRule("pin-go-install-version"), {
    valid: [],
    invalid: reported.map(([code, expected]) => ({ code, errors: expected.map((messageId) => ({ messageId })) })),
  });

  // Through ESLint's RuleTester: no report for each of these.
  dockerRuleTester().run("pin-go-install-version: accepts", pluginRule("pin-go-install-version"), {
    valid: [
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
    ].flat(),
    invalid: [],
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


describe("pin-go-install-version against hadolint's DL3062 go install / go run cases", () => {
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

// The same rule through ESLint, as editors and `eslint` run it: locations, data, suggestions.
describe("pin-go-install-version through ESLint's RuleTester", () => {
  dockerRuleTester().run("pin-go-install-version", pluginRule("pin-go-install-version"), {
    valid: ["FROM golang:1.22.5-alpine AS build\nRUN go install github.com/x/tool@v1.2.3\n"],
    invalid: [
      { code: "FROM golang:1.22-alpine AS b\nRUN go install github.com/x/tool@latest\n", errors: [{ messageId: "unpinnedGoInstall", line: 2, column: 16, endColumn: 40 }] },
    ],
  });
});

describe("pin-go-install-version: go get, ONBUILD triggers and fragments", () => {
  const only = { "pin-go-install-version": "error" as const };
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
