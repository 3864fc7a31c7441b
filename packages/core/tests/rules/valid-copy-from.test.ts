import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ids, lintWith } from "../helpers.js";
import { dockerRuleTester, rule as pluginRule } from "./tester.js";

const rule = { "valid-copy-from": "error" as const };
const lint = (text: string) => lintWith(text, rule);

function applySuggestion(text: string, n = 0): string {
  const [m] = lint(text).messages;
  const fix = m!.suggestions![n]!.fix;
  return text.slice(0, fix.range[0]) + fix.text + text.slice(fix.range[1]);
}

describe("valid-copy-from: stage references", () => {
  it.each([
    ["FROM node:20 AS foo\nCOPY --from=foo bar .\n", ["selfReference"]],
    ["FROM node:20\nCOPY --from=0 bar .\n", ["selfReference"]],
    ["FROM alpine:3 AS Build\nRUN x\nFROM alpine:3 AS run\nCOPY --from=RUN /a /a\n", ["selfReference"]],
    ["FROM scratch\nCOPY --from=build foo .\nFROM node:20 AS build\nRUN baz\n", ["laterStage"]],
    ["FROM scratch\nCOPY --from=1 foo .\nFROM node:20\n", ["laterStage"]],
    ["FROM scratch\nCOPY --from=3 foo .\n", ["noSuchIndex"]],
    ["COPY --from=0 bar .\n", ["noSuchIndex"]],
    ["COPY --from=foo bar .\n", ["notAStage"]],
    // Typos of an earlier stage name.
    ["FROM golang:1.22 AS build\nRUN x\nFROM scratch\nCOPY --from=buidl /app /app\n", ["unknownStage"]],
    ["FROM golang:1.22 AS builder\nRUN x\nFROM scratch\nCOPY --from=build /app /app\n", ["unknownStage"]],
    ["FROM golang:1.22 AS build\nRUN x\nFROM scratch\nCOPY --from=builder /app /app\n", ["unknownStage"]],
    ["FROM golang:1.22 AS build-env\nRUN x\nFROM scratch\nCOPY --from=build_env /app /app\n", ["unknownStage"]],
    // Far from every stage name: pulled as an image, untagged.
    ["FROM golang:1.22 AS build\nRUN x\nFROM scratch\nCOPY --from=busybox /bin/sh /bin/sh\n", ["notAStage"]],
    // RUN --mount from= is checked the same way.
    ["FROM golang:1.22 AS deps\nRUN x\nFROM golang:1.22\nRUN --mount=type=bind,from=dep,target=/d ls /d\n", ["unknownStage"]],
    ["FROM golang:1.22 AS a\nRUN --mount=type=cache,target=/c,from=a ls\n", ["selfReference"]],
    // An ARG default names the stage.
    ["FROM golang:1.22 AS build\nRUN x\nFROM scratch\nARG SRC=buidl\nCOPY --from=${SRC} /app /app\n", ["unknownStage"]],
    ["ARG SRC=7\nFROM scratch\nCOPY --from=$SRC /app /app\n", []],
  ])("reports %j", (text, expected) => {
    expect(ids(lint(text).messages)).toEqual(expected);
  });

  // Through ESLint's RuleTester: no report for each of these.
  dockerRuleTester().run("valid-copy-from: accepts", pluginRule("valid-copy-from"), {
    valid: [
    "FROM scratch AS build\nRUN foo\nFROM node:20\nCOPY --from=build foo .\nRUN baz\n",
    "FROM scratch AS build\nRUN foo\nFROM node:20\nCOPY --from=0 foo .\n",
    "FROM scratch\nRUN foo\nFROM node:20\nCOPY --from=0 foo .\n",
    // Stage names are case-insensitive.
    "FROM golang:1.22 AS Build\nRUN x\nFROM scratch\nCOPY --from=BUILD /app /app\n",
    // Explicit images.
    "COPY --from=haskell:latest bar .\n",
    "FROM scratch\nCOPY --from=busybox:1.36 /bin/sh /bin/sh\n",
    "FROM scratch\nCOPY --from=ghcr.io/org/tool /tool /tool\n",
    `FROM scratch\nCOPY --from=alpine@sha256:${"0".repeat(64)} /etc/ssl /etc/ssl\n`,
    "FROM scratch\nCOPY --from=tonistiigi/xx / /\n",
    // A build arg with no default: the build decides.
    "FROM scratch\nARG FROM_STAGE\nCOPY --from=$FROM_STAGE /a /a\n",
    "FROM golang:1.22 AS build\nRUN x\nFROM scratch\nCOPY --from=build /app /app\nRUN --mount=type=bind,from=build,target=/b true\n",
    "FROM golang:1.22 AS build\nFROM golang:1.22\nRUN --mount=type=cache,target=/go/pkg/mod go build\n",
    // COPY without --from.
    "FROM scratch\nCOPY app /app\n",
    ].flat(),
    invalid: [],
  });

  it("accepts named build contexts listed in allow", () => {
    const r = lintWith("FROM scratch\nCOPY --from=shared-protos /p /p\n", { "valid-copy-from": ["error", { allow: ["shared-protos"] }] });
    expect(r.messages).toEqual([]);
  });

  it("points at the --from flag and suggests the closest stage", () => {
    const text = "FROM golang:1.22 AS build\nRUN x\nFROM scratch\nCOPY   --from=buidl /app /app\n";
    const [m] = lint(text).messages;
    expect(m).toMatchObject({ line: 4, column: 8, endLine: 4, endColumn: 20 });
    expect(m!.message).toBe("Unknown stage 'buidl'; did you mean 'build'? As written, BuildKit pulls an image named 'buidl'.");
    expect(m!.suggestions!.map((s) => s.desc)).toEqual(["Use stage 'build'."]);
    expect(applySuggestion(text)).toBe("FROM golang:1.22 AS build\nRUN x\nFROM scratch\nCOPY   --from=build /app /app\n");
  });

  it("offers every close stage, closest first", () => {
    const text = "FROM golang:1.22 AS builder\nFROM golang:1.22 AS build\nFROM scratch\nCOPY --from=buil /app /app\n";
    expect(lint(text).messages[0]!.suggestions!.map((s) => s.desc)).toEqual(["Use stage 'build'.", "Use stage 'builder'."]);
  });

  it("points at from= inside --mount and fixes just the value", () => {
    const text = "FROM golang:1.22 AS deps\nFROM golang:1.22\nRUN --mount=type=bind,from=dep,target=/d ls /d\n";
    const [m] = lint(text).messages;
    expect(m).toMatchObject({ line: 3, column: 28, endColumn: 31 });
    expect(applySuggestion(text)).toBe("FROM golang:1.22 AS deps\nFROM golang:1.22\nRUN --mount=type=bind,from=deps,target=/d ls /d\n");
  });

  it("names the later stage's line", () => {
    const [m] = lint("FROM scratch\nCOPY --from=build foo .\nFROM node:20 AS build\n").messages;
    expect(m!.message).toBe("Stage 'build' is defined later (line 3); a stage can only use earlier stages. Move that stage above this one.");
  });

  it("explains a bare name that is no stage", () => {
    const [m] = lint("FROM scratch\nCOPY --from=busybox /bin/sh /bin/sh\n").messages;
    expect(m!.message).toContain("'busybox' is not a stage of this Dockerfile, so BuildKit pulls the image 'docker.io/library/busybox:latest'");
    expect(m!.suggestions ?? []).toEqual([]);
  });

  const oracle = "/work/shared/oracles/hadolint-cases.json";
  it("agrees with hadolint DL3022/DL3023", (ctx) => {
    ctx.skip(!existsSync(oracle), `${oracle} not found: oracle comparison skipped`);
    const cases = (JSON.parse(readFileSync(oracle, "utf8")) as Array<{ rule: string; dockerfile: string; expect: string; test: string }>).filter(
      // Cases about hadolint's own ignore pragmas test hadolint, not the rule.
      (c) => (c.rule === "DL3022" || c.rule === "DL3023") && !/hadolint/.test(c.dockerfile),
    );
    expect(cases.length).toBeGreaterThanOrEqual(9);
    for (const c of cases) {
      const reported = lint(c.dockerfile).messages.length > 0;
      expect({ test: c.test, dockerfile: c.dockerfile, reported }).toEqual({ test: c.test, dockerfile: c.dockerfile, reported: c.expect === "catch" });
    }
  });
});

