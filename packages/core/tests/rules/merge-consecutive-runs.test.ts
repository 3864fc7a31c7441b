import { dockerRuleTester, rule } from "./tester.js";

dockerRuleTester().run("merge-consecutive-runs", rule("merge-consecutive-runs"), {
  valid: [
    "RUN /foo.sh\n",
    "RUN /foo.sh\nWORKDIR /\nRUN /bar.sh\n",
    "RUN --mount=type=secret,id=foo /foo.sh\nRUN /bar.sh\n",
    "RUN foo && bar\nRUN foobar\n",
    "RUN foobar\nRUN foo; bar\n",
    "ONBUILD RUN a\nONBUILD RUN b\n",
  ],
  invalid: [
    { code: "RUN /foo.sh\nRUN /bar.sh\n", errors: [{ messageId: "consecutive", line: 2, data: {"line": "1"} }] },
    { code: "RUN /foo.sh\n# a comment\n# another\nRUN /bar.sh\n", errors: [{ messageId: "consecutive", line: 4 }] },
    { code: "RUN --mount=type=secret,id=foo /foo.sh\nRUN --mount=type=secret,id=foo /bar.sh\n", errors: [{ messageId: "consecutive", line: 2 }] },
    { code: "RUN foo && bar\nRUN foo\nRUN bar\n", errors: [{ messageId: "consecutive", line: 3 }] },
  ],
});
