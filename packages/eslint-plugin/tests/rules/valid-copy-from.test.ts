import { dockerRuleTester, rule } from "./tester.js";

const BUILD = "FROM golang:1.22 AS build\nWORKDIR /src\nRUN CGO_ENABLED=0 go build -o /out/app .\n";

dockerRuleTester().run("valid-copy-from", rule("valid-copy-from"), {
  valid: [
    `${BUILD}FROM scratch\nCOPY --from=build /out/app /app\n`,
    `${BUILD}FROM scratch\nCOPY --from=0 /out/app /app\n`,
    // Stage names are case-insensitive.
    "FROM golang:1.22 AS Build\nRUN x\nFROM scratch\nCOPY --from=BUILD /app /app\n",
    "FROM scratch\nCOPY --from=busybox:1.36 /bin/sh /bin/sh\n",
    "FROM scratch\nARG FROM_STAGE\nCOPY --from=$FROM_STAGE /a /a\n",
    // A named build context (`docker build --build-context assets=…`).
    { code: "FROM scratch\nCOPY --from=assets /a /a\n", options: [{ allow: ["assets"] }] },
  ],
  invalid: [
    {
      code: "FROM golang:1.22 AS build\nRUN x\nFROM scratch\nCOPY --from=buidl /app /app\n",
      errors: [
        {
          messageId: "unknownStage",
          data: { ref: "buidl", candidate: "build" },
          line: 4,
          column: 6,
          endColumn: 18,
          suggestions: [{ messageId: "useStage", output: "FROM golang:1.22 AS build\nRUN x\nFROM scratch\nCOPY --from=build /app /app\n" }],
        },
      ],
    },
    {
      code: "FROM golang:1.22 AS deps\nRUN x\nFROM golang:1.22\nRUN --mount=type=bind,from=dep,target=/d ls /d\n",
      errors: [{ messageId: "unknownStage", suggestions: [{ messageId: "useStage", output: "FROM golang:1.22 AS deps\nRUN x\nFROM golang:1.22\nRUN --mount=type=bind,from=deps,target=/d ls /d\n" }] }],
    },
    { code: "FROM node:20 AS foo\nCOPY --from=foo bar .\n", errors: [{ messageId: "selfReference", line: 2 }] },
    { code: "FROM scratch\nCOPY --from=build foo .\nFROM node:20 AS build\nRUN baz\n", errors: [{ messageId: "laterStage", data: { ref: "build", line: "3" } }] },
    { code: "FROM scratch\nCOPY --from=3 foo .\n", errors: [{ messageId: "noSuchIndex" }] },
    { code: "FROM golang:1.22 AS build\nRUN x\nFROM scratch\nCOPY --from=busybox /bin/sh /bin/sh\n", errors: [{ messageId: "notAStage", data: { ref: "busybox" } }] },
  ],
});
