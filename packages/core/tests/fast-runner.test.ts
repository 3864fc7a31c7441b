/**
 * The fast runner (fast-lint.ts) must give exactly what ESLint's Linter gives. These tests lint
 * the same inputs both ways (DOCKER_LINT_RUNNER=eslint forces Linter) and compare the JSON.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Linter } from "eslint";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { DockerLinter, presets, rules, type DockerLintConfig, type RuleEntry } from "../src/index.js";
import { FastRunner, resolveRules } from "../src/runner/fast-lint.js";
import { leanRunnerParts } from "../src/runtime/eslint-internals.js";
import { plugin } from "../src/plugin.js";

const CORPUS = process.env.DOCKER_LINT_CORPUS ?? "/work/shared/corpus";
const ORACLES = path.join(path.dirname(CORPUS), "oracles");

function inputs(): Array<[string, string]> {
  const out: Array<[string, string]> = [
    ["/v/plain/Dockerfile", "FROM golang:1.22 AS build\nRUN CGO_ENABLED=0 go build -o /app .\nFROM alpine:latest\nCOPY --from=build /app /app\nCMD /app\n"],
    ["/v/disable/Dockerfile", "# eslint-disable-next-line @docker-lint/require-image-tag\nFROM node\nUSER 1000\n"],
    ["/v/block/Dockerfile", "# eslint-disable\nFROM node\n# eslint-enable\nFROM alpine\n"],
    ["/v/inline/Dockerfile", "# eslint @docker-lint/require-image-tag: off\nFROM node\n"],
    ["/v/unused/Dockerfile", "# eslint-disable-next-line @docker-lint/require-image-tag\nFROM node:20.1\n"],
    ["/v/node_modules/pkg/Dockerfile", "FROM node\n"],
    ["/v/bom/Dockerfile", "\uFEFFFROM alpine\nCMD echo hi\n"],
    ["/v/crlf/Dockerfile", "FROM alpine\r\nRUN echo a \\\r\n && echo b\r\nCMD echo hi\r\n"],
    ["/v/empty/Dockerfile", ""],
    ["/v/binary/Dockerfile", "FROM a\u0000b\n"],
  ];
  if (existsSync(path.join(CORPUS, "index.json"))) {
    for (const e of JSON.parse(readFileSync(path.join(CORPUS, "index.json"), "utf8")) as Array<{ path: string }>) {
      out.push([path.join(CORPUS, e.path), readFileSync(path.join(CORPUS, e.path), "utf8")]);
    }
  }
  for (const f of ["hadolint-cases.json", "buildkit-cases.json"]) {
    const p = path.join(ORACLES, f);
    if (!existsSync(p)) continue;
    (JSON.parse(readFileSync(p, "utf8")) as Array<{ dockerfile?: unknown }>).forEach((c, i) => {
      if (typeof c.dockerfile === "string") out.push([`/oracle/${f}/${i}/Dockerfile`, c.dockerfile]);
    });
  }
  return out;
}

function lintAll(config: DockerLintConfig, extraRules: Record<string, RuleEntry> | undefined, runner: "eslint" | "fast"): string[] {
  const saved = process.env.DOCKER_LINT_RUNNER;
  if (runner === "eslint") process.env.DOCKER_LINT_RUNNER = "eslint";
  else delete process.env.DOCKER_LINT_RUNNER;
  try {
    const linter = new DockerLinter(config, { extraRules });
    // Fixing too: files with nothing to fix take the fast path, the others go to Linter.
    return inputs().flatMap(([filePath, text]) => [
      JSON.stringify(linter.lintText(text, { filePath })),
      JSON.stringify(linter.lintText(text, { filePath, fix: true })),
    ]);
  } finally {
    if (saved === undefined) delete process.env.DOCKER_LINT_RUNNER;
    else process.env.DOCKER_LINT_RUNNER = saved;
  }
}

describe("fast runner", () => {
  afterEach(() => {
    delete process.env.DOCKER_LINT_RUNNER;
  });

  if (!existsSync(path.join(CORPUS, "index.json"))) console.warn(`fast-runner test: ${CORPUS} not found, comparing on built-in cases only`);

  // ShellCheck's findings come from its own process, the same for both runners (tests/rules/
  // shellcheck.test.ts covers them); off here, so a machine with shellcheck doesn't spend minutes.
  const strict: DockerLintConfig = { extends: "strict", rules: { shellcheck: "off" } };
  it.each<[string, DockerLintConfig, Record<string, RuleEntry> | undefined]>([
    ["recommended", {}, undefined],
    ["strict", strict, undefined],
    ["user options and severities", { rules: { "require-image-tag": "warn", "json-exec-form": ["error", { shellBases: true }], "no-unpinned-toolchain": "off" } }, undefined],
    ["--rule severity keeps preset options", strict, { "no-unpinned-toolchain": "warn", "require-non-root-user": 1 }],
    ["no preset, no go.mod lookup", { extends: "none", rules: { "require-image-tag": "error", "go-static-binary": "error" }, languageOptions: { goMod: false } }, undefined],
  ])("gives Linter's results: %s", (_name, config, extraRules) => {
    const fast = lintAll(config, extraRules, "fast");
    const viaLinter = lintAll(config, extraRules, "eslint");
    expect(fast).toHaveLength(viaLinter.length);
    // Byte-identical JSON (key order included); on failure, show the first files that differ.
    const differ = fast.flatMap((json, i) => (json === viaLinter[i] ? [] : [{ fast: JSON.parse(json), linter: JSON.parse(viaLinter[i]!) }]));
    expect(differ.slice(0, 3)).toEqual([]);
    // Every corpus and oracle file through both runners, with about 90 rules on.
  }, 120_000);

  it("fails on a bad rule option the way Linter does, on the first file", () => {
    const config = { rules: { "json-exec-form": ["error", { noSuchOption: true }] } } as unknown as DockerLintConfig;
    const viaLinter = () => {
      process.env.DOCKER_LINT_RUNNER = "eslint";
      new DockerLinter(config).lintText("FROM alpine:3.20\n", { filePath: "/v/Dockerfile" });
    };
    const viaFast = () => {
      delete process.env.DOCKER_LINT_RUNNER;
      new DockerLinter(config).lintText("FROM alpine:3.20\n", { filePath: "/v/Dockerfile" });
    };
    let expected = "";
    try {
      viaLinter();
    } catch (e) {
      expected = (e as Error).message;
    }
    expect(expected).toMatch(/noSuchOption/);
    expect(viaFast).toThrow(expected);
  });

  it("has presets whose options ESLint accepts (the fast runner does not re-check them)", () => {
    process.env.DOCKER_LINT_RUNNER = "eslint";
    for (const name of Object.keys(presets)) {
      expect(() => new DockerLinter({ extends: name as "recommended" }).lintText("FROM alpine:3.20\n", { filePath: "/v/Dockerfile" })).not.toThrow();
    }
  });
});

describe("resolveRules", () => {
  const parts = leanRunnerParts()!;
  const ruleFor = (id: string) => plugin.rules[id.replace("@docker-lint/", "")];

  it("normalises severities and merges defaultOptions under the options", () => {
    const r = resolveRules([{ "@docker-lint/json-exec-form": ["warn", { shellBases: false }], "@docker-lint/require-image-tag": "error" }], ruleFor, parts.deepMergeArrays)!;
    expect(r["@docker-lint/json-exec-form"]).toEqual([1, { ...(rules["json-exec-form"]!.meta!.defaultOptions![0] as object), shellBases: false }]);
    expect(r["@docker-lint/require-image-tag"]).toEqual([2, ...(rules["require-image-tag"]!.meta!.defaultOptions as unknown[])]);
  });

  it("keeps earlier options when a later layer gives only a severity, in ESLint's key order", () => {
    const r = resolveRules(
      [{ "@docker-lint/json-exec-form": ["error", { shellBases: true }], "@docker-lint/require-image-tag": "error" }, { "@docker-lint/json-exec-form": "off", "@docker-lint/valid-copy-from": 2 }],
      ruleFor,
      parts.deepMergeArrays,
    )!;
    expect(Object.keys(r)).toEqual(["@docker-lint/json-exec-form", "@docker-lint/require-image-tag", "@docker-lint/valid-copy-from"]);
    expect(r["@docker-lint/json-exec-form"]![0]).toBe(0);
    expect(r["@docker-lint/json-exec-form"]![1]).toMatchObject({ shellBases: true });
  });

  it("gives up on unknown rules and severities ESLint rejects", () => {
    expect(resolveRules([{ "@docker-lint/no-such-rule": "error" }], ruleFor, parts.deepMergeArrays)).toBeNull();
    expect(resolveRules([{ "@docker-lint/require-image-tag": "fatal" }], ruleFor, parts.deepMergeArrays)).toBeNull();
  });
});

describe("FastRunner.lint", () => {
  const parts = leanRunnerParts()!;
  const language = plugin.languages.dockerfile;
  const make = (rule: unknown) =>
    new FastRunner(parts, language, { "@docker-lint/probe": [2] }, (id) => (id === "@docker-lint/probe" ? (rule as never) : undefined), { goMod: false }, "/");

  it("runs a rule's node listeners in traversal order and reports through ESLint's FileReport", () => {
    const seen: string[] = [];
    const runner = make({
      meta: { messages: { m: "at {{ keyword }}" } },
      create: (context: { report(d: unknown): void }) => ({
        Dockerfile: () => seen.push("Dockerfile"),
        Instruction: (node: { keyword: string; loc: unknown }) => {
          seen.push(node.keyword);
          context.report({ loc: node.loc, messageId: "m", data: { keyword: node.keyword } });
        },
        "Dockerfile:exit": () => seen.push("exit"),
      }),
    });
    const messages = runner.lint("FROM alpine\nUSER 1\n", "/v/Dockerfile")!;
    expect(seen).toEqual(["Dockerfile", "FROM", "USER", "exit"]);
    expect(messages.map((m) => [m.message, m.line, m.column, m.messageId])).toEqual([
      ["at FROM", 1, 1, "m"],
      ["at USER", 2, 1, "m"],
    ]);
  });

  it("gives a rule the context Linter gives: the same properties and values, frozen", () => {
    type Ctx = Record<string, unknown> & { sourceCode: { text: string } };
    const describeContext = (context: Ctx) => {
      const props: Record<string, unknown> = {};
      // for-in: Linter's context has the file's properties on its prototype, ours as own ones.
      for (const key in context) {
        const value = context[key];
        props[key] = typeof value === "function" ? "function" : key === "sourceCode" ? context.sourceCode.text : value;
      }
      return { props, frozen: Object.isFrozen(context) };
    };
    const contexts: unknown[] = [];
    const probe = { meta: { schema: [{ type: "string" }] }, create: (context: Ctx) => (contexts.push(describeContext(context)), {}) };
    expect(make(probe).lint("FROM alpine\n", "/v/Dockerfile")).toEqual([]);

    const linter = new Linter({ cwd: "/" });
    linter.verify("FROM alpine\n", [
      {
        files: ["**/Dockerfile"],
        plugins: { "@docker-lint": { languages: { dockerfile: language }, rules: { probe } } },
        language: "@docker-lint/dockerfile",
        languageOptions: { goMod: false },
        rules: { "@docker-lint/probe": [2] },
      },
    ] as never, "/v/Dockerfile");
    expect(contexts).toHaveLength(2);
    expect(contexts[0]).toEqual(contexts[1]);
    expect(contexts[0]).toMatchObject({ frozen: true, props: { id: "@docker-lint/probe", filename: "/v/Dockerfile", cwd: "/", options: [], report: "function" } });
  });

  it("visits nodes (with their parents) exactly as DockerfileSourceCode.traverse() orders them", () => {
    const text = "# syntax=docker/dockerfile:1\nARG V=1\n# builder\nFROM golang:1.22 AS b\nRUN go build\n\nFROM scratch\n# end\n";
    const name = (node: { type: string; keyword?: string; value?: string }) => `${node.type}:${node.keyword ?? node.value ?? ""}`;
    const seen: string[] = [];
    const record = (phase: string) => (node: { type: string }, parent?: { type: string }) => seen.push(`${phase} ${name(node)} < ${parent ? name(parent) : "-"}`);
    const runner = make({
      meta: {},
      create: () => ({
        Dockerfile: record("enter"),
        Instruction: record("enter"),
        Comment: record("enter"),
        "Instruction:exit": record("exit"),
        "Comment:exit": record("exit"),
        "Dockerfile:exit": record("exit"),
      }),
    });
    expect(runner.lint(text, "/v/Dockerfile")).toEqual([]);

    const file = { path: "/v/Dockerfile", physicalPath: "/v/Dockerfile", body: text, bom: false };
    const parsed = language.parse(file as never);
    const sourceCode = language.createSourceCode(file as never, parsed as never, { languageOptions: { goMod: false } });
    const expected: string[] = [];
    for (const step of sourceCode.traverse() as Iterable<{ phase: number; args: [{ type: string }, { type: string } | undefined] }>) {
      const [node, parent] = step.args;
      expected.push(`${step.phase === 1 ? "enter" : "exit"} ${name(node)} < ${parent ? name(parent) : "-"}`);
    }
    expect(seen).toEqual(expected);
    expect(seen).toContain("enter Comment:builder < Dockerfile:");
    expect(seen.at(-1)).toBe("exit Dockerfile: < -");
  });

  it("leaves to Linter: rules that throw, selectors beyond node types, inline eslint comments, parse errors", () => {
    expect(make({ create: () => ({ Instruction: () => { throw new Error("boom"); } }) }).lint("FROM a\n", "/v/Dockerfile")).toBeNull();
    expect(make({ create: () => ({ "Instruction[keyword=FROM]": () => {} }) }).lint("FROM a\n", "/v/Dockerfile")).toBeNull();
    expect(make({ create: () => ({}) }).lint("# eslint-disable\nFROM a\n", "/v/Dockerfile")).toBeNull();
    expect(make({ create: () => ({}) }).lint("FROM a\u0000\n", "/v/Dockerfile")).toBeNull();
    expect(make({ create: () => ({}) }).lint("FROM a\n", "/v/node_modules/x/Dockerfile")).toBeNull();
    expect(make({ create: () => ({}) }).lint("FROM a\n", "/v/Dockerfile")).toEqual([]);
  });
});

