import { dockerRuleTester, rule } from "./tester.js";

dockerRuleTester().run("require-labels", rule("require-labels"), {
  valid: [
    "FROM baseimage\n",
    { code: "FROM baseimage\nLABEL foo=\"bar\"\n", options: [{"labelSchema": {"foo": "text"}}] },
    { code: "FROM baseimage AS base\nFROM base\nLABEL foo=\"bar\"\n", options: [{"labelSchema": {"foo": "text"}}] },
    { code: "FROM baseimage AS base\nFROM another\nLABEL foo=\"bar\"\nCOPY --from=base /bar /baz\n", options: [{"labelSchema": {"foo": "text"}}] },
    { code: "FROM baseimage AS base\nLABEL foo=\"bar\"\nFROM base\n", options: [{"labelSchema": {"foo": "text"}}] },
    { code: "LABEL bar=1\n", options: [{"labelSchema": {"foo": "text"}}] },
  ],
  invalid: [
    { code: "FROM baseimage\nLABEL bar=\"baz\"\n", errors: [{ messageId: "missing", line: 1, data: {"label": "foo"} }], options: [{"labelSchema": {"foo": "text"}}] },
    { code: "FROM baseimage\nLABEL foo=\"bar\"\nFROM newimage\n", errors: [{ messageId: "missing", line: 3 }], options: [{"labelSchema": {"foo": "text"}}] },
    { code: "FROM baseimage AS base\nFROM base\n", errors: [{ messageId: "missing", line: 2 }], options: [{"labelSchema": {"foo": "text"}}] },
    { code: "FROM baseimage AS base\nFROM newimage\nLABEL foo=\"bar\"\nCOPY --from=base /bar /baz\n\nFROM newimage\nCOPY --from=base /bar /baz\n", errors: [{ messageId: "missing", line: 6 }], options: [{"labelSchema": {"foo": "text"}}] },
    { code: "FROM baseimage AS base\nFROM base\n\nFROM base\nLABEL foo=\"bar\"\n", errors: [{ messageId: "missing", line: 2 }], options: [{"labelSchema": {"foo": "text"}}] },
  ],
});
