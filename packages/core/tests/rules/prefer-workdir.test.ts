import { dockerRuleTester, rule } from "./tester.js";

dockerRuleTester().run("prefer-workdir", rule("prefer-workdir"), {
  valid: [
    "WORKDIR /opt\nRUN make\n",
    "RUN echo cd\n",
  ],
  invalid: [
    { code: "RUN cd /opt && make\n", errors: [{ messageId: "cd", line: 1, data: {"dir": "/opt"} }] },
    { code: "FROM alpine:3.20\nRUN make; cd /tmp\n", errors: [{ messageId: "cd", line: 2 }] },
  ],
});
