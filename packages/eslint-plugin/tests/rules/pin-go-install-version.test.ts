import { dockerRuleTester, rule } from "./tester.js";

dockerRuleTester().run("pin-go-install-version", rule("pin-go-install-version"), {
  valid: ["FROM golang:1.22.5-alpine AS build\nRUN go install github.com/x/tool@v1.2.3\n"],
  invalid: [
    { code: "FROM golang:1.22-alpine AS b\nRUN go install github.com/x/tool@latest\n", errors: [{ messageId: "unpinnedGoInstall", line: 2, column: 16, endColumn: 40 }] },
  ],
});
