import { dockerRuleTester, rule } from "./tester.js";

dockerRuleTester().run("no-install-recommends", rule("no-install-recommends"), {
  valid: ["FROM debian:12\nRUN apt-get install -y --no-install-recommends curl\n"],
  invalid: [
    {
      code: "FROM debian:12\nRUN apt-get install -y curl\n",
      output: "FROM debian:12\nRUN apt-get install --no-install-recommends -y curl\n",
      errors: [{ messageId: "installsRecommends", data: { command: "apt-get install" }, line: 2, column: 5, endColumn: 20 }],
    },
  ],
});

dockerRuleTester().run("prefer-apt-get", rule("prefer-apt-get"), {
  valid: ["FROM debian:12\nRUN apt-get install -y curl\n"],
  invalid: [
    {
      code: "FROM debian:12\nRUN apt install -y curl\n",
      errors: [{ messageId: "useAptGet", line: 2, column: 5, endColumn: 8, suggestions: [{ messageId: "replaceWithAptGet", output: "FROM debian:12\nRUN apt-get install -y curl\n" }] }],
    },
  ],
});

dockerRuleTester().run("no-zypper-dist-upgrade", rule("no-zypper-dist-upgrade"), {
  valid: ["FROM opensuse/leap:15\nRUN zypper -n update\n"],
  invalid: [{ code: "FROM opensuse/leap:15\nRUN zypper dup\n", errors: [{ messageId: "distUpgrade", data: { verb: "dup" }, line: 2 }] }],
});
