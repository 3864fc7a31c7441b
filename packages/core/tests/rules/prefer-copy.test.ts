import { dockerRuleTester, rule } from "./tester.js";

dockerRuleTester().run("prefer-copy", rule("prefer-copy"), {
  valid: [
    "ADD file.tar /usr/src/app/\n",
    "ADD http://file.com /usr/src/app/\n",
    "ADD \"file.tgz\" /usr/src/app/\n",
    "COPY file /usr/src/app/\n",
    "ADD <<EOF /app/x\nhello\nEOF\n",
  ],
  invalid: [
    { code: "ADD file /usr/src/app/\n", errors: [{ messageId: "useCopy", line: 1 }], output: "COPY file /usr/src/app/\n" },
    { code: "ADD \"file.zip\" /usr/src/app/\n", errors: [{ messageId: "useCopy", line: 1 }], output: "COPY \"file.zip\" /usr/src/app/\n" },
    { code: "ADD --chown=1:1 conf/ /etc/app/\n", errors: [{ messageId: "useCopy", line: 1 }], output: "COPY --chown=1:1 conf/ /etc/app/\n" },
    { code: "ADD --checksum=sha256:abc conf /etc/app/\n", errors: [{ messageId: "useCopy", line: 1 }], output: null },
  ],
});
