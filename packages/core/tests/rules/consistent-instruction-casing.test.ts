import { dockerRuleTester, rule } from "./tester.js";

dockerRuleTester().run("consistent-instruction-casing", rule("consistent-instruction-casing"), {
  valid: [
    "FROM alpine\nRUN x\n",
    "from alpine\nrun x\n",
    "FROM alpine\nRUN <<'EOT'\nenv\nEOT\n",
  ],
  invalid: [
    {
      code: "FROM alpine\ncopy a /a\nCOPY b /b\n",
      output: "FROM alpine\nCOPY a /a\nCOPY b /b\n",
      errors: [{"messageId": "inconsistent", "line": 2, "data": {"keyword": "copy", "casing": "uppercase", "expected": "COPY"}}],
    },
    {
      code: "FROM alpine\ncopy a /a\ncopy b /b\ncopy c /c\n",
      output: "from alpine\ncopy a /a\ncopy b /b\ncopy c /c\n",
      errors: [{"messageId": "inconsistent", "line": 1}],
    },
    {
      code: "From alpine\nRUN x\n",
      output: "FROM alpine\nRUN x\n",
      errors: [{"messageId": "inconsistent", "line": 1}],
    },
  ],
});
