import { dockerRuleTester, rule } from "./tester.js";

dockerRuleTester().run("no-redundant-target-platform", rule("no-redundant-target-platform"), {
  valid: [
    "FROM --platform=$BUILDPLATFORM alpine\n",
    "FROM --platform=$TARGETPLATFORM_X alpine\n",
    "FROM alpine\n",
  ],
  invalid: [
    {
      code: "FROM --platform=$TARGETPLATFORM alpine AS b\n",
      output: "FROM alpine AS b\n",
      errors: [{"messageId": "redundant", "line": 1, "column": 6}],
    },
    {
      code: "FROM --platform=\"${TARGETPLATFORM}\" alpine\n",
      output: "FROM alpine\n",
      errors: [{"messageId": "redundant"}],
    },
  ],
});
