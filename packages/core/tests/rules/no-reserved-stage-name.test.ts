import { dockerRuleTester, rule } from "./tester.js";

dockerRuleTester().run("no-reserved-stage-name", rule("no-reserved-stage-name"), {
  valid: [
    "FROM alpine AS builder\nFROM scratch\n",
  ],
  invalid: [
    {
      code: "FROM alpine AS scratch\nFROM alpine AS Context\n",
      output: null,
      errors: [{"messageId": "reserved", "line": 1}, {"messageId": "reserved", "line": 2}],
    },
  ],
});
