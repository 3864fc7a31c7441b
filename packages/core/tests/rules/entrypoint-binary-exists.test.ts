import { describe, expect, it } from "vitest";
import { lintWith } from "../helpers.js";
import { dockerRuleTester, rule as pluginRule } from "./tester.js";

const BUILD = "FROM golang:1.22 AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/app .\n";

describe("entrypoint-binary-exists", () => {
  dockerRuleTester().run("entrypoint-binary-exists", pluginRule("entrypoint-binary-exists"), {
    valid: [
      `${BUILD}FROM scratch\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]\n`,
      // Copied into a folder: the file keeps its name.
      `${BUILD}FROM scratch\nCOPY --from=build /out/app /usr/local/bin/\nENTRYPOINT ["/usr/local/bin/app"]\n`,
      `${BUILD}FROM scratch\nCOPY --from=build /out/ /bin/\nENTRYPOINT ["/bin/app"]\n`,
      // A bare name found through PATH.
      `${BUILD}FROM scratch\nCOPY --from=build /out/app /usr/local/bin/app\nCMD ["app"]\n`,
      // Relative to WORKDIR.
      `${BUILD}FROM gcr.io/distroless/static-debian12:nonroot\nWORKDIR /srv\nCOPY --from=build /out/app .\nENTRYPOINT ["./app"]\n`,
      // Whole folders copied to the root may hold anything.
      `${BUILD}FROM scratch\nCOPY --from=build /out /\nENTRYPOINT ["/app"]\n`,
      // What the base ships: distroless debug has busybox.
      `FROM gcr.io/distroless/static-debian12:debug\nENTRYPOINT ["/busybox/sh"]\n`,
      // Bases whose contents are unknown are not judged.
      `FROM alpine:3.20\nENTRYPOINT ["/app"]\n`,
      `FROM gcr.io/distroless/base-debian12\nENTRYPOINT ["/app"]\n`,
      // Only the final stage ships.
      `FROM scratch AS a\nENTRYPOINT ["/app"]\nFROM alpine:3.20\n`,
      // Shell form is json-exec-form's finding.
      `FROM scratch\nENTRYPOINT /app\n`,
      // Inherited from a parent stage that copied it.
      `${BUILD}FROM scratch AS base\nCOPY --from=build /out/app /app\nFROM base\nENTRYPOINT ["/app"]\n`,
      // A COPY with a variable destination may put it anywhere.
      `${BUILD}FROM scratch\nARG DEST\nCOPY --from=build /out/app $DEST\nENTRYPOINT ["/app"]\n`,
      // A wasm module is run by the wasm runtime.
      `FROM scratch\nENTRYPOINT ["service.wasm"]\nCOPY service.wasm /service.wasm\n`,
      // With an ENTRYPOINT, CMD holds arguments.
      `${BUILD}FROM scratch\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]\nCMD ["serve"]\n`,
    ],
    invalid: [
      {
        code: `${BUILD}FROM scratch\nCOPY --from=build /out/app /server\nENTRYPOINT ["/app"]\n`,
        errors: [{ messageId: "missing", data: { keyword: "ENTRYPOINT", program: "/app", image: "scratch" }, line: 7, column: 12 }],
      },
      {
        code: `${BUILD}FROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /out/app /app\nCMD ["/bin/app"]\n`,
        errors: [{ messageId: "missing", data: { keyword: "CMD", program: "/bin/app", image: "gcr.io/distroless/static-debian12" } }],
      },
      {
        code: `${BUILD}FROM scratch\nCOPY --from=build /out/app /app\nCMD ["app"]\n`,
        errors: [{ messageId: "missingOnPath" }],
      },
      {
        code: `${BUILD}FROM scratch\nWORKDIR /srv\nCOPY --from=build /out/app /app\nENTRYPOINT ["./app"]\n`,
        errors: [{ messageId: "missing", data: { keyword: "ENTRYPOINT", program: "/srv/app", image: "scratch" } }],
      },
      {
        code: `FROM cgr.dev/chainguard/static:latest\nENTRYPOINT ["/usr/bin/server"]\n`,
        errors: [{ messageId: "missing" }],
      },
    ],
  });

  it("gives one finding for a shell-form ENTRYPOINT on scratch: json-exec-form's", () => {
    const r = lintWith("FROM scratch\nENTRYPOINT /app\n", { "entrypoint-binary-exists": "error", "json-exec-form": "error" });
    expect(r.messages.map((m) => m.messageId)).toEqual(["noShell"]);
  });
});
