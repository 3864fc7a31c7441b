import { dockerRuleTester, rule } from "./tester.js";

dockerRuleTester().run("no-undefined-var", rule("no-undefined-var"), {
  valid: [
    "FROM scratch\nARG foo\nCOPY Dockerfile${foo} .\n",
    "FROM alpine AS base\nARG foo=Dockerfile\nFROM base\nCOPY $foo .\n",
    "FROM alpine\nRUN echo $PATH\n",
    "FROM myorg/base:1\nCOPY $ANYTHING .\n",
    "FROM golang:1.22\nENV PATH=$GOPATH/bin:$PATH\n",
  ],
  invalid: [
    {
      code: "FROM scratch AS first\nCOPY $foo .\nFROM scratch\nCOPY $bar .\n",
      output: null,
      errors: [{"messageId": "undefined", "line": 2, "column": 6, "endColumn": 10}, {"messageId": "undefined", "line": 4}],
    },
    {
      code: "FROM alpine\nARG DIR_ASSETS=assets/\nCOPY $DIR_ASSET .\n",
      output: null,
      errors: [{"messageId": "undefined", "data": {"name": "DIR_ASSET", "hint": " Did you mean '$DIR_ASSETS'?"}}],
    },
    {
      code: "FROM alpine\nCOPY $foo .\nARG foo=bar\n",
      output: null,
      errors: [{"messageId": "undefined", "line": 2}],
    },
    {
      code: "FROM alpine\nENV A=1 B=$A\n",
      output: null,
      errors: [{"messageId": "undefined", "line": 2}],
    },
  ],
});

dockerRuleTester().run("no-undefined-var (global ARG)", rule("no-undefined-var"), {
  valid: ["ARG V=1\nFROM alpine\nARG V\nENV X=$V\n"],
  invalid: [
    {
      code: "ARG V=1\nFROM alpine\nENV X=$V\n",
      output: null,
      errors: [{ messageId: "undefined", data: { name: "V", hint: " The ARG before FROM is not visible inside a stage: add 'ARG V' to this stage." } }],
    },
  ],
});
