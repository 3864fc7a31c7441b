import { dockerRuleTester, rule } from "./tester.js";

dockerRuleTester().run("valid-definition-description", rule("valid-definition-description"), {
  valid: [
    "# base is a stage for compiling source\nFROM scratch AS base\n# VERSION This is the version number.\nARG VERSION=1\n",
    // A blank line between: not a description.
    "# a non-descriptive comment\n\nFROM scratch AS base\n\n# another non-descriptive comment\n\nARG VERSION=1\n",
    // Any key of a multi-key ARG; an empty `#` line is skipped; FROM without a name has nothing to describe.
    "FROM scratch\n# baz this is the baz\nARG foo=baz bar=qux baz=quux\n# bit the bit\n#\nARG bit=bat\n# not a description\nFROM scratch\n",
    // Other instructions are not definitions.
    "FROM scratch\n# comment for something other than ARG or FROM\nCOPY Dockerfile .\n",
  ],
  invalid: [
    {
      code: "# check=experimental=InvalidDefinitionDescription\n# bar this is the bar\nARG foo=bar\n# BasE this is the BasE image\nFROM scratch AS base\n# definitely a bad comment\nARG version=latest\n# definitely a bad comment\nARG foo=baz bar=qux baz=quux\n",
      errors: [
        { messageId: "format", line: 3, data: { keyword: "ARG", key: "foo" } },
        { messageId: "format", line: 5, data: { keyword: "FROM", key: "base" } },
        { messageId: "format", line: 7, data: { keyword: "ARG", key: "version" } },
        { messageId: "format", line: 9, data: { keyword: "ARG", key: "<arg_key>" } },
      ],
    },
    { code: "# a non-descriptive comment\nFROM scratch AS base\n\n# another non-descriptive comment\nARG VERSION=1\n", errors: [{ messageId: "format", line: 2 }, { messageId: "format", line: 5 }] },
    // Only the last comment line counts.
    { code: "# VERSION the version\n# more words\nARG VERSION\n", errors: [{ messageId: "format", line: 3 }] },
  ],
});
