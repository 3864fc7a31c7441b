/**
 * The plugin through ESLint's own `ESLint` class: config files, globs, inline directives, --fix,
 * suggestions, formatters and a workspace that lints JavaScript beside Dockerfiles.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ESLint } from "eslint";
import js from "@eslint/js";
import docker from "../src/index.js";
import { BAD, GOOD, workspace, type Workspace } from "./workspace.js";

const spaces: Workspace[] = [];
function ws(files: Record<string, string>, options?: { linkNodeModules?: boolean }): Workspace {
  const w = workspace(files, options);
  spaces.push(w);
  return w;
}
afterEach(() => {
  for (const w of spaces.splice(0)) w.remove();
});

/** ESLint with the given flat config (no config file), goMod lookup off so only the Dockerfile matters. */
function eslintWith(cwd: string, config: unknown[] = [docker.configs.recommended], options: ESLint.Options = {}): ESLint {
  return new ESLint({ cwd, overrideConfigFile: true, overrideConfig: config as never, ...options });
}

const relPaths = (cwd: string, results: ESLint.LintResult[]) => results.map((r) => path.relative(cwd, r.filePath).split(path.sep).join("/")).sort();
const brief = (r: ESLint.LintResult) => r.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`);

describe("files globs", () => {
  it("`eslint .` lints every Dockerfile name and nothing else", async () => {
    const w = ws({
      Dockerfile: GOOD,
      Containerfile: GOOD,
      "svc-a/api.Dockerfile": GOOD,
      "svc-a/cron.dockerfile": GOOD,
      "svc-b/Dockerfile.prod": GOOD,
      "svc-b/Dockerfile-windows": GOOD,
      "svc-b/Dockerfile-windows.dockerignore": "node_modules\n",
      "svc-b/Dockerfile.prod.dockerignore": "node_modules\n",
      "Dockerfile.dockerignore": ".git\n",
      ".dockerignore": ".git\n",
      Makefile: "all:\n\techo hi\n",
      "README.md": "# hi\n",
      "Dockerfile_windows.txt": "not a dockerfile\n",
      Dockerfiles: "not a dockerfile\n",
      ".devcontainer/Dockerfile": BAD,
      "node_modules/pkg/Dockerfile": BAD,
    });
    const results = await eslintWith(w.dir).lintFiles(["."]);
    expect(relPaths(w.dir, results)).toEqual(["Containerfile", "Dockerfile", "svc-a/api.Dockerfile", "svc-a/cron.dockerfile", "svc-b/Dockerfile-windows", "svc-b/Dockerfile.prod"]);
  });

  it("is case-sensitive the way Docker's names are: `[Dd]ockerfile` covers both spellings of the extension", async () => {
    const w = ws({ "a.Dockerfile": BAD, "b.dockerfile": BAD, "dockerfile": BAD });
    const results = await eslintWith(w.dir).lintFiles(["."]);
    expect(relPaths(w.dir, results)).toEqual(["a.Dockerfile", "b.dockerfile"]);
  });
});

describe("findings", () => {
  it("reports with rule id, line, column and end", async () => {
    const [r] = await eslintWith("/").lintText(BAD, { filePath: "/virtual/svc/Dockerfile" });
    expect(r!.messages).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ ruleId: "@docker-lint/require-image-tag", messageId: "missingTag", severity: 2, line: 3, column: 6, endLine: 3, endColumn: 12 }),
      ]),
    );
  });

  it("runs the strict preset with its options", async () => {
    const text = "FROM gcr.io/distroless/base-debian12:nonroot\nCMD /app\n";
    const eslint = eslintWith("/", [docker.configs.strict]);
    const [r] = await eslint.lintText(text, { filePath: "/virtual/Dockerfile" });
    expect(r!.messages.map((m) => m.ruleId)).toContain("@docker-lint/json-exec-form");
  });

  it("turns a parse failure into one fatal message, not a crash", async () => {
    const [r] = await eslintWith("/").lintText("FROM alpine:3.20\u0000\n", { filePath: "/virtual/Dockerfile" });
    expect(r!.messages).toEqual([expect.objectContaining({ fatal: true, severity: 2, line: 1 })]);
  });
});

describe("inline directives", () => {
  // One rule on, so each case shows only what the directive under test does.
  const oneRule = { ...docker.configs.recommended, rules: { "@docker-lint/require-image-tag": "error" } };
  const lint = async (text: string, options: ESLint.Options = {}) => {
    const [r] = await eslintWith("/", [oneRule], options).lintText(text, { filePath: "/virtual/Dockerfile" });
    return r!;
  };
  const TAGLESS = "FROM gcr.io/distroless/static-debian12\n";

  it("`# eslint-disable-next-line <rule> -- reason` suppresses the next line and keeps the reason", async () => {
    const r = await lint(`# eslint-disable-next-line @docker-lint/require-image-tag -- the base-image bot pins it\n${TAGLESS}`);
    expect(r.messages).toEqual([]);
    expect(r.suppressedMessages).toEqual([
      expect.objectContaining({
        ruleId: "@docker-lint/require-image-tag",
        suppressions: [{ kind: "directive", justification: "the base-image bot pins it" }],
      }),
    ]);
  });

  it("applies to the line a report points at, which inside a continuation may need a comment line there", async () => {
    // The report is on line 3 (the image), so a directive above line 2 leaves it (and is unused).
    const above = await lint("FROM golang:1.22 AS build\n# eslint-disable-next-line @docker-lint/require-image-tag\nFROM --platform=linux/amd64 \\\n  gcr.io/distroless/static-debian12 \\\n  AS run\n");
    expect(brief(above)).toEqual(["2:1 null", "4:3 @docker-lint/require-image-tag"]);
    // Docker drops comment lines inside a continuation, so the directive can sit right above the image.
    const inside = await lint("FROM golang:1.22 AS build\nFROM --platform=linux/amd64 \\\n  # eslint-disable-next-line @docker-lint/require-image-tag\n  gcr.io/distroless/static-debian12 \\\n  AS run\n");
    expect(inside.messages).toEqual([]);
    expect(inside.suppressedMessages.map((m) => m.line)).toEqual([4]);
  });

  it("`# eslint-disable` / `# eslint-enable` blocks", async () => {
    const text = [
      "FROM golang:1.22 AS build",
      "# eslint-disable @docker-lint/require-image-tag",
      "FROM busybox AS a",
      "# eslint-enable @docker-lint/require-image-tag",
      "FROM gcr.io/distroless/static-debian12",
      "",
    ].join("\n");
    const r = await lint(text);
    expect(brief(r)).toEqual(["5:6 @docker-lint/require-image-tag"]);
    expect(r.suppressedMessages.map((m) => m.line)).toEqual([3]);
  });

  it("`# eslint <rule>: off` turns a rule off for the file, and can set options", async () => {
    expect((await lint(`# eslint @docker-lint/require-image-tag: off\n${TAGLESS}`)).messages).toEqual([]);
    const withOptions = `# eslint @docker-lint/require-image-tag: ["error", {"allow": ["gcr.io/distroless/*"]}]\n${TAGLESS}`;
    expect((await lint(withOptions)).messages).toEqual([]);
  });

  it("reports a bad inline config", async () => {
    const r = await lint(`# eslint @docker-lint/require-image-tag: [oops\n${TAGLESS}`);
    expect(r.messages.some((m) => m.ruleId === null && m.line === 1 && /Failed to parse/i.test(m.message))).toBe(true);
  });

  it("reports unused disable directives, and --fix removes them", async () => {
    const text = "# eslint-disable-next-line @docker-lint/require-image-tag\nFROM gcr.io/distroless/static-debian12:nonroot\n";
    const r = await lint(text);
    expect(r.messages).toEqual([expect.objectContaining({ ruleId: null, severity: 1, line: 1, message: expect.stringMatching(/Unused eslint-disable directive/) })]);
    const fixed = await lint(text, { fix: true });
    expect(fixed.output).toBeDefined();
    expect(fixed.output!.includes("eslint-disable")).toBe(false);
    expect(fixed.messages).toEqual([]);
  });

  it("ignores directives under noInlineConfig, and says so", async () => {
    const r = await lint(`# eslint-disable-next-line @docker-lint/require-image-tag\n${TAGLESS}`, { overrideConfig: [oneRule, { linterOptions: { noInlineConfig: true } }] as never });
    expect(r.messages.map((m) => m.ruleId)).toEqual([null, "@docker-lint/require-image-tag"]);
  });

  it("warns when an ESLint comment displaces a parser directive", async () => {
    const text = `# eslint-disable-next-line @docker-lint/require-image-tag\n# syntax=docker/dockerfile:1\n${TAGLESS}`;
    const [r] = await eslintWith("/").lintText(text, { filePath: "/virtual/Dockerfile" });
    expect(brief(r!)).toContain("2:1 @docker-lint/no-displaced-directive");
  });
});

