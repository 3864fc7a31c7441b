import { describe } from "vitest";
import { dockerRuleTester, rule as pluginRule } from "./tester.js";

const BUILD = "FROM golang:1.22 AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/app .\n";

describe("scratch-ca-certificates", () => {
  dockerRuleTester().run("scratch-ca-certificates", pluginRule("scratch-ca-certificates"), {
    valid: [
      `${BUILD}FROM scratch\nCOPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/\nCOPY --from=build /out/app /app\n`,
      `${BUILD}FROM scratch\nCOPY --from=build /etc/ssl /etc/ssl\nCOPY --from=build /out/app /app\n`,
      `${BUILD}FROM scratch\nCOPY --from=alpine:3.20 /etc/ssl/cert.pem /etc/ssl/cert.pem\nCOPY --from=build /out/app /app\n`,
      `${BUILD}FROM scratch\nCOPY certs/ca.pem /certs/ca.pem\nENV SSL_CERT_FILE=/certs/ca.pem\nCOPY --from=build /out/app /app\n`,
      // Distroless static ships the CA bundle.
      `${BUILD}FROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /out/app /app\n`,
      // Not a Go binary built here.
      "FROM scratch\nCOPY app /app\n",
      // Bases whose contents are unknown.
      `${BUILD}FROM alpine:3.20\nCOPY --from=build /out/app /app\n`,
      // Through a parent stage.
      `${BUILD}FROM scratch AS base\nCOPY --from=build /etc/ssl/certs /etc/ssl/certs\nFROM base\nCOPY --from=build /out/app /app\n`,
    ],
    invalid: [
      {
        code: `${BUILD}FROM scratch\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]\n`,
        errors: [{ messageId: "noCaBundle", data: { image: "scratch", builder: "build" }, line: 5, column: 1 }],
      },
      // Certificates copied somewhere Go doesn't look.
      { code: `${BUILD}FROM scratch\nCOPY --from=build /etc/ssl/certs/ca-certificates.crt /ca.crt\nCOPY --from=build /out/app /app\n`, errors: [{ messageId: "noCaBundle" }] },
    ],
  });
});
