import { dockerRuleTester, rule } from "./tester.js";

dockerRuleTester().run("no-overridden-instruction", rule("no-overridden-instruction"), {
  valid: [
    "FROM alpine AS a\nCMD [\"a\"]\nFROM a\nCMD [\"b\"]\n",
    "FROM alpine\nHEALTHCHECK CMD [\"c\"]\nCMD [\"p\"]\n",
    "CMD /bin/true\n",
  ],
  invalid: [
    {
      code: "FROM alpine\nENTRYPOINT [\"a\"]\nCMD [\"a\"]\nENTRYPOINT [\"b\"]\nCMD [\"b\"]\nHEALTHCHECK NONE\nHEALTHCHECK CMD x\n",
      output: null,
      errors: [{"messageId": "overridden", "line": 2, "data": {"keyword": "ENTRYPOINT", "line": "4"}}, {"messageId": "overridden", "line": 3}, {"messageId": "overridden", "line": 6}],
    },
  ],
});