/**
 * ESLint is a peer dependency (>=9.15 <11): with the oldest and the newest ESLint 9 installed
 * beside a copy of the built package, the lean runner must still give Linter's results, or (where
 * ESLint lacks the files it shares, as 9.15 does) step aside, saying so under DEBUG=docker-lint.
 * The installs are cached in node_modules/.cache; offline, these tests are skipped with a note.
 */
describe("with ESLint 9 as the peer", () => {
  const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
  const CACHE = path.join(REPO, "node_modules/.cache/docker-lint-eslint-peers");
  const installed = new Map<string, string | Error>();
  const casesFile = path.join(CACHE, "cases.json");

  beforeAll(() => {
    execFileSync("flock", ["/tmp/docker-lint-core-build.lock", "sh", "-c", "npx tsc -b packages/core && node packages/core/scripts/bundle.mjs --if-stale"], { cwd: REPO, stdio: "pipe" });
    mkdirSync(CACHE, { recursive: true });
    writeFileSync(casesFile, JSON.stringify(inputs()));
    for (const spec of ["9.15.0", "9"]) {
      const dir = path.join(CACHE, `eslint@${spec}`);
      try {
        if (!existsSync(path.join(dir, "node_modules/eslint/package.json"))) {
          execFileSync("npm", ["install", "--prefix", dir, "--no-save", "--no-package-lock", "--no-audit", "--no-fund", `eslint@${spec}`], { stdio: "pipe", timeout: 120_000 });
        }
        // The package as published: dist/ and package.json, beside that ESLint.
        const core = path.join(dir, "node_modules/@docker-lint/core");
        rmSync(core, { recursive: true, force: true });
        mkdirSync(core, { recursive: true });
        for (const part of ["dist", "package.json"]) cpSync(path.join(REPO, "packages/core", part), path.join(core, part), { recursive: true });
        installed.set(spec, dir);
      } catch (e) {
        installed.set(spec, e as Error);
      }
    }
  }, 300_000);

  /** Lints every case with the strict preset, fixing too, through the lean runner or Linter. */
  function lintThere(dir: string, runner: "lean" | "eslint") {
    const script = `
      const { DockerLinter } = require("@docker-lint/core");
      const cases = JSON.parse(require("node:fs").readFileSync(${JSON.stringify(casesFile)}, "utf8"));
      const linter = new DockerLinter({ extends: "strict", rules: { shellcheck: "off" } });
      const out = cases.flatMap(([filePath, text]) => [linter.lintText(text, { filePath }), linter.lintText(text, { filePath, fix: true })]);
      process.stdout.write(JSON.stringify({ version: require("eslint/package.json").version, out }));`;
    const env: NodeJS.ProcessEnv = { ...process.env, DEBUG: "docker-lint", DOCKER_LINT_RUNNER: runner === "eslint" ? "eslint" : undefined };
    if (runner === "lean") delete env.DOCKER_LINT_RUNNER;
    const r = spawnSync(process.execPath, ["-e", script], { cwd: dir, env, encoding: "utf8", maxBuffer: 1 << 30 });
    expect(r.status, r.stderr).toBe(0);
    return { ...(JSON.parse(r.stdout) as { version: string; out: unknown[] }), stderr: r.stderr };
  }

  it.each([
    ["9.15.0", /^docker-lint: ESLint 9\.15\.0 has no lib\/linter\/file-report\.js; linting every file through ESLint's Linter/],
    ["9", /^$/],
  ])("eslint@%s: the same results both ways, and as with the ESLint of this repository", (spec, debugLine, context) => {
    const dir = installed.get(spec);
    if (typeof dir !== "string") {
      console.warn(`fast-runner test: cannot install eslint@${spec} (offline?): ${dir?.message.split("\n")[0]}`);
      context.skip();
      return;
    }
    const lean = lintThere(dir, "lean");
    const viaLinter = lintThere(dir, "eslint");
    expect(lean.version.startsWith("9.")).toBe(true);
    expect(lean.stderr.trim()).toMatch(debugLine);
    expect(lean.out.length).toBe(viaLinter.out.length);
    const differ = lean.out.flatMap((r, i) => (JSON.stringify(r) === JSON.stringify(viaLinter.out[i]) ? [] : [{ lean: r, linter: viaLinter.out[i] }]));
    expect(differ.slice(0, 3)).toEqual([]);
    // ESLint 10 dropped the deprecated `nodeType: null` from messages; nothing else may differ.
    const here = new DockerLinter({ extends: "strict", rules: { shellcheck: "off" } });
    const cases = JSON.parse(readFileSync(casesFile, "utf8")) as Array<[string, string]>;
    const expected = cases.flatMap(([filePath, text]) => [here.lintText(text, { filePath }), here.lintText(text, { filePath, fix: true })]);
    const withoutNodeType = (json: string) => json.replace(/,"nodeType":null/g, "");
    const mismatch = lean.out.findIndex((r, i) => withoutNodeType(JSON.stringify(r)) !== JSON.stringify(expected[i]));
    expect(mismatch === -1 ? null : { lean: lean.out[mismatch], here: expected[mismatch] }).toBeNull();
    // Two child processes lint the corpus and the oracles twice each (with fixes): minutes on a busy machine.
  }, 300_000);
});
