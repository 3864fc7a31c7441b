import { dockerRuleTester, rule } from "./tester.js";

dockerRuleTester().run("pin-package-versions", rule("pin-package-versions"), {
  valid: [
    "FROM debian:12\nRUN apt-get install -y curl=7.88.1-10\n",
    "FROM alpine:3.20\nRUN apk add --no-cache git=2.45.2-r0\n",
    "FROM python:3.12\nRUN pip install -r requirements.txt\n",
    { code: "FROM debian:12\nRUN apt-get install -y curl\n", options: [{ managers: ["apk"] }] },
  ],
  invalid: [
    {
      code: "FROM debian:12\nRUN apt-get install -y curl\n",
      errors: [{ messageId: "unpinned", data: { pkg: "curl", command: "apt-get install", how: "<package>=<version>" }, line: 2, column: 24 }],
    },
    { code: "ONBUILD RUN npm install -g typescript\n", errors: [{ messageId: "unpinned", line: 1 }] },
    { code: "FROM fedora:40\nRUN dnf module install -y nodejs\n", errors: [{ messageId: "unpinnedModule", line: 2 }] },
  ],
});
