import { dockerRuleTester, rule } from "./tester.js";

dockerRuleTester().run("no-zypper-dist-upgrade", rule("no-zypper-dist-upgrade"), {
  valid: ["FROM opensuse/leap:15\nRUN zypper -n update\n"],
  invalid: [{ code: "FROM opensuse/leap:15\nRUN zypper dup\n", errors: [{ messageId: "distUpgrade", data: { verb: "dup" }, line: 2 }] }],
});
