import { dockerRuleTester, rule } from "./tester.js";

dockerRuleTester().run("valid-expose", rule("valid-expose"), {
  valid: [
    "FROM alpine\nEXPOSE 80 443/tcp 53/udp 8000-8010\n",
    "FROM alpine\nEXPOSE ${PORT}\n",
  ],
  invalid: [
    {
      code: "FROM alpine\nEXPOSE 80/TcP 8080/udp\n",
      output: "FROM alpine\nEXPOSE 80/tcp 8080/udp\n",
      errors: [{"messageId": "protoCasing", "line": 2, "column": 8}],
    },
    {
      code: "FROM alpine\nEXPOSE 127.0.0.1:80:80 [::1]:8080:8080 5000:5000 8000\n",
      output: null,
      errors: [{"messageId": "mapping", "column": 8}, {"messageId": "mapping"}, {"messageId": "mapping", "data": {"port": "5000:5000", "container": "5000"}}],
    },
  ],
});
