import { dockerRuleTester, rule } from "./tester.js";

dockerRuleTester().run("use-shell-instruction", rule("use-shell-instruction"), {
  valid: [
    "RUN ln -sf /bin/true /sbin/initctl\n",
    "RUN ln -s foo bar && unrelated && something_with /bin/sh\n",
  ],
  invalid: [
    { code: "RUN ln -sfv /bin/bash /bin/sh\n", errors: [{ messageId: "lnShell", line: 1 }] },
    { code: "ONBUILD RUN ln -sfv /bin/bash /bin/sh\n", errors: [{ messageId: "lnShell", line: 1 }] },
  ],
});
