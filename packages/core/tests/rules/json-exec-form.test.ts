import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ids, lintWith } from "../helpers.js";
import { dockerRuleTester, rule as pluginRule } from "./tester.js";

const rule = { "json-exec-form": "error" as const };
const recommended = { "json-exec-form": ["error", { shellBases: false }] as ["error", { shellBases: boolean }] };

describe("json-exec-form", () => {
  it.each([
    // No shell in the base: always reported, whatever shellBases says.
    ["FROM scratch\nCOPY app /app\nCMD /app --flag x\n", ["noShell"]],
    ["FROM gcr.io/distroless/static-debian12:nonroot\nENTRYPOINT /app\n", ["noShell"]],
    ["FROM cgr.dev/chainguard/static:latest\nENTRYPOINT /app serve\n", ["noShell"]],
    ["FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build /app /app\nENTRYPOINT /app\n", ["noShell"]],
    // Inherited through FROM <stage>.
    ["FROM scratch AS base\nCOPY app /app\nFROM base\nCMD /app\n", ["noShell"]],
    ["FROM scratch\nHEALTHCHECK --interval=5s CMD /healthcheck\n", ["noShell"]],
    // SHELL after the CMD does not help the CMD.
    ["FROM scratch\nCMD /app\nSHELL [\"/busybox/sh\", \"-c\"]\n", ["noShell"]],
    // Broken JSON is reported even where shell form is otherwise accepted.
    ["FROM alpine:3.20\nCMD ['/app', '--x']\n", ["brokenJson"]],
  ])("reports %j under both presets' settings", (text, expected) => {
    expect(ids(lintWith(text, rule).messages)).toEqual(expected);
    expect(ids(lintWith(text, recommended).messages)).toEqual(expected);
  });

  it.each([
    ["FROM alpine:3.20\nCMD /app --flag x\n", ["preferExec"]],
    ["FROM node:20.11-alpine\nENTRYPOINT node server.js\n", ["preferExec"]],
    ["FROM gcr.io/distroless/static-debian12:debug\nENTRYPOINT /app\n", ["preferExec"]],
    ["FROM alpine:3.20\nHEALTHCHECK CMD wget -q -O- http://localhost:8080/healthz || exit 1\n", ["preferExec"]],
    ["ARG BASE\nFROM ${BASE}\nCMD /app\n", ["preferExec"]],
    ["FROM debian:bookworm-slim\nCMD /app\nENTRYPOINT tini --\n", ["preferExec", "preferExec"]],
    // hadolint DL3025 reports HEALTHCHECK outside any stage too.
    ["HEALTHCHECK CMD foobar\n", ["preferExec"]],
  ])("with shellBases: true reports %j", (text, expected) => {
    expect(ids(lintWith(text, rule).messages)).toEqual(expected);
    expect(lintWith(text, recommended).messages).toEqual([]);
  });

  // Through ESLint's RuleTester: no report for each of these.
  dockerRuleTester().run("json-exec-form: accepts", pluginRule("json-exec-form"), {
    valid: [
    "FROM scratch\nCMD [\"/app\", \"--flag\", \"x\"]\n",
    "FROM scratch\nENTRYPOINT [\"/app\"]\nCMD [\"--port\", \"8080\"]\n",
    "FROM scratch\nHEALTHCHECK CMD [\"/app\", \"healthcheck\"]\n",
    "FROM scratch\nHEALTHCHECK NONE\n",
    "FROM alpine:3.20\nCMD [ \"/bin/sh\", \"-c\", \\\n  \"echo foo && \\\n   echo bar\" \\\n]\n",
    // A SHELL in effect: the author chose a shell (BuildKit stays quiet too).
    "FROM scratch\nSHELL [\"/busybox/sh\", \"-c\"]\nCMD /app\n",
    "FROM scratch AS base\nSHELL [\"/busybox/sh\", \"-c\"]\nFROM base\nENTRYPOINT /app\n",
    "FROM alpine:3.20\nSHELL [\"/bin/ash\", \"-eo\", \"pipefail\", \"-c\"]\nENTRYPOINT exec /app\n",
    "FROM alpine:3.20\nRUN echo shell-form RUN is not this rule's business\n",
    ].flat(),
    invalid: [],
  });

  it("points at the command", () => {
    const [m] = lintWith("FROM scratch\nENTRYPOINT   /app --x\n", rule).messages;
    expect(m).toMatchObject({ messageId: "noShell", line: 2, column: 14, endLine: 2, endColumn: 22, severity: 2 });
    expect(m!.message).toContain("'scratch' has no shell");
    expect(m!.message).toContain("no such file or directory");
  });

  it("explains what a shell-form CMD does under an exec-form ENTRYPOINT without a shell", () => {
    const [m] = lintWith("FROM scratch\nENTRYPOINT [\"/app\"]\nCMD --port 8080\n", rule).messages;
    expect(m!.messageId).toBe("noShell");
    expect(m!.message).toContain("ENTRYPOINT receives '/bin/sh', '-c'");
  });

  it("names cmd on Windows bases", () => {
    const [m] = lintWith("FROM mcr.microsoft.com/windows/servercore:ltsc2022\nCMD app.exe\n", rule).messages;
    expect(m!.message).toContain("'cmd /S /C'");
  });

  describe("fixes", () => {
    it.each([
      ["FROM scratch\nCMD /app --flag x\n", 'FROM scratch\nCMD ["/app", "--flag", "x"]\n'],
      ["FROM scratch\nENTRYPOINT /app \\\n  --config=/etc/app.yaml\n", 'FROM scratch\nENTRYPOINT ["/app", "--config=/etc/app.yaml"]\n'],
      ["FROM scratch\nHEALTHCHECK --interval=5s CMD /app healthcheck\n", 'FROM scratch\nHEALTHCHECK --interval=5s CMD ["/app", "healthcheck"]\n'],
      ["FROM scratch\nENTRYPOINT [\"/app\"]\nCMD --port 8080\n", 'FROM scratch\nENTRYPOINT ["/app"]\nCMD ["--port", "8080"]\n'],
    ])("fixes %j where the base has no shell", (text, output) => {
      expect(lintWith(text, rule, { fix: true }).output).toBe(output);
    });

    it.each([
      "FROM scratch\nCMD /app --port $PORT\n",
      "FROM scratch\nCMD /app && /other\n",
      "FROM scratch\nCMD /app > /log\n",
      "FROM scratch\nCMD /app \"quoted arg\"\n",
      "FROM scratch\nCMD /app *.conf\n",
      "FROM scratch\nCMD PORT=80 /app\n",
      "FROM scratch\nCMD /app `date`\n",
      "FROM scratch\nCMD app.exe %CONFIG%\n",
    ])("offers no fix when the shell would interpret %j", (text) => {
      const r = lintWith(text, rule, { fix: true });
      expect(ids(r.messages)).toEqual(["noShell"]);
      expect(r.output).toBeUndefined();
    });

    it("only suggests on bases with a shell, because exec form changes behaviour there", () => {
      const r = lintWith("FROM alpine:3.20\nCMD /app --flag x\n", rule, { fix: true });
      expect(r.output).toBeUndefined();
      const [m] = r.messages;
      expect(m!.fix).toBeUndefined();
      expect(m!.suggestions).toHaveLength(1);
      expect(m!.suggestions![0]).toMatchObject({ messageId: "convertToExec", fix: { text: '["/app", "--flag", "x"]' } });
      expect(m!.suggestions![0]!.desc).toBe('Convert to exec form: ["/app", "--flag", "x"]');
    });

    it("offers no suggestion for shell syntax", () => {
      const [m] = lintWith("FROM alpine:3.20\nCMD ./start.sh && tail -f /dev/null\n", rule).messages;
      expect(m!.suggestions ?? []).toEqual([]);
    });
  });

  // Patterns seen in the corpus, written as our own snippets.
  it("reports a shell-form CMD on a scratch image that ships a Go binary (corpus pattern)", () => {
    const text = [
      "FROM golang:1.22-alpine AS build",
      "WORKDIR /src",
      "COPY . .",
      "RUN CGO_ENABLED=0 go build -o /out/server ./cmd/server",
      "FROM scratch",
      "COPY --from=build /out/server /server",
      "CMD /server -config /etc/server.yaml",
      "",
    ].join("\n");
    const r = lintWith(text, recommended, { fix: true });
    expect(ids(r.messages)).toEqual([]);
    expect(r.output).toContain('CMD ["/server", "-config", "/etc/server.yaml"]');
  });

  it("leaves a Windows builder's cmd-style CMD alone under the recommended setting (corpus pattern)", () => {
    const text = "# escape=`\nFROM golang:1.22-windowsservercore-ltsc2022\nCMD go version\n";
    expect(lintWith(text, recommended).messages).toEqual([]);
  });
});

