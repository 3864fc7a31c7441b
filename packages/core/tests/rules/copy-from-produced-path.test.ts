import { describe, expect, it } from "vitest";
import { ids, lintWith } from "../helpers.js";
import { dockerRuleTester, rule as pluginRule } from "./tester.js";

const rule = { "copy-from-produced-path": "error" as const };
const lint = (text: string) => lintWith(text, rule);

describe("copy-from-produced-path", () => {
  const build = (runs: string, extra = "") => `FROM golang:1.22 AS build\nWORKDIR /src\nCOPY . .\n${extra}${runs}\nFROM scratch\n`;

  it.each([
    [build("RUN go build -o /out/server ./cmd/server") + "COPY --from=build /out/srv /srv\n"],
    [build("RUN CGO_ENABLED=0 go build -o /out/server ./cmd/server") + "COPY --from=build /out/server /out/client /\n"],
    [build("RUN go build -o /out/server ./cmd/server") + "COPY --from=build /go/bin/server /server\n"],
    [build("RUN go install ./cmd/server") + "COPY --from=build /out/server /server\n"],
    [build("RUN mkdir -p /out && go build -o /out/app .") + "COPY --from=build /out/ap /app\n"],
    [build("RUN go mod download\nRUN go vet ./... && go build -trimpath -o /out/app .") + "COPY --from=build /out/app.exe /app\n"],
    // A folder nothing created: golang images have no /data.
    [build("RUN go build -o /out/a .") + "COPY --from=build /data/b /b\n"],
    // A glob that matches none of the outputs.
    [build("RUN go build -o /out/server ./cmd/server") + "COPY --from=build /out/*.so /lib/\n"],
  ])("reports %j", (text) => {
    expect(ids(lint(text).messages)).toEqual(["missingSource"]);
  });

  // Through ESLint's RuleTester: no report for each of these.
  dockerRuleTester().run("copy-from-produced-path: accepts", pluginRule("copy-from-produced-path"), {
    valid: [
    [build("RUN go build -o /out/server ./cmd/server") + "COPY --from=build /out/server /server\n"],
    [build("RUN go build -o /out/server ./cmd/server") + "COPY --from=build /out /\n"],
    [build("RUN go build -o /out/server ./cmd/server") + "COPY --from=build /out/* /\n"],
    // `go install` writes /go/bin/<name> (or a GOOS_GOARCH subfolder).
    [build("RUN go install ./cmd/server") + "COPY --from=build /go/bin/server /server\n"],
    [build("RUN GOARCH=arm64 go install ./cmd/server") + "COPY --from=build /go/bin/linux_arm64/server /server\n"],
    // `-o dir/` with several packages writes one binary per package.
    [build("RUN go build -o /out/ ./cmd/...") + "COPY --from=build /out/server /server\n"],
    [build("RUN go build -o /out/ ./cmd/a ./cmd/b") + "COPY --from=build /out/c /c\n"],
    // Relative -o against WORKDIR and after cd.
    [build("RUN go build -o server ./cmd/server") + "COPY --from=build /src/server /server\n"],
    [build("RUN cd cmd/server && go build -o /out/server .") + "COPY --from=build /out/server /server\n"],
    // Sources from COPY . . may hold anything.
    [build("RUN go build -o /out/server ./cmd/server") + "COPY --from=build /src/config.yaml /config.yaml\n"],
    // Commands whose writes we don't know: no report.
    [build("RUN make build") + "COPY --from=build /out/anything /x\n"],
    [build("RUN ./scripts/build.sh && go build -o /out/a .") + "COPY --from=build /out/b /b\n"],
    [build("RUN go build -o /out/a . && cp /out/a /out/b") + "COPY --from=build /out/b /b\n"],
    [build("RUN go build -o /out/a . && mv /out/a /out/b") + "COPY --from=build /out/b /b\n"],
    [build("RUN go build -o /out/a . && echo hi > /out/b") + "COPY --from=build /out/b /b\n"],
    [build("RUN go generate ./... && go build -o /out/a .") + "COPY --from=build /out/b /b\n"],
    [build("RUN go run ./gen -o /out/b && go build -o /out/a .") + "COPY --from=build /out/b /b\n"],
    [build("RUN go test -c -o /out/b ./pkg && go build -o /out/a .") + "COPY --from=build /out/b /b\n"],
    [build("RUN if true; then go build -o /out/b .; fi\nRUN go build -o /out/a .") + "COPY --from=build /out/b /b\n"],
    [build("RUN go build -o $OUT/a .") + "COPY --from=build /out/b /b\n"],
    // Files the base image may hold: system folders are never checked.
    [build("RUN go build -o /out/a .") + "COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/\n"],
    [build("RUN go build -o /out/a .") + "COPY --from=build /usr/share/zoneinfo /usr/share/zoneinfo\n"],
    [build("RUN go build -o /usr/local/bin/a .") + "COPY --from=build /usr/local/bin/b /b\n"],
    // Not a golang-image stage.
    ["FROM alpine:3.20 AS build\nRUN go build -o /out/a .\nFROM scratch\nCOPY --from=build /out/b /b\n"],
    // Files copied into the stage from another stage or the context.
    [build("RUN go build -o /out/a .", "COPY --from=alpine:3.20 /bin/busybox /out/busybox\n") + "COPY --from=build /out/busybox /b\n"],
    [build("RUN go build -o /out/a .", "COPY extra/ /out/\n") + "COPY --from=build /out/b /b\n"],
    // No builds: nothing to compare with.
    ["FROM golang:1.22 AS build\nWORKDIR /out\nFROM scratch\nCOPY --from=build /out/b /b\n"],
    // The root folder and system folders are never checked.
    [build("RUN go build -o /out/a .") + "COPY --from=build / /\n"],
    ].flat(),
    invalid: [],
  });

  it("names the stage, the source and what the stage does produce", () => {
    const text = "FROM golang:1.22 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/server ./cmd/server\nRUN go install ./cmd/tool\nFROM scratch\nCOPY --from=build /out/srv /srv\n";
    const [m] = lint(text).messages;
    expect(m).toMatchObject({ messageId: "missingSource", line: 7, column: 19, endLine: 7, endColumn: 27 });
    expect(m!.message).toBe(
      "Stage 'build' does not produce '/out/srv': its builds write /out/server (line 4), /go/bin/ (line 5). Copy one of those paths or fix the build's -o path.",
    );
  });


  it("reads a source with an unclosed '[' as a literal path, not a broken pattern", () => {
    const made = build("RUN go build -o /out/[x .");
    expect(lint(made + "COPY --from=build /out/[x /app\n").messages).toEqual([]);
    expect(ids(lint(made + "COPY --from=build /out/[y /app\n").messages)).toEqual(["missingSource"]);
  });
});

