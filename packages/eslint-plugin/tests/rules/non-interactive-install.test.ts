import { dockerRuleTester, rule } from "./tester.js";

dockerRuleTester().run("non-interactive-install", rule("non-interactive-install"), {
  valid: ["FROM debian:12\nRUN apt-get install -y curl\n", "FROM fedora:40\nRUN dnf -y install git\n"],
  invalid: [
    {
      code: "FROM debian:12\nRUN apt-get install curl\n",
      output: "FROM debian:12\nRUN apt-get install -y curl\n",
      errors: [{ messageId: "missingYes", data: { command: "apt-get install", yes: "-y" }, line: 2, column: 5, endColumn: 20 }],
    },
    { code: "FROM opensuse/leap:15\nRUN zypper in curl\n", output: "FROM opensuse/leap:15\nRUN zypper in -y curl\n", errors: [{ messageId: "missingYes" }] },
  ],
});
