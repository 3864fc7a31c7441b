import { dockerRuleTester, rule } from "./tester.js";

dockerRuleTester().run("valid-onbuild", rule("valid-onbuild"), {
  valid: [
    "ONBUILD RUN anything\n",
    "ONBUILD COPY a b\n",
    "FROM debian:12\n",
    "MAINTAINER me\n",
  ],
  invalid: [
    { code: "ONBUILD ONBUILD RUN anything\n", errors: [{ messageId: "forbidden", line: 1, data: {"keyword": "ONBUILD"} }] },
    { code: "ONBUILD FROM debian:buster\n", errors: [{ messageId: "forbidden", line: 1 }] },
    { code: "ONBUILD MAINTAINER \"x\"\n", errors: [{ messageId: "forbidden", line: 1 }] },
  ],
});
