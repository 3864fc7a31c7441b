import { dockerRuleTester, rule } from "./tester.js";

dockerRuleTester().run("valid-default-arg-in-from", rule("valid-default-arg-in-from"), {
  valid: [
    "ARG VERSION=latest\nFROM busybox:${VERSION}\n",
    "ARG V\nFROM busybox:stable${V}\n",
    "ARG TAG\nFROM alpine:${TAG:-3.14}\n",
    "FROM node:22${VARIANT}\n",
  ],
  invalid: [
    {
      code: "ARG VERSION\nFROM busybox:$VERSION\n",
      output: null,
      errors: [{"messageId": "invalid", "line": 2}],
    },
    {
      code: "ARG IMAGE\nFROM $IMAGE\n",
      output: null,
      errors: [{"messageId": "invalid", "data": {"result": "no image at all", "args": "'IMAGE'", "first": "IMAGE"}}],
    },
    {
      code: "ARG SFX=\"box:\"\nFROM busy${SFX}\n",
      output: null,
      errors: [{"messageId": "invalid"}],
    },
  ],
});
