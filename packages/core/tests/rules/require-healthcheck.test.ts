import { dockerRuleTester, rule } from "./tester.js";

dockerRuleTester().run("require-healthcheck", rule("require-healthcheck"), {
  valid: [
    "FROM scratch\nHEALTHCHECK NONE\n",
    "FROM scratch\nHEALTHCHECK CMD /bin/bla\n",
    "FROM scratch AS base\nHEALTHCHECK CMD /bin/bla\nFROM base\n",
    "FROM scratch AS base1\nFROM base1 AS base2\nFROM base2 AS end\nHEALTHCHECK NONE\n",
    "RUN foo\n",
  ],
  invalid: [
    { code: "FROM scratch\n", errors: [{ messageId: "missing", line: 1 }] },
    { code: "FROM scratch AS base\nHEALTHCHECK CMD /bin/bla\nFROM scratch\n", errors: [{ messageId: "missing", line: 3 }] },
    { code: "FROM scratch AS base1\nFROM base1 AS base2\nFROM base2 AS b31\nFROM base2 AS b32\nFROM b31 AS end1\nHEALTHCHECK NONE\nFROM b32 AS end2\n", errors: [{ messageId: "missing", line: 7 }] },
  ],
});
