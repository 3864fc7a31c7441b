import { dockerRuleTester, rule } from "./tester.js";

dockerRuleTester().run("from-as-casing", rule("from-as-casing"), {
  valid: [
    "FROM alpine AS b\n",
    "from alpine as b\n",
    "From alpine as b\n",
  ],
  invalid: [
    {
      code: "FROM alpine as b\n",
      output: "FROM alpine AS b\n",
      errors: [{"messageId": "mismatch", "line": 1, "column": 13}],
    },
    {
      code: "from alpine AS b\n",
      output: "from alpine as b\n",
      errors: [{"messageId": "mismatch"}],
    },
  ],
});
