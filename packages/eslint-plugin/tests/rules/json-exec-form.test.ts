import { dockerRuleTester, rule } from "./tester.js";

dockerRuleTester().run("json-exec-form", rule("json-exec-form"), {
  valid: [
    'FROM scratch\nENTRYPOINT ["/app"]\nCMD ["--port", "8080"]\n',
    'FROM scratch\nHEALTHCHECK CMD ["/app", "healthcheck"]\n',
    // A SHELL in effect means the author chose a shell.
    'FROM scratch\nSHELL ["/busybox/sh", "-c"]\nCMD /app\n',
    "FROM alpine:3.20\nRUN echo shell-form RUN is fine\n",
    // The recommended setting: shell form is accepted where the base has a shell.
    { code: "FROM alpine:3.20\nCMD /app --flag x\n", options: [{ shellBases: false }] },
  ],
  invalid: [
    {
      // No shell in the base: a safe fix, since shell form cannot run there at all.
      code: "FROM scratch\nCOPY app /app\nENTRYPOINT /app --port 8080\n",
      output: 'FROM scratch\nCOPY app /app\nENTRYPOINT ["/app", "--port", "8080"]\n',
      errors: [
        {
          messageId: "noShell",
          data: { keyword: "ENTRYPOINT", image: "scratch", effect: "the container fails to start with 'exec: \"/bin/sh\": stat /bin/sh: no such file or directory'" },
          line: 3,
          column: 12,
          endLine: 3,
          endColumn: 28,
        },
      ],
    },
    {
      code: "FROM scratch\nHEALTHCHECK --interval=5s CMD /app healthcheck\n",
      output: 'FROM scratch\nHEALTHCHECK --interval=5s CMD ["/app", "healthcheck"]\n',
      options: [{ shellBases: false }],
      errors: [{ messageId: "noShell", line: 2, column: 27 }],
    },
    {
      // The shell would expand $PORT: no fix.
      code: "FROM scratch\nCMD /app --port $PORT\n",
      output: null,
      errors: [{ messageId: "noShell" }],
    },
    {
      // With a shell, exec form changes behaviour: a suggestion, not a fix.
      code: "FROM alpine:3.20\nCMD /app --flag x\n",
      output: null,
      errors: [
        {
          messageId: "preferExec",
          line: 2,
          column: 5,
          suggestions: [{ messageId: "convertToExec", data: { replacement: '["/app", "--flag", "x"]' }, output: 'FROM alpine:3.20\nCMD ["/app", "--flag", "x"]\n' }],
        },
      ],
    },
    {
      code: "FROM alpine:3.20\nCMD ['/app']\n",
      output: null,
      options: [{ shellBases: false }],
      errors: [{ messageId: "brokenJson", line: 2, column: 5, endColumn: 13 }],
    },
  ],
});
