import { dockerRuleTester, rule } from "./tester.js";

dockerRuleTester().run("no-empty-continuation", rule("no-empty-continuation"), {
  valid: [
    "FROM alpine\nRUN a \\\n  b\n",
    "FROM alpine\nEXPOSE \\\n# Port\n80\n",
    "FROM alpine\nRUN <<EOF\na\n\nb\nEOF\n",
  ],
  invalid: [
    {
      code: "FROM alpine\nCOPY a \\\n\n/a\n",
      output: null,
      errors: [{"messageId": "emptyContinuation", "line": 4}],
    },
    {
      code: "FROM alpine\nEXPOSE \\\n\n80\n",
      output: null,
      errors: [{"messageId": "emptyContinuation", "line": 4}],
    },
  ],
});
