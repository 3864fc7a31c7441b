import { dockerRuleTester, rule } from "./tester.js";

dockerRuleTester().run("no-duplicate-stage-name", rule("no-duplicate-stage-name"), {
  valid: [
    "FROM alpine AS a\nFROM alpine AS b\n",
  ],
  invalid: [
    {
      code: "FROM alpine AS b\nRUN x\nFROM scratch AS B\n",
      output: null,
      errors: [{"messageId": "duplicate", "line": 3, "data": {"name": "b", "line": "1"}}],
    },
  ],
});
