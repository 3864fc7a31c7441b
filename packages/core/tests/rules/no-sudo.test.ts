import { dockerRuleTester, rule } from "./tester.js";

dockerRuleTester().run("no-sudo", rule("no-sudo"), {
  valid: [
    "RUN apt-get install sudo\n",
    "ONBUILD RUN apt-get install sudo\n",
  ],
  invalid: [
    { code: "RUN sudo apt-get update\n", errors: [{ messageId: "sudo", line: 1 }] },
    { code: "ONBUILD RUN apt-get update && sudo make install\n", errors: [{ messageId: "sudo", line: 1 }] },
  ],
});
