import { describe, expect, it } from "vitest";
import { lintWith } from "../helpers.js";
import { dockerRuleTester, rule as pluginRule } from "./tester.js";

describe("no-run-without-shell", () => {
  dockerRuleTester().run("no-run-without-shell", pluginRule("no-run-without-shell"), {
    valid: [
      "FROM alpine:3.20\nRUN echo hi\n",
      "FROM gcr.io/distroless/static-debian12:debug\nRUN echo hi\n",
      // Exec form needs no shell.
      'FROM scratch\nCOPY app /app\nRUN ["/app", "migrate"]\n',
      // A shell the author provides.
      "FROM scratch\nCOPY --from=busybox:1.36 /bin/busybox /bin/sh\nRUN echo hi\n",
      'FROM gcr.io/distroless/static-debian12\nCOPY --from=busybox:1.36 /bin /busybox\nSHELL ["/busybox/sh", "-c"]\nRUN echo hi\n',
      // Unknown images are assumed to have a shell; fragments without FROM too.
      "FROM my.registry/base:1\nRUN echo hi\n",
      "RUN echo hi\n",
    ],
    invalid: [
      { code: "FROM scratch\nRUN mkdir /data\n", errors: [{ messageId: "noShell", data: { image: "scratch" }, line: 2, column: 1 }] },
      {
        code: "FROM gcr.io/distroless/static-debian12:nonroot\nRUN chmod +x /app\n",
        errors: [{ messageId: "noShell", data: { image: "gcr.io/distroless/static-debian12" } }],
      },
      { code: "FROM gcr.io/distroless/base-debian12\nRUN ls\n", errors: [{ messageId: "noShell" }] },
      { code: "FROM cgr.dev/chainguard/static:latest\nRUN ls\n", errors: [{ messageId: "noShell" }] },
      // Through a stage built on scratch, and a shell copied only after the RUN.
      { code: "FROM scratch AS base\nFROM base\nRUN ls\nCOPY --from=busybox:1.36 /bin/busybox /bin/sh\n", errors: [{ messageId: "noShell", line: 3 }] },
    ],
  });

  it("leaves shell-form CMD/ENTRYPOINT/HEALTHCHECK to json-exec-form: one finding each", () => {
    const text = "FROM scratch\nRUN ls\nHEALTHCHECK CMD wget -q localhost\nCMD /app\n";
    const r = lintWith(text, { "no-run-without-shell": "error", "json-exec-form": "error" });
    expect(r.messages.map((m) => `${m.line}:${m.messageId}`)).toEqual(["2:noShell", "3:noShell", "4:noShell"]);
    expect(r.messages.map((m) => m.ruleId)).toEqual(["@docker-lint/no-run-without-shell", "@docker-lint/json-exec-form", "@docker-lint/json-exec-form"]);
  });
});
