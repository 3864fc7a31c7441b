import { dockerRuleTester, rule } from "./tester.js";

const BUILD = "FROM golang:1.22 AS build\nRUN CGO_ENABLED=0 go build -o /app .\n";
const shipOn = (base: string) => `${BUILD}FROM ${base}\nCOPY --from=build /app /app\n`;

dockerRuleTester().run("require-minimal-runtime-base", rule("require-minimal-runtime-base"), {
  valid: [
    shipOn("scratch"),
    shipOn("gcr.io/distroless/static-debian12:nonroot"),
    shipOn("debian:12-slim"),
    { code: shipOn("debian:12"), options: [{ allow: ["debian"] }] },
  ],
  invalid: [
    { code: shipOn("golang:1.22"), errors: [{ messageId: "toolchain", line: 3, column: 6, endColumn: 17 }] },
    { code: shipOn("debian:12"), errors: [{ messageId: "fullOs", data: { image: "debian:12", via: "", size: " (~50 MB)", suggestion: "gcr.io/distroless/static-debian12:nonroot", savings: " (about 49 MB smaller)" } }] },
    { code: 'FROM node:20.11\nCMD ["node"]\n', errors: [{ messageId: "runtimeToolchain" }] },
    { code: shipOn("debian:12-slim"), options: [{ slim: "report" }], errors: [{ messageId: "slim" }] },
  ],
});
