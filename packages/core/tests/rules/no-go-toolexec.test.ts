import { describe } from "vitest";
import { dockerRuleTester, rule as pluginRule } from "./tester.js";

const B = "FROM golang:1.22 AS build\nWORKDIR /src\n";

describe("no-go-toolexec", () => {
  dockerRuleTester().run("no-go-toolexec", pluginRule("no-go-toolexec"), {
    valid: [
      `${B}RUN go build -trimpath -o /out/app .\n`,
      `${B}ENV GOFLAGS=-mod=readonly\nRUN go build -o /out/app .\n`,
      // Not a go command.
      `${B}RUN echo go build -toolexec x .\n`,
      `${B}RUN go vet -overlay=o.json ./...\n`,
    ],
    invalid: [
      {
        code: `${B}RUN go build -toolexec=/usr/local/bin/wrap -o /out/app .\n`,
        errors: [{ messageId: "wrapped", data: { subcommand: "build", flag: "-toolexec", effect: "runs every compiler and linker call through '/usr/local/bin/wrap'" }, line: 3, column: 1 }],
      },
      { code: `${B}RUN go build -toolexec "wrap -v" -o /out/app .\n`, errors: [{ messageId: "wrapped", data: { subcommand: "build", flag: "-toolexec", effect: "runs every compiler and linker call through 'wrap -v'" } }] },
      { code: `${B}RUN go install -overlay overlay.json ./cmd/app\n`, errors: [{ messageId: "wrapped", data: { subcommand: "install", flag: "-overlay", effect: "replaces source files with those listed in 'overlay.json'" } }] },
      { code: `${B}RUN go run -exec qemu-aarch64 ./gen\n`, errors: [{ messageId: "wrapped", data: { subcommand: "run", flag: "-exec", effect: "runs the built program through 'qemu-aarch64'" } }] },
      { code: `${B}ENV GOFLAGS=-toolexec=wrap\nRUN go build -o /out/app .\n`, errors: [{ messageId: "wrapped", line: 4 }] },
      { code: `${B}RUN GOFLAGS="-mod=mod --toolexec=wrap" go build -o /out/app .\n`, errors: [{ messageId: "wrapped", data: { subcommand: "build", flag: "-toolexec", effect: "runs every compiler and linker call through 'wrap'" } }] },
    ],
  });
});
