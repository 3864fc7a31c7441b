import { dockerRuleTester, rule } from "./tester.js";

dockerRuleTester().run("user-numeric-id", rule("user-numeric-id"), {
  valid: [
    "USER 12345\n",
    "USER 1234:5678\n",
    "ARG APP_UID\nFROM foobar:barfoo\nUSER ${APP_UID}\n",
    "ARG U\nUSER $U:$U\n",
  ],
  invalid: [
    { code: "USER foobar\n", errors: [{ messageId: "named", line: 1, column: 6, data: {"user": "foobar"} }] },
    { code: "USER foobar:barfoo\n", errors: [{ messageId: "named", line: 1 }] },
    { code: "USER ${APP_UID}\n", errors: [{ messageId: "named", line: 1 }] },
  ],
});
