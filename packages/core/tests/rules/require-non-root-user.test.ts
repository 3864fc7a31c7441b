import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ids, lintWith } from "../helpers.js";
import { dockerRuleTester, rule as pluginRule } from "./tester.js";

const rule = { "require-non-root-user": "error" as const };
const lint = (text: string) => lintWith(text, rule);

describe("require-non-root-user", () => {
  it.each([
    ["FROM alpine:3.20\nCMD [\"/app\"]\n", "rootBase"],
    ["FROM scratch\nCOPY app /app\nENTRYPOINT [\"/app\"]\n", "rootBase"],
    ["FROM scratch AS base\nCMD [\"/app\"]\nFROM base\nCOPY app /app\n", "rootBase"],
    ["FROM debian:12-slim\n", "rootBase"],
    ["FROM ubuntu:24.04\nRUN apt-get update\n", "rootBase"],
    ["FROM gcr.io/distroless/static-debian12\nCOPY app /app\n", "rootBase"],
    ["FROM gcr.io/distroless/static-debian12:latest\n", "rootBase"],
    ["FROM scratch\nUSER root\n", "rootUser"],
    ["FROM scratch\nUSER 0\n", "rootUser"],
    ["FROM scratch\nUSER 0:0\n", "rootUser"],
    ["FROM scratch\nUSER root:root\n", "rootUser"],
    ["FROM scratch\nUSER 0:1000\n", "rootUser"],
    ["FROM gcr.io/distroless/static-debian12:nonroot\nUSER root\n", "rootUser"],
    ["FROM cgr.dev/chainguard/static:latest\nUSER 0\n", "rootUser"],
    // USER is inherited along FROM <stage>.
    ["FROM debian:12 AS base\nUSER root\nRUN x\nFROM base\nRUN y\n", "rootUser"],
    // An ARG default resolves the user.
    ["FROM alpine:3.20\nARG APP_USER=root\nUSER ${APP_USER}\n", "rootUser"],
    // An ARG default resolves the base image.
    ["ARG BASE=alpine:3.20\nFROM ${BASE}\n", "rootBase"],
    // USER in an earlier, unrelated stage does not carry over.
    ["FROM golang:1.22 AS build\nUSER 1000\nRUN go build -o /app .\nFROM alpine:3.20\nCOPY --from=build /app /app\n", "rootBase"],
  ])("reports %j", (text, messageId) => {
    expect(ids(lint(text).messages)).toEqual([messageId]);
  });

  // Through ESLint's RuleTester: no report for each of these.
  dockerRuleTester().run("require-non-root-user: accepts", pluginRule("require-non-root-user"), {
    valid: [
    "FROM scratch\nUSER foo\n",
    "FROM scratch\nUSER 65532:65532\n",
    "FROM scratch\nUSER root\nRUN something\nUSER foo\n",
    "FROM gcr.io/distroless/static-debian12:nonroot\nCOPY app /app\n",
    "FROM gcr.io/distroless/base-debian12:debug-nonroot\n",
    "FROM cgr.dev/chainguard/static:latest\n",
    "FROM cgr.dev/chainguard/glibc-dynamic\n",
    "FROM mcr.microsoft.com/dotnet/runtime-deps:8.0-jammy-chiseled\n",
    // USER inherited from the parent stage.
    "FROM alpine:3.20 AS base\nRUN adduser -D app\nUSER app\nFROM base\nCMD [\"/app\"]\n",
    // The final stage's own USER counts even when an earlier stage ended as root.
    "FROM debian:12 AS build\nUSER root\nFROM alpine:3.20\nUSER 1000\n",
    // A variable with no known value: the build decides.
    "FROM alpine:3.20\nARG APP_UID\nUSER ${APP_UID}\n",
    "FROM alpine:3.20\nUSER $UID\n",
    // Unknown and locally built bases: their default user is unknown.
    "FROM my-registry.local/base-image:1.0\n",
    "ARG BASE\nFROM ${BASE}\n",
    // A scratch stage with nothing to run only exports files (docker build --output).
    "FROM golang:1.22 AS build\nRUN go build -o /out/app .\nFROM scratch\nCOPY --from=build /out/ /\n",
    // Windows images have no root user.
    "FROM golang:1.22-windowsservercore-ltsc2022\nCMD [\"app.exe\"]\n",
    "FROM golang:1.22-nanoserver-ltsc2022\nCMD [\"app.exe\"]\n",
    // Not a Dockerfile with stages.
    "# just a comment\n",
    ].flat(),
    invalid: [],
  });

  it("names the USER instruction and its line", () => {
    const [m] = lint("FROM alpine:3.20\nRUN apk add curl\nUSER root\nCMD [\"/app\"]\n").messages;
    expect(m).toMatchObject({ messageId: "rootUser", line: 3, column: 1, endLine: 3, endColumn: 10 });
    expect(m!.message).toContain("'USER root' on line 3");
  });

  it("points at the base image when no USER is set", () => {
    const [m] = lint("FROM   alpine:3.20\nCMD [\"/app\"]\n").messages;
    expect(m).toMatchObject({ messageId: "rootBase", line: 1, column: 8, endColumn: 19 });
    expect(m!.message).toContain("Base 'alpine:3.20' runs as root and the final stage sets no USER");
  });

  it("suggests USER 65532:65532 before ENTRYPOINT", () => {
    const text = "FROM scratch\nCOPY app /app\nENTRYPOINT [\"/app\"]\nCMD [\"serve\"]\n";
    const [m] = lint(text).messages;
    expect(m!.suggestions).toHaveLength(1);
    const fix = m!.suggestions![0]!.fix;
    const out = text.slice(0, fix.range[0]) + fix.text + text.slice(fix.range[1]);
    expect(out).toBe("FROM scratch\nCOPY app /app\nUSER 65532:65532\nENTRYPOINT [\"/app\"]\nCMD [\"serve\"]\n");
    expect(m!.suggestions![0]!.desc).toBe("Add 'USER 65532:65532' before ENTRYPOINT on line 3.");
  });

  it("suggests USER nonroot:nonroot on distroless, at the end when there is no ENTRYPOINT/CMD", () => {
    const text = "FROM gcr.io/distroless/static-debian12\nCOPY app /app\n";
    const [m] = lint(text).messages;
    expect(m!.message).toContain("or use the ':nonroot' tag");
    const fix = m!.suggestions![0]!.fix;
    expect(text.slice(0, fix.range[0]) + fix.text + text.slice(fix.range[1])).toBe(
      "FROM gcr.io/distroless/static-debian12\nCOPY app /app\nUSER nonroot:nonroot\n",
    );
  });

  it("puts the new USER after a root USER, so steps that need root keep it", () => {
    const text = "FROM alpine:3.20\nCMD [\"x\"]\nUSER root\nRUN apk add curl\n";
    const [m] = lint(text).messages;
    const fix = m!.suggestions![0]!.fix;
    expect(text.slice(0, fix.range[0]) + fix.text + text.slice(fix.range[1])).toBe(
      "FROM alpine:3.20\nCMD [\"x\"]\nUSER root\nRUN apk add curl\nUSER 65532:65532\n",
    );
  });

  it("reports unknown bases only with reportUnknownBase", () => {
    const r = lintWith("FROM my-registry.local/base-image:1.0\n", { "require-non-root-user": ["error", { reportUnknownBase: true }] });
    expect(ids(r.messages)).toEqual(["unknownBase"]);
  });

  it("reports nothing without stages", () => {
    expect(lint("ARG X=1\n").messages).toEqual([]);
  });

  // hadolint DL3002 checks every stage; we check the final one (and its FROM <stage> chain).
  const oracle = "/work/shared/oracles/hadolint-cases.json";
  it("agrees with hadolint DL3002 except on root USER in non-final stages", (ctx) => {
    ctx.skip(!existsSync(oracle), `${oracle} not found: oracle comparison skipped`);
    const cases = (JSON.parse(readFileSync(oracle, "utf8")) as Array<{ rule: string; dockerfile: string; expect: string; test: string }>).filter(
      (c) => c.rule === "DL3002" && !/hadolint/.test(c.dockerfile),
    );
    expect(cases.length).toBeGreaterThan(5);
    // Documented difference: hadolint reports a root USER in any stage, we only in the final
    // stage and its FROM <stage> chain.
    const divergent = new Set(["FROM debian as base\nUSER root\nRUN something\nFROM scratch\nUSER foo\nRUN something else\n"]);
    for (const c of cases) {
      const reported = lint(c.dockerfile).messages.length > 0;
      const expected = c.expect === "catch" ? !divergent.has(c.dockerfile) : divergent.has(c.dockerfile);
      expect({ test: c.test, reported }).toEqual({ test: c.test, reported: expected });
    }
  });
});

