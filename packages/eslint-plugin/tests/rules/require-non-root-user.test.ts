import { dockerRuleTester, rule } from "./tester.js";

dockerRuleTester().run("require-non-root-user", rule("require-non-root-user"), {
  valid: [
    "FROM scratch\nUSER 65532:65532\n",
    "FROM scratch\nUSER root\nRUN something\nUSER app\n",
    "FROM gcr.io/distroless/static-debian12:nonroot\nCOPY app /app\n",
    // USER inherited from the parent stage.
    'FROM alpine:3.20 AS base\nRUN adduser -D app\nUSER app\nFROM base\nCMD ["/app"]\n',
    // A variable with no default: the build decides.
    "FROM alpine:3.20\nARG APP_UID\nUSER ${APP_UID}\n",
    // An unknown base's default user is unknown, and by default not reported.
    "FROM my-registry.local/base-image:1.0\n",
  ],
  invalid: [
    {
      code: 'FROM scratch\nCOPY app /app\nENTRYPOINT ["/app"]\n',
      errors: [
        {
          messageId: "rootBase",
          line: 1,
          column: 6,
          endColumn: 13,
          suggestions: [{ messageId: "addUser", output: 'FROM scratch\nCOPY app /app\nUSER 65532:65532\nENTRYPOINT ["/app"]\n' }],
        },
      ],
    },
    {
      // Distroless has a nonroot user: suggest it by name.
      code: 'FROM gcr.io/distroless/static-debian12\nCOPY app /app\nENTRYPOINT ["/app"]\n',
      errors: [
        {
          messageId: "rootBase",
          suggestions: [{ messageId: "addUser", output: 'FROM gcr.io/distroless/static-debian12\nCOPY app /app\nUSER nonroot:nonroot\nENTRYPOINT ["/app"]\n' }],
        },
      ],
    },
    {
      code: 'FROM alpine:3.20\nUSER root\nCMD ["/app"]\n',
      errors: [
        {
          messageId: "rootUser",
          data: { user: "root", line: "2", suggested: "65532:65532" },
          line: 2,
          column: 1,
          suggestions: [{ messageId: "addUser", output: 'FROM alpine:3.20\nUSER root\nUSER 65532:65532\nCMD ["/app"]\n' }],
        },
      ],
    },
    {
      code: 'FROM my-registry.local/base-image:1.0\nCMD ["/app"]\n',
      options: [{ reportUnknownBase: true }],
      errors: [
        {
          messageId: "unknownBase",
          suggestions: [{ messageId: "addUser", output: 'FROM my-registry.local/base-image:1.0\nUSER 65532:65532\nCMD ["/app"]\n' }],
        },
      ],
    },
  ],
});
