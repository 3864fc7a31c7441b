import { dockerRuleTester, rule } from "./tester.js";

dockerRuleTester().run("valid-syntax", rule("valid-syntax"), {
  valid: ["ARG V=1\nFROM a:${V}\nRUN [ -f /x ]\n", "FROM a\nRUN <<EOF\necho\nEOF\nCOPY --link -- a /b\n", "FROM a\nCMD cat <<EOF\n"],
  invalid: [
    { code: "FROM a\nFOOBAR x\n", errors: [{ messageId: "syntax", data: { message: 'Unknown instruction "FOOBAR"' }, line: 2, column: 1 }] },
    { code: "FROM a\nRUN <<EOF\necho\n", errors: [{ messageId: "syntax", line: 2 }] },
    { code: "FROM a\nCMD [\"a\", 'b']\n", errors: [{ messageId: "syntax", line: 2, column: 5 }] },
    { code: "FROM a\nRUN --cache=1 make\n", errors: [{ messageId: "syntax", data: { message: "RUN takes no --cache flag" } }] },
    { code: "RUN x\nFROM a\n", errors: [{ messageId: "syntax", line: 1 }] },
    { code: "# only a comment\n", errors: [{ messageId: "syntax", data: { message: "The file has no instructions" } }] },
  ],
});
