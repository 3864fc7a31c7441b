import { dockerRuleTester, rule } from "./tester.js";

dockerRuleTester().run("no-env-self-reference", rule("no-env-self-reference"), {
  valid: [
    "ENV BLA=\"blubb\"\nENV BLUBB=\"${BLA}/blubb\"\n",
    "ENV BLA=\"blubb\" BLUBB=\"${BLAFOO}/blubb\"\n",
    "ENV BLA=\"blubb\" BLUBB=\"$FOOBLA/blubb\"\n",
    "ARG BLA\nENV BLA=${BLA}\n",
    "ENV PATH=/bla:${PATH}\n",
    "ENV BLA blubb $BLA\n",
  ],
  invalid: [
    { code: "ENV BLA=\"blubb\" BLUBB=\"$BLA/$BLAFOO/blubb\"\n", errors: [{ messageId: "sameEnv", line: 1, data: {"name": "BLA"} }] },
    { code: "ENV PATH=/bla:${PATH} PATH=/blubb:${PATH}\n", errors: [{ messageId: "sameEnv", line: 1, data: {"name": "PATH"} }] },
    { code: "ENV A=1 \\\n    B=${A:-2}\n", errors: [{ messageId: "sameEnv", line: 1 }] },
  ],
});
