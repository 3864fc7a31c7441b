import { dockerRuleTester, rule } from "./tester.js";

dockerRuleTester().run("relative-copy-needs-workdir", rule("relative-copy-needs-workdir"), {
  valid: [
    "COPY bla.sh /usr/local/bin/blubb.sh\n",
    "COPY bla.sh \"/usr/local/bin/b.sh\"\n",
    "COPY bla.sh c:\\\\system32\\\\blubb.sh\n",
    "COPY src.sh ${BASE}\n",
    "FROM scratch\nWORKDIR /usr\nCOPY bla.sh blubb.sh\n",
    "FROM debian:12 AS base1\nWORKDIR /usr\nFROM base1 AS base2\nRUN foo\nFROM base2\nCOPY foo bar\n",
  ],
  invalid: [
    { code: "COPY bla.sh blubb.sh\n", errors: [{ messageId: "noWorkdir", line: 1, column: 13, data: {"dest": "blubb.sh"} }] },
    { code: "COPY bla.sh \"blubb.sh\"\n", errors: [{ messageId: "noWorkdir", line: 1 }] },
    { code: "FROM debian:12 AS s1\nWORKDIR /usr\nFROM debian:12\nCOPY foo bar\n", errors: [{ messageId: "noWorkdir", line: 4 }] },
    { code: "FROM debian:12\nADD app.tgz app/\nWORKDIR /x\nCOPY a b\n", errors: [{ messageId: "noWorkdir", line: 2 }] },
  ],
});
