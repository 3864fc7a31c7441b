import { dockerRuleTester, rule } from "./tester.js";

dockerRuleTester().run("no-undefined-arg-in-from", rule("no-undefined-arg-in-from"), {
  valid: [
    "ARG base=scratch\nFROM $base\n",
    "FROM --platform=$BUILDPLATFORM scratch\n",
    "ARG DEBUG\nFROM scra${DEBUG:-tch}\n",
  ],
  invalid: [
    {
      code: "FROM --platform=$BULIDPLATFORM scratch\n",
      output: null,
      errors: [{"messageId": "undeclared", "line": 1, "column": 17, "endColumn": 31, "data": {"name": "BULIDPLATFORM", "hint": " Did you mean 'BUILDPLATFORM'?"}}],
    },
    {
      code: "ARG tag=latest\nFROM busybox:${tag}${version} AS b\n",
      output: null,
      errors: [{"messageId": "undeclared", "line": 2, "column": 20}],
    },
  ],
});
