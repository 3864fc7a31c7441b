import { describe } from "vitest";
import { dockerRuleTester, rule as pluginRule } from "./tester.js";

describe("user-in-passwd", () => {
  dockerRuleTester().run("user-in-passwd", pluginRule("user-in-passwd"), {
    valid: [
      "FROM scratch\nUSER 10001:10001\n",
      "FROM gcr.io/distroless/static-debian12\nUSER nonroot:nonroot\n",
      "FROM gcr.io/distroless/static-debian12\nUSER nobody\n",
      "FROM cgr.dev/chainguard/static:latest\nUSER nonroot\n",
      // A passwd copied from a build stage may define it.
      "FROM alpine:3.20 AS users\nRUN adduser -D app\nFROM scratch\nCOPY --from=users /etc/passwd /etc/passwd\nUSER app\n",
      // Bases whose passwd is unknown are not judged.
      "FROM alpine:3.20\nUSER app\n",
      "FROM my.registry/base:1\nUSER app\n",
      // Build arguments decide.
      "FROM scratch\nARG UID\nUSER $UID\n",
    ],
    invalid: [
      {
        code: "FROM scratch\nUSER app\n",
        errors: [{ messageId: "unknownUser", data: { user: "app", where: "'scratch', which has no /etc/passwd", suggestion: "10001:10001", orCopy: ", or COPY an /etc/passwd that defines it from a build stage" }, line: 2, column: 6 }],
      },
      {
        code: "FROM gcr.io/distroless/static-debian12:nonroot\nUSER appuser:appuser\n",
        errors: [{ messageId: "unknownUser", data: { user: "appuser", where: "the /etc/passwd of 'gcr.io/distroless/static-debian12' (root, nonroot, nobody)", suggestion: "65532:65532 (nonroot)", orCopy: "" } }],
      },
      // `nonroot` exists in distroless, not in scratch.
      { code: "FROM scratch\nUSER nonroot\n", errors: [{ messageId: "unknownUser" }] },
      // A passwd copied after the USER comes too late.
      { code: "FROM alpine:3.20 AS users\nFROM scratch AS base\nFROM base\nUSER app\nCOPY --from=users /etc/passwd /etc/passwd\n", errors: [{ messageId: "unknownUser", line: 4 }] },
    ],
  });
});
