import { describe } from "vitest";
import { dockerRuleTester, rule as pluginRule } from "./tester.js";

const B = "FROM golang:1.22 AS build\nWORKDIR /src\n";

describe("go-build-release-flags", () => {
  dockerRuleTester().run("go-build-release-flags", pluginRule("go-build-release-flags"), {
    valid: [
      `${B}RUN go build -trimpath -ldflags="-s -w" -o /out/app .\n`,
      // Flags only the shell knows at build time (moby/buildkit's Dockerfile): nothing to say.
      `${B}RUN go build -trimpath -ldflags "$(cat /tmp/.ldflags)" -o /out/app .\n`,
      `${B}RUN go build $BUILD_FLAGS -o /out/app .\n`,
      `${B}RUN go build -trimpath -ldflags "-w -s -X main.version=1" -o /out/app .\n`,
      `${B}ENV GOFLAGS=-trimpath\nRUN go install -ldflags='-s -w' ./cmd/app\n`,
      // Debug builds keep symbols.
      `${B}RUN go build -trimpath -gcflags="all=-N -l" -o /out/app .\n`,
      // Tools installed for the build.
      `${B}RUN go install github.com/onsi/ginkgo/v2/ginkgo@v2.17.1\n`,
      // go run builds nothing that ships.
      `${B}RUN go run ./gen\n`,
      { code: `${B}RUN go build -o /out/app .\n`, options: [{ trimpath: false, strip: false }] },
    ],
    invalid: [
      {
        code: `${B}RUN go build -ldflags="-s -w" -o /out/app .\n`,
        errors: [
          {
            messageId: "noTrimpath",
            data: { subcommand: "build", workdir: "/src" },
            line: 3,
            suggestions: [{ messageId: "addFlag", data: { flag: "-trimpath", subcommand: "build" }, output: `${B}RUN go build -trimpath -ldflags="-s -w" -o /out/app .\n` }],
          },
        ],
      },
      {
        code: `${B}RUN CGO_ENABLED=0 go build -trimpath -o /out/app .\n`,
        errors: [
          {
            messageId: "noStrip",
            data: { subcommand: "build", current: "" },
            suggestions: [{ messageId: "addFlag", data: { flag: '-ldflags="-s -w"', subcommand: "build" }, output: `${B}RUN CGO_ENABLED=0 go build -ldflags="-s -w" -trimpath -o /out/app .\n` }],
          },
        ],
      },
      // GOFLAGS can't carry "-s -w" (no spaces; the last -ldflags wins).
      {
        code: `${B}ENV GOFLAGS="-trimpath -ldflags=-s -ldflags=-w"\nRUN go build -o /out/app .\n`,
        errors: [{ messageId: "noStrip", data: { subcommand: "build", current: " (-ldflags is '-w')" }, suggestions: [] }],
      },
      // -ldflags without -s -w: no suggestion (merging flags is the author's call).
      {
        code: `${B}RUN go build -trimpath -ldflags="-X main.v=1" -o /out/app .\n`,
        errors: [{ messageId: "noStrip", data: { subcommand: "build", current: " (-ldflags is '-X main.v=1')" }, suggestions: [] }],
      },
      // Two builds in one RUN: reported twice, no suggestion (the insertion point is ambiguous).
      {
        code: `${B}RUN go build -trimpath -ldflags="-s -w" -o /out/a ./a && go build -o /out/b ./b\n`,
        errors: [{ messageId: "noTrimpath", suggestions: [] }, { messageId: "noStrip", suggestions: [] }],
      },
      {
        code: `${B}RUN go install -trimpath ./cmd/app\n`,
        options: [{ trimpath: true, strip: true }],
        errors: [{ messageId: "noStrip", suggestions: [{ messageId: "addFlag", output: `${B}RUN go install -ldflags="-s -w" -trimpath ./cmd/app\n` }] }],
      },
    ],
  });
});
