import { dockerRuleTester, rule } from "./tester.js";

dockerRuleTester().run("useradd-no-log-init", rule("useradd-no-log-init"), {
  valid: [
    "RUN useradd luser\n",
    "RUN useradd -u 12345 luser\n",
    "RUN useradd -l -u 123456 luser\n",
    "RUN useradd --no-log-init --uid=123456 luser\n",
  ],
  invalid: [
    { code: "RUN useradd -u 123456 luser\n", errors: [{ messageId: "noLogInit", line: 1, data: {"uid": "123456"} }] },
    { code: "ONBUILD RUN useradd --uid=1234567 luser\n", errors: [{ messageId: "noLogInit", line: 1 }] },
    { code: "RUN useradd -u1000000 a\n", errors: [{ messageId: "noLogInit", line: 1 }] },
  ],
});
