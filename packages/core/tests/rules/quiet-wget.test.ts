import { dockerRuleTester, rule } from "./tester.js";

dockerRuleTester().run("quiet-wget", rule("quiet-wget"), {
  valid: [
    "RUN wget --progress=dot:giga my.xyz\n",
    "RUN wget -q my.xyz\n",
    "RUN wget -nv my.xyz\n",
    "RUN wget -qO- my.xyz\n",
    "RUN wget --output-file=/tmp/w.log my.xyz\n",
    "RUN wget -a /tmp/w.log my.xyz\n",
  ],
  invalid: [
    { code: "FROM node:20.12 AS foo\nRUN wget my.xyz\n", errors: [{ messageId: "progress", line: 2 }] },
    { code: "ONBUILD RUN wget my.xyz\n", errors: [{ messageId: "progress", line: 1 }] },
    { code: "RUN curl -fsSL x | sh && /usr/bin/wget -O /x y\n", errors: [{ messageId: "progress", line: 1 }] },
  ],
});
