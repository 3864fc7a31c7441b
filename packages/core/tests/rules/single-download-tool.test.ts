import { dockerRuleTester, rule } from "./tester.js";

dockerRuleTester().run("single-download-tool", rule("single-download-tool"), {
  valid: [
    "FROM node:20.12 AS foo\nRUN wget my.xyz\n",
    "FROM node:20.12 AS foo\nRUN wget my.xyz\nFROM scratch\nRUN curl localhost\n",
  ],
  invalid: [
    { code: "FROM node:20.12 AS foo\nRUN wget my.xyz\nRUN curl localhost\n", errors: [{ messageId: "both", line: 3, data: {"other": "wget", "line": "2"} }] },
    { code: "FROM node:20.12 AS foo\nRUN wget my.xyz && curl localhost\n", errors: [{ messageId: "both", line: 2 }] },
    { code: "FROM node:20.12\nRUN curl a\nRUN wget b\nRUN echo\nRUN wget c\n", errors: [{ messageId: "both", line: 3, data: {"other": "curl", "line": "2"} }, { messageId: "both", line: 5 }] },
  ],
});
