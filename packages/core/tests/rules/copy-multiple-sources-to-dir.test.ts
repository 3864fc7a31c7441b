import { dockerRuleTester, rule } from "./tester.js";

dockerRuleTester().run("copy-multiple-sources-to-dir", rule("copy-multiple-sources-to-dir"), {
  valid: [
    "COPY foo bar\n",
    "COPY foo bar baz/\n",
    "COPY foo bar \"baz/\"\n",
    "COPY a b $DEST\n",
    "COPY [\"a\", \"b\", \"/c/\"]\n",
    "COPY go.mod go.sum .\n",
    "COPY a b ..\n",
    "COPY a b ./.\n",
  ],
  invalid: [
    { code: "COPY foo bar baz\n", errors: [{ messageId: "needsSlash", line: 1, column: 14 }], output: "COPY foo bar baz/\n" },
    { code: "COPY foo bar \"baz\"\n", errors: [{ messageId: "needsSlash", line: 1 }], output: "COPY foo bar \"baz/\"\n" },
    { code: "ADD a b /c\n", errors: [{ messageId: "needsSlash", line: 1, data: {"keyword": "ADD", "count": "2", "dest": "/c"} }], output: "ADD a b /c/\n" },
    { code: "COPY [\"a\", \"b\", \"/c\"]\n", errors: [{ messageId: "needsSlash", line: 1 }] },
  ],
});
