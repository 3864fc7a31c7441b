import { dockerRuleTester, rule } from "./tester.js";

dockerRuleTester().run("require-image-tag", rule("require-image-tag"), {
  valid: [
    "FROM golang:1.22 AS build\nFROM build\n",
    "FROM scratch\n",
    "FROM alpine@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n",
    "ARG BASE\nFROM ${BASE}\n",
    { code: "FROM my-registry.local/base\n", options: [{ allow: ["my-registry.local/*"] }] },
  ],
  invalid: [
    {
      code: "FROM   golang AS build\nFROM scratch\n",
      errors: [{ messageId: "missingTag", data: { image: "golang" }, line: 1, column: 8, endLine: 1, endColumn: 14 }],
    },
    { code: "FROM alpine:latest\n", errors: [{ messageId: "latestTag", line: 1, column: 6 }] },
    { code: "ARG BASE=debian\nFROM ${BASE}\n", errors: [{ messageId: "missingTag", data: { image: "debian" } }] },
    {
      code: "FROM my-registry.local/base\nFROM other.local/base\n",
      options: [{ allow: ["my-registry.local/*"] }],
      errors: [{ messageId: "missingTag", line: 2 }],
    },
  ],
});