const SHARED = process.env.DOCKER_LINT_SHARED ?? "/work/shared";
const ORACLES = path.join(SHARED, "oracles");

interface OracleCase {
  rule: string;
  expect: "catch" | "pass";
  dockerfile: string;
  source: string;
  count?: number;
  suppressedBy?: string;
  variant?: string;
}

describe("json-exec-form against the BuildKit and hadolint oracles", () => {
  if (!existsSync(path.join(ORACLES, "buildkit-cases.json"))) {
    it.skip(`skipped: oracle cases not found under ${ORACLES} (set DOCKER_LINT_SHARED)`, () => {});
    return;
  }
  const load = (f: string) => JSON.parse(readFileSync(path.join(ORACLES, f), "utf8")) as OracleCase[];
  const cases = [
    ...load("buildkit-cases.json").filter((c) => c.rule === "JSONArgsRecommended"),
    ...load("hadolint-cases.json").filter((c) => c.rule === "DL3025"),
  ]
    // We don't implement BuildKit's `# check=skip=` directive; ESLint comments do that job.
    .filter((c) => c.suppressedBy !== "directive" && c.variant !== "onbuild");

  it("has the cases it expects", () => {
    expect(cases.length).toBeGreaterThanOrEqual(15);
  });

  // Both BuildKit and hadolint report shell form on any base: that is shellBases: true.
  it.each(cases.map((c) => [`${c.rule} ${c.expect}: ${c.source}`, c] as const))("%s", (_, c) => {
    const messages = lintWith(c.dockerfile, rule).messages;
    if (c.expect === "pass") expect(messages).toEqual([]);
    else expect(messages.length).toBe(c.count ?? 1);
  });
});

