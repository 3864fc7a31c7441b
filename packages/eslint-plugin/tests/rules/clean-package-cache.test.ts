import { dockerRuleTester, rule } from "./tester.js";

dockerRuleTester().run("clean-package-cache", rule("clean-package-cache"), {
  valid: [
    "FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n",
    "FROM alpine:3.20\nRUN apk add --no-cache git\n",
    { code: "FROM alpine:3.20\nRUN apk add git\n", options: [{ managers: ["apt"] }] },
  ],
  invalid: [
    { code: "FROM debian:12\nRUN apt-get update\n", errors: [{ messageId: "aptLists", data: { command: "apt-get update" }, line: 2, column: 5, endColumn: 19 }] },
    { code: "FROM fedora:40\nRUN dnf install -y git\n", errors: [{ messageId: "cleanAfter", data: { command: "dnf install", clean: "dnf clean all" } }] },
    { code: "FROM python:3.12\nRUN pip install flask\n", errors: [{ messageId: "pipCache", line: 2 }] },
  ],
});
