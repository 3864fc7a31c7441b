import { dockerRuleTester, rule } from "./tester.js";

dockerRuleTester().run("absolute-workdir", rule("absolute-workdir"), {
  valid: [
    "FROM alpine\nWORKDIR /app\n",
    "FROM alpine AS a\nWORKDIR /app\nFROM a\nWORKDIR sub\n",
    "FROM alpine\nWORKDIR ${dir}\n",
    "WORKDIR C:/\n",
    "WORKDIR \"/usr/local\"\n",
  ],
  invalid: [
    {
      code: "FROM alpine\nWORKDIR app/\n",
      output: null,
      errors: [{"messageId": "relative", "line": 2, "column": 9}],
    },
    {
      code: "WORKDIR 'relative/dir'\n",
      output: null,
      errors: [{"messageId": "relative", "data": {"path": "relative/dir", "why": "resolves against the base image's WORKDIR, which can change with the image", "suggested": "relative/dir"}}],
    },
    {
      code: "FROM alpine\nWORKDIR /app\nWORKDIR sub\n",
      output: null,
      options: [{"everyWorkdir": true}],
      errors: [{"messageId": "relative", "line": 3}],
    },
    {
      code: "FROM alpine AS a\nWORKDIR /app\nFROM alpine\nWORKDIR sub\n",
      output: null,
      errors: [{"messageId": "relative", "line": 4}],
    },
  ],
});
