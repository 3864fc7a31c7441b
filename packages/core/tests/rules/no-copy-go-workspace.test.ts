import { describe, expect, it } from "vitest";
import { lintWith } from "../helpers.js";
import { dockerRuleTester, rule as pluginRule } from "./tester.js";

const BUILD = "FROM golang:1.22 AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/app .\n";

describe("no-copy-go-workspace", () => {
  dockerRuleTester().run("no-copy-go-workspace", pluginRule("no-copy-go-workspace"), {
    valid: [
      `${BUILD}FROM scratch\nCOPY --from=build /out/app /app\n`,
      `${BUILD}FROM scratch\nCOPY --from=build /go/bin/tool /tool\n`,
      // A stage without go builds (an assets stage).
      "FROM node:20.11 AS web\nWORKDIR /src\nRUN npm run build\nFROM scratch\nCOPY --from=web /src /site\n",
      // Only the final stage ships.
      `${BUILD}FROM alpine:3.20 AS tmp\nCOPY --from=build /go /go\nFROM scratch\nCOPY --from=build /out/app /app\n`,
      // A build-tools image that puts Go on its PATH ships Go on purpose.
      `${BUILD}FROM debian:12\nCOPY --from=build /usr/local/go /usr/local/go\nENV PATH=/usr/local/go/bin:$PATH\n`,
      // The whole root is no-copy-stage-root's.
      `${BUILD}FROM scratch\nCOPY --from=build / /\n`,
    ],
    invalid: [
      {
        code: `${BUILD}FROM scratch\nCOPY --from=build /go /go\n`,
        errors: [{ messageId: "workspace", data: { from: "build", source: "/go", what: "GOPATH (module cache included)", example: "COPY --from=build /out/app /app" }, line: 6, column: 19 }],
      },
      { code: `${BUILD}FROM scratch\nCOPY --from=build /src/ /app/\n`, errors: [{ messageId: "workspace", data: { from: "build", source: "/src/", what: "source folder", example: "COPY --from=build /out/app /app" } }] },
      { code: `${BUILD}FROM alpine:3.20\nCOPY --from=build /usr/local/go /usr/local/go\n`, errors: [{ messageId: "workspace" }] },
      { code: `${BUILD}FROM scratch\nCOPY --from=0 /out/app /go/pkg /x/\n`, errors: [{ messageId: "workspace", column: 24 }] },
    ],
  });

  it("leaves `COPY --from=build / /` to no-copy-stage-root: one finding", () => {
    const r = lintWith(`${BUILD}FROM scratch\nCOPY --from=build / /\n`, { "no-copy-go-workspace": "error", "no-copy-stage-root": "error" });
    expect(r.messages.map((m) => m.ruleId)).toEqual(["@docker-lint/no-copy-stage-root"]);
  });
});
