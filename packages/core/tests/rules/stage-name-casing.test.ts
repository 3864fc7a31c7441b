import { dockerRuleTester, rule } from "./tester.js";

dockerRuleTester().run("stage-name-casing", rule("stage-name-casing"), {
  valid: [
    "FROM alpine AS builder-base\n",
    "FROM alpine\n",
  ],
  invalid: [
    {
      code: "FROM alpine AS BuilderBase\nFROM BuilderBase\n",
      output: "FROM alpine AS builderbase\nFROM BuilderBase\n",
      errors: [{"messageId": "upperCase", "line": 1, "column": 16, "endColumn": 27}],
    },
  ],
});