// The same rule through ESLint, as editors and `eslint` run it: locations, data, suggestions.
describe("require-non-root-user through ESLint's RuleTester", () => {
  dockerRuleTester().run("require-non-root-user", pluginRule("require-non-root-user"), {
    valid: [
      "FROM scratch\nUSER 65532:65532\n",
      "FROM scratch\nUSER root\nRUN something\nUSER app\n",
      "FROM gcr.io/distroless/static-debian12:nonroot\nCOPY app /app\n",
      // USER inherited from the parent stage.
      'FROM alpine:3.20 AS base\nRUN adduser -D app\nUSER app\nFROM base\nCMD ["/app"]\n',
      // A variable with no default: the build decides.
      "FROM alpine:3.20\nARG APP_UID\nUSER ${APP_UID}\n",
      // An unknown base's default user is unknown, and by default not reported.
      "FROM my-registry.local/base-image:1.0\n",
    ],
    invalid: [
      {
        code: 'FROM scratch\nCOPY app /app\nENTRYPOINT ["/app"]\n',
        errors: [
          {
            messageId: "rootBase",
            line: 1,
            column: 6,
            endColumn: 13,
            suggestions: [{ messageId: "addUser", output: 'FROM scratch\nCOPY app /app\nUSER 65532:65532\nENTRYPOINT ["/app"]\n' }],
          },
        ],
      },
      {
        // Distroless has a nonroot user: suggest it by name.
        code: 'FROM gcr.io/distroless/static-debian12\nCOPY app /app\nENTRYPOINT ["/app"]\n',
        errors: [
          {
            messageId: "rootBase",
            suggestions: [{ messageId: "addUser", output: 'FROM gcr.io/distroless/static-debian12\nCOPY app /app\nUSER nonroot:nonroot\nENTRYPOINT ["/app"]\n' }],
          },
        ],
      },
      {
        code: 'FROM alpine:3.20\nUSER root\nCMD ["/app"]\n',
        errors: [
          {
            messageId: "rootUser",
            data: { user: "root", line: "2", suggested: "65532:65532" },
            line: 2,
            column: 1,
            suggestions: [{ messageId: "addUser", output: 'FROM alpine:3.20\nUSER root\nUSER 65532:65532\nCMD ["/app"]\n' }],
          },
        ],
      },
      {
        code: 'FROM my-registry.local/base-image:1.0\nCMD ["/app"]\n',
        options: [{ reportUnknownBase: true }],
        errors: [
          {
            messageId: "unknownBase",
            suggestions: [{ messageId: "addUser", output: 'FROM my-registry.local/base-image:1.0\nUSER 65532:65532\nCMD ["/app"]\n' }],
          },
        ],
      },
    ],
  });
});
