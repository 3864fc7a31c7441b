import { dockerRuleTester, rule } from "./tester.js";

dockerRuleTester().run("prefer-add-to-extract", rule("prefer-add-to-extract"), {
  valid: [
    "COPY package.json /usr/src/app\n",
    "COPY --from=builder /x/some.tar /opt/some.tar\nRUN tar -xf /opt/some.tar\n",
    "COPY app.tar /opt/\nFROM debian:12\nRUN tar -xf /opt/app.tar\n",
    "COPY app.tar /opt/\nRUN tar -cf /opt/app.tar /src\n",
  ],
  invalid: [
    { code: "COPY packaged-app.tar /usr/src/app\nRUN tar -xf /usr/src/app/packaged-app.tar\n", errors: [{ messageId: "useAdd", line: 1, data: {"archive": "packaged-app.tar", "line": "2"} }] },
    { code: "FROM debian:12\nCOPY a.zip.gz /tmp/a.gz\nWORKDIR /tmp\nRUN gunzip a.gz\n", errors: [{ messageId: "useAdd", line: 2 }] },
    { code: "FROM debian:12 AS one\nCOPY x.tgz /x.tgz\nRUN tar xzf /x.tgz\nFROM debian:12\nRUN echo\n", errors: [{ messageId: "useAdd", line: 2 }] },
  ],
});
