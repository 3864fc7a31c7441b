import { dockerRuleTester, rule } from "./tester.js";

dockerRuleTester().run("no-maintainer", rule("no-maintainer"), {
  valid: [
    "FROM alpine\nLABEL org.opencontainers.image.authors=\"me\"\n",
  ],
  invalid: [
    {
      code: "FROM alpine\nMAINTAINER Jane <j@example.com>\n",
      output: "FROM alpine\nLABEL org.opencontainers.image.authors=\"Jane <j@example.com>\"\n",
      errors: [{"messageId": "deprecated", "line": 2}],
    },
    {
      code: "MAINTAINER Lukas\nFROM debian\n",
      output: "LABEL org.opencontainers.image.authors=\"Lukas\"\nFROM debian\n",
      errors: [{"messageId": "deprecated", "line": 1}],
    },
  ],
});
