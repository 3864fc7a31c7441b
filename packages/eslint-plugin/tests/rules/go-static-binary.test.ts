import { dockerRuleTester, rule } from "./tester.js";

const FINAL = "FROM scratch\nCOPY --from=build /app /app\n";

dockerRuleTester().run("go-static-binary", rule("go-static-binary"), {
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
