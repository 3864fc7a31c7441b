import { dockerRuleTester, rule } from "./tester.js";

dockerRuleTester().run("label-schema", rule("label-schema"), {
  valid: [
    "LABEL u=\"not-url\"\n",
    { code: "LABEL urllabel=\"http://example.com\"\n", options: [{"labelSchema": {"urllabel": "url"}}] },
    { code: "LABEL other=\"\"\n", options: [{"labelSchema": {"emptylabel": "text"}}] },
    { code: "LABEL d=\"2021-03-10T10:26:33.564595127+01:00\"\n", options: [{"labelSchema": {"d": "rfc3339"}}] },
    { code: "LABEL s=\"BSD-3-Clause\"\n", options: [{"labelSchema": {"s": "spdx"}}] },
    { code: "LABEL s=\"(MIT OR Apache-2.0) AND LicenseRef-acme\"\n", options: [{"labelSchema": {"s": "spdx"}}] },
    { code: "LABEL g=\"2dbfae9\"\n", options: [{"labelSchema": {"g": "hash"}}] },
    { code: "LABEL v=\"2.0.1-rc1\"\n", options: [{"labelSchema": {"v": "semver"}}] },
    { code: "LABEL m=\"abcd@google.com\"\n", options: [{"labelSchema": {"m": "email"}}] },
    { code: "LABEL v=\"$VERSION\"\n", options: [{"labelSchema": {"v": "semver"}}] },
    { code: "LABEL required=\"foo\"\n", options: [{"labelSchema": {"required": "text"}, "strictLabels": true}] },
  ],
  invalid: [
    { code: "LABEL urllabel=\"not-url\"\n", errors: [{ messageId: "wrongType", line: 1, data: {"key": "urllabel", "type": "a URL", "value": "not-url"} }], options: [{"labelSchema": {"urllabel": "url"}}] },
    { code: "LABEL emptylabel=\"\"\n", errors: [{ messageId: "empty", line: 1 }], options: [{"labelSchema": {"emptylabel": "text"}}] },
    { code: "LABEL d=\"not-date\"\n", errors: [{ messageId: "wrongType", line: 1 }], options: [{"labelSchema": {"d": "rfc3339"}}] },
    { code: "LABEL s=\"not-spdx\"\n", errors: [{ messageId: "wrongType", line: 1 }], options: [{"labelSchema": {"s": "spdx"}}] },
    { code: "LABEL s=\"MIT OR\"\n", errors: [{ messageId: "wrongType", line: 1 }], options: [{"labelSchema": {"s": "spdx"}}] },
    { code: "LABEL g=\"not-git-hash\"\n", errors: [{ messageId: "wrongType", line: 1 }], options: [{"labelSchema": {"g": "hash"}}] },
    { code: "LABEL v=\"not-sem-ver\"\n", errors: [{ messageId: "wrongType", line: 1 }], options: [{"labelSchema": {"v": "semver"}}] },
    { code: "LABEL m=\"not-email\"\n", errors: [{ messageId: "wrongType", line: 1 }], options: [{"labelSchema": {"m": "email"}}] },
    { code: "LABEL required=\"foo\" other=\"bar\"\n", errors: [{ messageId: "notInSchema", line: 1, data: {"key": "other", "known": "required"} }], options: [{"labelSchema": {"required": "text"}, "strictLabels": true}] },
  ],
});
