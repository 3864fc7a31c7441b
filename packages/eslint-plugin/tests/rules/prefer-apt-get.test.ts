import { dockerRuleTester, rule } from "./tester.js";

dockerRuleTester().run("prefer-apt-get", rule("prefer-apt-get"), {
  valid: ["FROM debian:12\nRUN apt-get install -y curl\n"],
  invalid: [
    {
      code: "FROM debian:12\nRUN apt install -y curl\n",
      errors: [{ messageId: "useAptGet", line: 2, column: 5, endColumn: 8, suggestions: [{ messageId: "replaceWithAptGet", output: "FROM debian:12\nRUN apt-get install -y curl\n" }] }],
    },
  ],
});