// The same rule through ESLint, as editors and `eslint` run it: locations, data, suggestions.
describe("valid-copy-from through ESLint's RuleTester", () => {
  const BUILD = "FROM golang:1.22 AS build\nWORKDIR /src\nRUN CGO_ENABLED=0 go build -o /out/app .\n";

  dockerRuleTester().run("valid-copy-from", pluginRule("valid-copy-from"), {
    valid: [
      `${BUILD}FROM scratch\nCOPY --from=build /out/app /app\n`,
      `${BUILD}FROM scratch\nCOPY --from=0 /out/app /app\n`,
      // Stage names are case-insensitive.
      "FROM golang:1.22 AS Build\nRUN x\nFROM scratch\nCOPY --from=BUILD /app /app\n",
      "FROM scratch\nCOPY --from=busybox:1.36 /bin/sh /bin/sh\n",
      "FROM scratch\nARG FROM_STAGE\nCOPY --from=$FROM_STAGE /a /a\n",
      // A named build context (`docker build --build-context assets=…`).
      { code: "FROM scratch\nCOPY --from=assets /a /a\n", options: [{ allow: ["assets"] }] },
    ],
    invalid: [
      {
        code: "FROM golang:1.22 AS build\nRUN x\nFROM scratch\nCOPY --from=buidl /app /app\n",
        errors: [
          {
            messageId: "unknownStage",
            data: { ref: "buidl", candidate: "build" },
            line: 4,
            column: 6,
            endColumn: 18,
            suggestions: [{ messageId: "useStage", output: "FROM golang:1.22 AS build\nRUN x\nFROM scratch\nCOPY --from=build /app /app\n" }],
          },
        ],
      },
      {
        code: "FROM golang:1.22 AS deps\nRUN x\nFROM golang:1.22\nRUN --mount=type=bind,from=dep,target=/d ls /d\n",
        errors: [{ messageId: "unknownStage", suggestions: [{ messageId: "useStage", output: "FROM golang:1.22 AS deps\nRUN x\nFROM golang:1.22\nRUN --mount=type=bind,from=deps,target=/d ls /d\n" }] }],
      },
      { code: "FROM node:20 AS foo\nCOPY --from=foo bar .\n", errors: [{ messageId: "selfReference", line: 2 }] },
      { code: "FROM scratch\nCOPY --from=build foo .\nFROM node:20 AS build\nRUN baz\n", errors: [{ messageId: "laterStage", data: { ref: "build", line: "3" } }] },
      { code: "FROM scratch\nCOPY --from=3 foo .\n", errors: [{ messageId: "noSuchIndex" }] },
      { code: "FROM golang:1.22 AS build\nRUN x\nFROM scratch\nCOPY --from=busybox /bin/sh /bin/sh\n", errors: [{ messageId: "notAStage", data: { ref: "busybox" } }] },
    ],
  });
});
