import { dockerRuleTester, rule } from "./tester.js";

/** The rule reads go.mod; the language takes its text through languageOptions (as editors with unsaved buffers do). */
const goMod = (text: string) => ({ languageOptions: { goMod: text } });
const GO_1_23 = "module example.com/app\n\ngo 1.23.0\n";

dockerRuleTester().run("go-version-matches-go-mod", rule("go-version-matches-go-mod"), {
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
