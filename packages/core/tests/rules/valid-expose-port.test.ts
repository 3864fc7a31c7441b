import { dockerRuleTester, rule } from "./tester.js";

dockerRuleTester().run("valid-expose-port", rule("valid-expose-port"), {
  valid: [
    "EXPOSE 60000\n",
    "EXPOSE ${PORT}\n",
    "EXPOSE 40000-60000/tcp\n",
    "EXPOSE 40000-${TOP}\n",
    "EXPOSE 65535/udp\n",
  ],
  invalid: [
    { code: "EXPOSE 80000\n", errors: [{ messageId: "outOfRange", line: 1, column: 8, data: {"port": "80000"} }] },
    { code: "EXPOSE 8080 40000-80000/tcp\n", errors: [{ messageId: "outOfRange", line: 1, column: 13 }] },
    { code: "ONBUILD EXPOSE 70000\n", errors: [{ messageId: "outOfRange", line: 1, column: 1 }] },
  ],
});
