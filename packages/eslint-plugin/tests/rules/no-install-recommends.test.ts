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
