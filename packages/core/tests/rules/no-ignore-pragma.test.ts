import { dockerRuleTester, rule } from "./tester.js";

dockerRuleTester().run("no-ignore-pragma", rule("no-ignore-pragma"), {
  valid: [
    "# hadolint shell=powershell\nRUN foo\n",
    "FROM alpine:3.20\n# just a note\nRUN foo\n",
  ],
  invalid: [
    { code: "# hadolint ignore=DL3003\nRUN foo\n", errors: [{ messageId: "pragma", line: 1 }] },
    { code: "FROM alpine:3.20\n# hadolint global ignore=DL3059\nRUN a\n", errors: [{ messageId: "pragma", line: 2 }] },
  ],
});
