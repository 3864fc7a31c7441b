import { dockerRuleTester, rule } from "./tester.js";

dockerRuleTester().run("no-unpinned-toolchain", rule("no-unpinned-toolchain"), {
  valid: [
    "FROM golang:1.22 AS build\nRUN x\n",
    "FROM golang:1.22.5-alpine AS build\nRUN go install github.com/x/tool@v1.2.3\n",
    { code: "FROM golang:1.22.5 AS build\n", options: [{ level: "patch" }] },
    { code: "ARG GO_VERSION\nFROM golang:${GO_VERSION} AS build\n", options: [{ allowBuildArgs: true }] },
  ],
  invalid: [
    { code: "FROM golang AS build\nRUN x\n", errors: [{ messageId: "missingTag", line: 1, column: 6, endColumn: 12 }] },
    { code: "FROM golang:latest AS build\nRUN x\n", errors: [{ messageId: "latestTag" }] },
    { code: "FROM golang:1 AS build\nRUN x\n", errors: [{ messageId: "tooCoarse" }] },
    { code: "FROM golang:1.22 AS build\nRUN x\n", options: [{ level: "patch" }], errors: [{ messageId: "tooCoarse", data: { image: "golang:1.22", version: "1.22", moves: "patch", wanted: "the full version", example: "golang:X.Y.Z" } }] },
    { code: "FROM golang:1.22.5 AS build\n", options: [{ level: "digest" }], errors: [{ messageId: "missingDigest" }] },
    { code: "ARG GO_VERSION\nFROM golang:${GO_VERSION} AS build\n", errors: [{ messageId: "versionFromBuildArg", line: 2 }] },
    {
      // With a go.mod, the suggestion pins the version it asks for.
      code: "FROM golang AS build\nRUN x\n",
      languageOptions: { goMod: "module example.com/app\n\ngo 1.23.4\n" },
      errors: [{ messageId: "missingTag", suggestions: [{ messageId: "pinToGoMod", output: "FROM golang:1.23.4 AS build\nRUN x\n" }] }],
    },
  ],
});
