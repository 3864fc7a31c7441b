import { dockerRuleTester, rule } from "./tester.js";

dockerRuleTester().run("no-interactive-commands", rule("no-interactive-commands"), {
  valid: [
    "RUN apt-get install ssh\n",
    "ONBUILD RUN apt-get install vim\n",
    { code: "RUN top\n", options: [{"commands": ["vim"]}] },
  ],
  invalid: [
    { code: "RUN top\n", errors: [{ messageId: "interactive", line: 1, data: {"command": "top"} }] },
    { code: "FROM debian:12\nONBUILD RUN service nginx start\n", errors: [{ messageId: "interactive", line: 2 }] },
    { code: "RUN make && /usr/bin/kill 1\n", errors: [{ messageId: "interactive", line: 1, data: {"command": "kill"} }] },
    { code: "RUN make\n", errors: [{ messageId: "interactive", line: 1 }], options: [{"commands": ["make"]}] },
  ],
});
