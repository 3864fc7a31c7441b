import { describe } from "vitest";
import { dockerRuleTester, rule as pluginRule } from "./tester.js";

const X = "FROM --platform=$BUILDPLATFORM golang:1.22 AS build\nWORKDIR /src\n";

describe("go-cross-build-target", () => {
  dockerRuleTester().run("go-cross-build-target", pluginRule("go-cross-build-target"), {
    valid: [
      `${X}ARG TARGETOS TARGETARCH\nRUN GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /out/app .\n`,
      `${X}ARG TARGETARCH\nENV GOARCH=$TARGETARCH\nRUN go build -o /out/app .\n`,
      `${X}ARG TARGETPLATFORM\nRUN GOARCH=\${TARGETPLATFORM#*/} go build -o /out/app .\n`,
      // tonistiigi/xx
      `${X}COPY --from=tonistiigi/xx:1.6.1 / /\nRUN xx-go build -o /out/app .\n`,
      `${X}COPY --from=tonistiigi/xx:1.6.1 / /\nRUN xx-go --wrap\nRUN go build -o /out/app .\n`,
      // A literal GOARCH is a choice.
      `${X}RUN GOARCH=arm64 go build -o /out/app .\n`,
      // Not on the build platform: builds natively under emulation.
      "FROM golang:1.22 AS build\nRUN go build -o /out/app .\n",
      `${X}RUN go run ./gen\n`,
      // Tools the build runs are built for the build machine on purpose.
      `${X}RUN GOBIN=/usr/local/bin go install github.com/google/go-licenses@v1.6.0\n`,
    ],
    invalid: [
      { code: `${X}RUN go build -o /out/app .\n`, errors: [{ messageId: "noTarget", data: { subcommand: "build" }, line: 3, column: 1 }] },
      { code: `${X}RUN GOARCH=$TARGETARCH go build -o /out/app .\n`, errors: [{ messageId: "undeclared", data: { name: "TARGETARCH" } }] },
      // A stage built on the builder stage inherits its platform.
      { code: `${X}FROM build AS bin\nRUN go install ./cmd/app\n`, errors: [{ messageId: "noTarget", data: { subcommand: "install" }, line: 4 }] },
      { code: "FROM --platform=${BUILDPLATFORM} golang:1.22\nRUN CGO_ENABLED=0 go build .\n", errors: [{ messageId: "noTarget" }] },
    ],
  });
});