describe("copy-from-produced-path and valid-copy-from", () => {
  it("leaves stage references to valid-copy-from", () => {
    const text = "FROM golang:1.22 AS build\nRUN go build -o /out/a .\nFROM scratch\nCOPY --from=buidl /out/b /b\nCOPY --from=2 /out/b /b\n";
    expect(lint(text).messages).toEqual([]);
    expect(ids(lintWith(text, { "valid-copy-from": "error" }).messages)).toEqual(["unknownStage", "noSuchIndex"]);
  });
});

// The same rule through ESLint, as editors and `eslint` run it: locations, data, suggestions.
describe("copy-from-produced-path through ESLint's RuleTester", () => {
  const BUILD = "FROM golang:1.22 AS build\nWORKDIR /src\nRUN CGO_ENABLED=0 go build -o /out/app .\n";

  dockerRuleTester().run("copy-from-produced-path", pluginRule("copy-from-produced-path"), {
    valid: [`${BUILD}FROM scratch\nCOPY --from=build /out/app /app\n`, `${BUILD}FROM scratch\nCOPY --from=0 /out/app /app\n`],
    invalid: [
      {
        code: `${BUILD}FROM scratch\nCOPY --from=build /out/server /server\n`,
        errors: [{ messageId: "missingSource", data: { stage: "build", source: "/out/server", outputs: "/out/app (line 3)" }, line: 5, column: 19, endColumn: 30 }],
      },
    ],
  });
});
