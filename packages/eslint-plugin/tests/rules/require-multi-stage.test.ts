import { dockerRuleTester, rule } from "./tester.js";

const SINGLE = 'FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\nCMD ["/app"]\n';

dockerRuleTester().run("require-multi-stage", rule("require-multi-stage"), {
  valid: [
    "FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM scratch\nCOPY --from=build /app /app\n",
    // Dev, debug and test images ship the toolchain on purpose (default `ignore` globs on the file name).
    { code: SINGLE, filename: "services/api/Dockerfile.dev" },
    { code: SINGLE, filename: "services/api/test/Dockerfile" },
    { code: SINGLE, filename: "services/api/Dockerfile.ci", options: [{ ignore: ["*.ci"] }] },
  ],
  invalid: [
    {
      code: SINGLE,
      errors: [{ messageId: "compilesInFinalStage", data: { where: "The final stage", step: "go build", line: "4" }, line: 1, column: 1, endColumn: 17 }],
    },
    {
      // The image is the final stage plus the stages it is built FROM.
      code: 'FROM golang:1.22 AS base\nRUN go build -o /app .\nFROM base\nCMD ["/app"]\n',
      errors: [{ messageId: "compilesInFinalStage", line: 3 }],
    },
    { code: 'FROM golang:1.22\nCOPY . .\nCMD ["go", "run", "."]\n', errors: [{ messageId: "runsThroughToolchain", data: { step: "go run", line: "3" } }] },
    // Replacing the defaults brings dev files back in.
    { code: SINGLE, filename: "services/api/Dockerfile.dev", options: [{ ignore: [] }], errors: [{ messageId: "compilesInFinalStage" }] },
  ],
});
