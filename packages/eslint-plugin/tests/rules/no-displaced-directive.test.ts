import { dockerRuleTester, rule } from "./tester.js";

dockerRuleTester().run("no-displaced-directive", rule("no-displaced-directive"), {
  valid: [
    "# syntax=docker/dockerfile:1\n# escape=\\\n# check=skip=all\nFROM alpine:3.20\n",
    "# syntax=docker/dockerfile:1\n# Licence header\nFROM alpine\n",
    "FROM alpine:3.20\n# foo=bar\n",
  ],
  invalid: [
    {
      // (ESLint directive comments displace it the same way: see ../eslint.test.ts, which runs them for real.)
      code: "# Licence header\n# syntax=docker/dockerfile:1\nFROM alpine:3.20\n",
      errors: [
        {
          messageId: "displaced",
          data: { name: "syntax", endLine: "1", endWhat: "a comment" },
          line: 2,
          column: 1,
          endColumn: 29,
          suggestions: [
            {
              messageId: "moveToTop",
              output: "# syntax=docker/dockerfile:1\n# Licence header\nFROM alpine:3.20\n",
            },
          ],
        },
      ],
    },
    {
      code: "\n# escape=`\nFROM alpine:3.20\n",
      errors: [{ messageId: "displaced", data: { name: "escape", endLine: "1", endWhat: "a blank line" }, suggestions: [{ messageId: "moveToTop", output: "# escape=`\n\nFROM alpine:3.20\n" }] }],
    },
    {
      code: "# syntax=a\nFROM alpine:3.20\n# syntax=b\n",
      errors: [{ messageId: "duplicate", data: { name: "syntax", first: "1" }, line: 3, suggestions: [{ messageId: "removeLine", output: "# syntax=a\nFROM alpine:3.20\n" }] }],
    },
  ],
});
