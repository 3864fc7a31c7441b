import { dockerRuleTester, rule } from "./tester.js";

dockerRuleTester().run("no-secrets-in-arg-env", rule("no-secrets-in-arg-env"), {
  valid: [
    "FROM alpine\nARG PUBLIC_KEY\nENV password_file=/run/x\nARG AUTH_MODULE_VERSION\nARG foobar\n",
    "FROM alpine\nRUN --mount=type=secret,id=t,env=GITHUB_TOKEN x\n",
  ],
  invalid: [
    {
      code: "FROM scratch\nARG SECRET_PASSPHRASE\nENV password=bar sunflower=foo secret=baz\nENV git_key=\n",
      output: null,
      errors: [{"messageId": "secret", "line": 2}, {"messageId": "secret", "line": 3, "column": 5}, {"messageId": "secret", "line": 3, "column": 32}, {"messageId": "secret", "line": 4}],
    },
    {
      code: "ARG openai_api_key\nFROM debian\nONBUILD ENV my_password=x\n",
      output: null,
      errors: [{"messageId": "secret", "line": 1}, {"messageId": "secret", "line": 3}],
    },
  ],
});