describe("the README's Dockerfile examples", () => {
  const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
  const examples = [...readme.matchAll(/```dockerfile\n([\s\S]*?)```/g)].map((m) => m[1]!);

  it.each(examples.map((text, i) => [i, text] as const))("example %i lints clean, its directives each suppressing something", async (_, text) => {
    const [r] = await eslintWith("/").lintText(text, { filePath: "/virtual/Dockerfile" });
    expect(r!.messages).toEqual([]);
    expect(r!.suppressedMessages.length).toBeGreaterThan(0);
  });
});

describe("--fix and suggestions", () => {
  it("fixes files on disk through ESLint.outputFixes", async () => {
    const w = ws({ "svc/Dockerfile": "FROM gcr.io/distroless/static-debian12:nonroot\nCOPY app /app\nENTRYPOINT /app --port 8080\n" });
    const eslint = eslintWith(w.dir, [docker.configs.recommended], { fix: true });
    const results = await eslint.lintFiles(["."]);
    await ESLint.outputFixes(results);
    expect(readFileSync(path.join(w.dir, "svc/Dockerfile"), "utf8")).toBe(
      'FROM gcr.io/distroless/static-debian12:nonroot\nCOPY app /app\nENTRYPOINT ["/app", "--port", "8080"]\n',
    );
    expect(results[0]!.messages).toEqual([]);
  });

  it("offers suggestions (editor quick fixes) that --fix leaves alone", async () => {
    const text = "# build me\n# syntax=docker/dockerfile:1\nFROM gcr.io/distroless/static-debian12:nonroot\n";
    const [r] = await eslintWith("/", [docker.configs.recommended], { fix: true }).lintText(text, { filePath: "/virtual/Dockerfile" });
    expect(r!.output).toBeUndefined();
    const [m] = r!.messages;
    expect(m).toMatchObject({ ruleId: "@docker-lint/no-displaced-directive", suggestions: [{ messageId: "moveToTop", desc: expect.stringContaining("first line") }] });
    const fix = m!.suggestions![0]!.fix;
    expect(text.slice(0, fix.range[0]) + fix.text + text.slice(fix.range[1])).toBe(
      "# syntax=docker/dockerfile:1\n# build me\nFROM gcr.io/distroless/static-debian12:nonroot\n",
    );
  });
});