// The same rule through ESLint, as editors and `eslint` run it: locations, data, suggestions.
describe("json-exec-form through ESLint's RuleTester", () => {
  dockerRuleTester().run("json-exec-form", pluginRule("json-exec-form"), {
    valid: [
      'FROM scratch\nENTRYPOINT ["/app"]\nCMD ["--port", "8080"]\n',
      'FROM scratch\nHEALTHCHECK CMD ["/app", "healthcheck"]\n',
      // A SHELL in effect means the author chose a shell.
      'FROM scratch\nSHELL ["/busybox/sh", "-c"]\nCMD /app\n',
      "FROM alpine:3.20\nRUN echo shell-form RUN is fine\n",
      // The recommended setting: shell form is accepted where the base has a shell.
      { code: "FROM alpine:3.20\nCMD /app --flag x\n", options: [{ shellBases: false }] },
    ],
    invalid: [
      {
        // No shell in the base: a safe fix, since shell form cannot run there at all.
        code: "FROM scratch\nCOPY app /app\nENTRYPOINT /app --port 8080\n",
        output: 'FROM scratch\nCOPY app /app\nENTRYPOINT ["/app", "--port", "8080"]\n',
        errors: [
          {
            messageId: "noShell",
            data: { keyword: "ENTRYPOINT", image: "scratch", effect: "the container fails to start with 'exec: \"/bin/sh\": stat /bin/sh: no such file or directory'" },
            line: 3,
            column: 12,
            endLine: 3,
            endColumn: 28,
          },
        ],
      },
      {
        code: "FROM scratch\nHEALTHCHECK --interval=5s CMD /app healthcheck\n",
        output: 'FROM scratch\nHEALTHCHECK --interval=5s CMD ["/app", "healthcheck"]\n',
        options: [{ shellBases: false }],
        errors: [{ messageId: "noShell", line: 2, column: 27 }],
      },
      {
        // The shell would expand $PORT: no fix.
        code: "FROM scratch\nCMD /app --port $PORT\n",
        output: null,
        errors: [{ messageId: "noShell" }],
      },
      {
        // With a shell, exec form changes behaviour: a suggestion, not a fix.
        code: "FROM alpine:3.20\nCMD /app --flag x\n",
        output: null,
        errors: [
          {
            messageId: "preferExec",
            line: 2,
            column: 5,
            suggestions: [{ messageId: "convertToExec", data: { replacement: '["/app", "--flag", "x"]' }, output: 'FROM alpine:3.20\nCMD ["/app", "--flag", "x"]\n' }],
          },
        ],
      },
      {
        code: "FROM alpine:3.20\nCMD ['/app']\n",
        output: null,
        options: [{ shellBases: false }],
        errors: [{ messageId: "brokenJson", line: 2, column: 5, endColumn: 13 }],
      },
    ],
  });
});
