import { dockerRuleTester, rule } from "./tester.js";

const BUILD = "FROM golang:1.22 AS build\nWORKDIR /src\nRUN CGO_ENABLED=0 go build -o /out/app .\n";

dockerRuleTester().run("copy-from-produced-path", rule("copy-from-produced-path"), {
  valid: [`${BUILD}FROM scratch\nCOPY --from=build /out/app /app\n`, `${BUILD}FROM scratch\nCOPY --from=0 /out/app /app\n`],
  invalid: [
    {
      code: `${BUILD}FROM scratch\nCOPY --from=build /out/server /server\n`,
      errors: [{ messageId: "missingSource", data: { stage: "build", source: "/out/server", outputs: "/out/app (line 3)" }, line: 5, column: 19, endColumn: 30 }],
    },
  ],
});
