import { dockerRuleTester, rule } from "./tester.js";

dockerRuleTester().run("no-constant-platform", rule("no-constant-platform"), {
  valid: [
    "FROM --platform=$BUILDPLATFORM golang:1.22\n",
    "FROM --platform=linux/amd64 alpine AS build_amd64\n",
    "FROM --platform=linux/arm64 alpine AS linux\n",
    "FROM alpine\n",
  ],
  invalid: [
    {
      code: "FROM --platform=linux/amd64 alpine AS base\n",
      output: null,
      errors: [{"messageId": "constant", "line": 1, "column": 6}],
    },
    {
      code: "FROM --platform=\"linux\" debian:bookworm\n",
      output: null,
      errors: [{"messageId": "constant"}],
    },
  ],
});
