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
      {
        code: `${F}COPY ./ ./\nRUN go install ./cmd/app\n`,
        errors: [{ messageId: "sourcesFirst" }, { messageId: "noBuildCache", data: { subcommand: "install", gocache: "/root/.cache/go-build" } }],
      },
    ],
  });
});
