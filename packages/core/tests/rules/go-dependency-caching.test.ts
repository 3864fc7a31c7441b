import { describe } from "vitest";
import { dockerRuleTester, rule as pluginRule } from "./tester.js";

const F = "FROM golang:1.22 AS build\nWORKDIR /src\n";
const CACHE = "--mount=type=cache,target=/root/.cache/go-build";
const MOD = "--mount=type=cache,target=/go/pkg/mod";

describe("go-dependency-caching", () => {
  dockerRuleTester().run("go-dependency-caching", pluginRule("go-dependency-caching"), {
    valid: [
      `${F}COPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\nRUN ${CACHE} go build -o /out/app .\n`,
      // The module cache mounted on every go command: order no longer matters.
      `${F}COPY . .\nRUN ${MOD} ${CACHE} go build -o /out/app .\n`,
      `${F}ENV GOCACHE=/cache\nCOPY go.* ./\nRUN go mod download\nCOPY . .\nRUN --mount=type=cache,target=/cache/ go build -o /out/app .\n`,
      // A cache at a parent folder holds the build cache.
      `${F}COPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\nRUN --mount=target=/root/.cache,type=cache go build -o /out/app .\n`,
      { code: `${F}COPY . .\nRUN go build -o /out/app .\n`, options: [{ layerOrder: false, cacheMounts: false }] },
      // No go build in the stage.
      `${F}COPY . .\nRUN go vet ./...\n`,
      // moby/buildkit: the cache mounts continue onto the heredoc's opening line.
      `${F}RUN --mount=target=/root/.cache,type=cache\\\n    --mount=target=/go/pkg/mod,type=cache <<EOT\n  set -ex\n  go install github.com/go-delve/delve/cmd/dlv@v1.25.0\nEOT\n`,
    ],
    invalid: [
      {
        code: `${F}COPY . .\nRUN go mod download\nRUN ${CACHE} go build -o /out/app .\n`,
        errors: [{ messageId: "sourcesFirst", data: { modcache: "/go/pkg/mod" }, line: 3, column: 1 }],
      },
      { code: `${F}COPY . .\nRUN ${CACHE} go build -o /out/app .\n`, errors: [{ messageId: "sourcesFirst", data: { modcache: "/go/pkg/mod" } }] },
      {
        code: `${F}COPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\nRUN go build -o /out/app .\n`,
        errors: [{ messageId: "noBuildCache", data: { subcommand: "build", gocache: "/root/.cache/go-build" }, line: 6 }],
      },
      // argoproj/argo-cd: three go installs in one RUN need one mount, so one finding.
      {
        code: `${F}RUN ./install.sh helm && \\\n    go install github.com/mattn/goreman@latest && \\\n    go install github.com/kisielk/godepgraph@latest && \\\n    rm -rf /tmp/dl\n`,
        errors: [{ messageId: "noBuildCache", data: { subcommand: "install", gocache: "/root/.cache/go-build" }, line: 3 }],
      },
      // zeromicro/go-zero: a tool installed first, the sources copied before go mod download later.
      {
        code: "FROM golang:1.22 AS builder\nRUN go install google.golang.org/protobuf/cmd/protoc-gen-go@latest\nWORKDIR /build\nCOPY . .\nRUN go mod download\nRUN go build -o /app/goctl ./goctl.go\n",
        errors: [
          { messageId: "noBuildCache", line: 2 },
          { messageId: "sourcesFirst", line: 4 },
          { messageId: "noBuildCache", line: 6 },
        ],
      },
      {
        code: `${F}COPY ./ ./\nRUN go install ./cmd/app\n`,
        errors: [{ messageId: "sourcesFirst" }, { messageId: "noBuildCache", data: { subcommand: "install", gocache: "/root/.cache/go-build" } }],
      },
    ],
  });
});
