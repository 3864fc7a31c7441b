import { dockerRuleTester, rule } from "./tester.js";

dockerRuleTester().run("trusted-registries", rule("trusted-registries"), {
  valid: [
    "FROM random.com/debian\n",
    { code: "FROM scratch\n", options: [{"trustedRegistries": ["trusted.com"]}] },
    { code: "FROM trusted.com/foo AS b1\nFROM b1 AS b2\n", options: [{"trustedRegistries": ["trusted.com"]}] },
    { code: "FROM foo.trusted.com/x:1\n", options: [{"trustedRegistries": ["*.trusted.com"]}] },
    { code: "FROM ubuntu:18.04\nFROM docker.io/x/y:1\n", options: [{"trustedRegistries": ["docker.io"]}] },
    { code: "ARG REG\nFROM ${REG}/x:1\n", options: [{"trustedRegistries": ["trusted.com"]}] },
    { code: "FROM trusted.com/a:1 AS build\nCOPY --from=build /a /a\n", options: [{"trustedRegistries": ["trusted.com"]}] },
  ],
  invalid: [
    { code: "FROM random.com/debian\n", errors: [{ messageId: "untrusted", line: 1, column: 6, data: {"image": "random.com/debian", "registry": "random.com", "trusted": "trusted.com"} }], options: [{"trustedRegistries": ["trusted.com"]}] },
    { code: "FROM ubuntu:18.04\n", errors: [{ messageId: "untrusted", line: 1, data: {"image": "ubuntu:18.04", "registry": "docker.io", "trusted": "trusted.com"} }], options: [{"trustedRegistries": ["trusted.com"]}] },
    { code: "COPY --from=untrusted.com/repo/image:tag /foo /bar\n", errors: [{ messageId: "untrusted", line: 1, column: 6 }], options: [{"trustedRegistries": ["trusted.com"]}] },
    { code: "RUN --mount=type=bind,from=untrusted.com/repo/image:tag,target=/foo foobar\n", errors: [{ messageId: "untrusted", line: 1 }], options: [{"trustedRegistries": ["trusted.com"]}] },
    { code: "FROM x.com/debian\n", errors: [{ messageId: "untrusted", line: 1 }], options: [{"trustedRegistries": ["*.random.com"]}] },
  ],
});