describe("ESLint's formatters", () => {
  it.each(["stylish", "json"])("%s shows file, line, column and rule id", async (name) => {
    const w = ws({ "svc/Dockerfile": BAD });
    const eslint = eslintWith(w.dir);
    const results = await eslint.lintFiles(["."]);
    const out = await (await eslint.loadFormatter(name)).format(results);
    if (name === "json") {
      const [r] = JSON.parse(out) as ESLint.LintResult[];
      expect(r!.filePath).toBe(path.join(w.dir, "svc/Dockerfile"));
      expect(r!.messages).toEqual(expect.arrayContaining([expect.objectContaining({ ruleId: "@docker-lint/require-image-tag", line: 3, column: 6 })]));
    } else {
      expect(out).toContain(path.join(w.dir, "svc/Dockerfile"));
      expect(out).toMatch(/3:6\s+error\s+.*@docker-lint\/require-image-tag/);
    }
  });
});

describe("a workspace that lints JavaScript too", () => {
  const files = {
    "src/a.js": "const unused = 1;\nundefinedThing();\n",
    "svc/Dockerfile": BAD,
  };

  async function lintAll(cwd: string, config?: unknown[]) {
    const eslint = config ? eslintWith(cwd, config) : new ESLint({ cwd });
    const results = await eslint.lintFiles(["."]);
    return Object.fromEntries(results.map((r) => [path.relative(cwd, r.filePath).split(path.sep).join("/"), r.messages.map((m) => m.ruleId)]));
  }

  it("does not crash with an unscoped js.configs.recommended, and keeps JS rules off Dockerfiles", async () => {
    const w = ws(files);
    const byFile = await lintAll(w.dir, [js.configs.recommended, docker.configs.recommended]);
    expect(byFile["src/a.js"]).toEqual(["no-unused-vars", "no-undef"]);
    expect(byFile["svc/Dockerfile"]!.length).toBeGreaterThan(0);
    expect(byFile["svc/Dockerfile"]!.every((id) => id?.startsWith("@docker-lint/"))).toBe(true);
  });

  it("gives Dockerfiles the same findings with or without the JS config", async () => {
    const w = ws(files);
    const mixed = await lintAll(w.dir, [js.configs.recommended, docker.configs.recommended]);
    const alone = await lintAll(w.dir, [docker.configs.recommended]);
    expect(mixed["svc/Dockerfile"]).toEqual(alone["svc/Dockerfile"]);
  });

  it("works from the README's eslint.config.mjs", async () => {
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    const config = /```js\n(\/\/ eslint\.config\.mjs\n[\s\S]*?)```/.exec(readme)?.[1];
    expect(config, "README has an eslint.config.mjs example").toBeDefined();
    const w = ws({ ...files, "eslint.config.mjs": config! }, { linkNodeModules: true });
    const byFile = await lintAll(w.dir);
    expect(byFile["src/a.js"]).toEqual(["no-unused-vars", "no-undef"]);
    expect(byFile["svc/Dockerfile"]).toEqual(expect.arrayContaining(["@docker-lint/require-image-tag"]));
  });
});
