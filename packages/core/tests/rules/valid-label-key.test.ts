import { dockerRuleTester, rule } from "./tester.js";

dockerRuleTester().run("valid-label-key", rule("valid-label-key"), {
  valid: [
    "LABEL org.valid-key.label3=\"foo\"\n",
    "LABEL validlabel=\"foo\"\n",
    "LABEL a=1 b.c=2\n",
  ],
  invalid: [
    { code: "LABEL com.docker.label=\"foo\"\n", errors: [{ messageId: "reservedNamespace", line: 1, data: {"key": "com.docker.label", "namespace": "com.docker."} }] },
    { code: "LABEL invalid$character=\"foo\"\n", errors: [{ messageId: "invalidKey", line: 1 }] },
    { code: "LABEL .invalid =\"foo\"\n", errors: [{ messageId: "invalidKey", line: 1 }] },
    { code: "LABEL 1invalid=\"foo\"\n", errors: [{ messageId: "invalidKey", line: 1 }] },
    { code: "LABEL invalid..character=\"foo\"\n", errors: [{ messageId: "invalidKey", line: 1 }] },
    { code: "LABEL ok=1 Upper=2\n", errors: [{ messageId: "invalidKey", line: 1, data: {"key": "Upper"} }] },
  ],
});
