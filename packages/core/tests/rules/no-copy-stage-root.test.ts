import { dockerRuleTester, rule } from "./tester.js";

dockerRuleTester().run("no-copy-stage-root", rule("no-copy-stage-root"), {
  valid: [
    "COPY / /\n",
    "COPY --from=build /app /\n",
    "COPY --from=build / /app\n",
    "FROM tonistiigi/xx:1.9.0 AS xx\nFROM golang:1.22.3 AS build\nCOPY --from=xx / /\nFROM scratch\nCOPY --from=build /out/app /app\n",
    "FROM alpine:3.20\nCOPY --from=docker:27-cli / /\n",
  ],
  invalid: [
    { code: "COPY --from=build / /\n", errors: [{ messageId: "wholeRoot", line: 1, data: {"from": "build"} }] },
    { code: "COPY --from=build \"/\" \"/\"\n", errors: [{ messageId: "wholeRoot", line: 1 }] },
    { code: "FROM golang:1.22.3 AS build\nFROM scratch\nCOPY --from=build / /\n", errors: [{ messageId: "wholeRoot", line: 3 }] },
  ],
});
