import { dockerRuleTester, rule } from "./tester.js";

dockerRuleTester().run("no-legacy-key-value", rule("no-legacy-key-value"), {
  valid: [
    "FROM alpine\nENV a=b\nLABEL a=b\n",
    "FROM alpine\nARG foo bar\n",
    "FROM alpine\nENV a\n",
  ],
  invalid: [
    {
      code: "FROM alpine\nENV testkey value\nLABEL key some value\n",
      output: "FROM alpine\nENV testkey=\"value\"\nLABEL key=\"some value\"\n",
      errors: [{"messageId": "legacy", "line": 2}, {"messageId": "legacy", "line": 3}],
    },
    {
      code: "ENV DEPS \\\n    curl \\\n    git\n",
      output: null,
      errors: [{"messageId": "legacy", "line": 1}],
    },
    {
      code: "FROM alpine\nONBUILD ENV a b\n",
      output: "FROM alpine\nONBUILD ENV a=\"b\"\n",
      errors: [{"messageId": "legacy", "line": 2}],
    },
  ],
});
