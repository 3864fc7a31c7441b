import { readFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DockerLinter } from "../../src/index.js";
import { BIN, buildCore, cleanTemp, run, tempTree, SHELL_CMD, UNTAGGED, CLEAN } from "./helpers.js";

/** Only the rules under test: other rules' changes can't move these expectations. */
const CONFIG = JSON.stringify({ extends: "none", rules: { "require-image-tag": "error", "json-exec-form": "error" } });

beforeAll(buildCore);
afterAll(cleanTemp);

describe("stylish (default)", () => {
  it("prints ESLint's stylish layout and summary, without colours when piped", () => {
    const root = tempTree({ "docker-lint.config.json": CONFIG, "svc/Dockerfile": UNTAGGED, "clean/Dockerfile": CLEAN });
    const r = run([], { cwd: root });
    expect(r.code).toBe(1);
    const file = path.join(root, "svc/Dockerfile");
    expect(r.stdout).toBe(
      `\n${file}\n` +
        "  6:6  error  Image 'gcr.io/distroless/static-debian12' has no tag, so every build may pull a different image. Pin a version tag (e.g. 'gcr.io/distroless/static-debian12:<version>') or a digest  @docker-lint/require-image-tag\n\n" +
        "\u2716 1 problem (1 error, 0 warnings)\n\n" +
        "Rule docs (or: docker-lint explain <rule>):\n" +
        "  @docker-lint/require-image-tag  https://github.com/docker-lint/docker-lint/blob/main/packages/core/docs/rules/require-image-tag.md\n\n",
    );
    expect(r.stdout).not.toContain("\u001b[");
    expect(r.stdout).not.toContain("clean/Dockerfile");
  });

  it("aligns columns and counts fixable problems", () => {
    const root = tempTree({
      "docker-lint.config.json": JSON.stringify({ extends: "none", rules: { "require-image-tag": "warn", "json-exec-form": "error" } }),
      Dockerfile: SHELL_CMD.replace("golang:1.22.5", "debian"),
    });
    const r = run([], { cwd: root });
    const lines = r.stdout.split("\n");
    const warning = lines.find((l) => l.startsWith("  1:6  warning  Image 'debian' has no tag, so every build may pull a different image. Pin a version tag (e.g. 'debian:<version>') or a digest  "));
    const error = lines.find((l) => l.startsWith("  7:5  error    CMD is in shell form"));
    // The rule-id column starts at the same offset on both rows; trailing period dropped as in ESLint.
    expect(warning?.indexOf("@docker-lint/require-image-tag")).toBe(error?.indexOf("@docker-lint/json-exec-form"));
    expect(warning).not.toContain("digest.");
    expect(r.stdout).toContain("\u2716 2 problems (1 error, 1 warning)\n  1 error and 0 warnings potentially fixable with the `--fix` option.\n");
  });

  it("prints nothing and exits 0 when clean", () => {
    const root = tempTree({ "docker-lint.config.json": CONFIG, Dockerfile: CLEAN });
    expect(run([], { cwd: root })).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  const hasScript = spawnSync("script", ["--version"]).status === 0;
  it.skipIf(!hasScript)("colours output on a terminal unless NO_COLOR is set", () => {
    const root = tempTree({ "docker-lint.config.json": CONFIG, Dockerfile: UNTAGGED });
    const onTty = (env: string) => spawnSync("script", ["-qec", `${env} ${process.execPath} ${BIN} 2>/dev/null`, "/dev/null"], { cwd: root, encoding: "utf8" }).stdout;
    const coloured = onTty("env -u NO_COLOR");
    expect(coloured).toContain("\u001b[31merror\u001b[39m");
    expect(coloured).toContain("\u001b[4m");
    const plain = onTty("env NO_COLOR=1");
    expect(plain).toContain("error");
    expect(plain).not.toContain("\u001b[");
  });
});

describe("json", () => {
  it("is JSON.stringify of the runner's LintResult array", () => {
    const root = tempTree({ "docker-lint.config.json": CONFIG, "a/Dockerfile": UNTAGGED, "b/Dockerfile": CLEAN });
    const r = run(["--format", "json"], { cwd: root });
    expect(r.code).toBe(1);
    const linter = new DockerLinter(JSON.parse(CONFIG), { cwd: root });
    const expected = ["a/Dockerfile", "b/Dockerfile"].map((f) => {
      const file = path.join(root, f);
      return linter.lintText(readFileSync(file, "utf8"), { filePath: file });
    });
    expect(r.stdout).toBe(`${JSON.stringify(expected)}\n`);
    expect(JSON.parse(r.stdout)[0].messages[0]).toMatchObject({ ruleId: "@docker-lint/require-image-tag", severity: 2, line: 6, column: 6, endLine: 6, endColumn: 39 });
  });
});

describe("sarif", () => {
  it("is a SARIF 2.1.0 log with rule metadata and physical locations", () => {
    const root = tempTree({ "docker-lint.config.json": CONFIG, "svc/api.Dockerfile": UNTAGGED, "b/Dockerfile": CLEAN });
    const r = run(["-f", "sarif"], { cwd: root });
    expect(r.code).toBe(1);
    const log = JSON.parse(r.stdout);
    expect(log.version).toBe("2.1.0");
    expect(log.$schema).toMatch(/sarif-2\.1\.0/);
    const run0 = log.runs[0];
    expect(run0.tool.driver.name).toBe("docker-lint");
    const rule = run0.tool.driver.rules.find((x: { id: string }) => x.id === "@docker-lint/require-image-tag");
    expect(rule.shortDescription.text).toMatch(/tag/);
    expect(rule.helpUri).toMatch(/require-image-tag\.md$/);
    expect(run0.results).toHaveLength(1);
    const [result] = run0.results;
    expect(result).toMatchObject({ ruleId: "@docker-lint/require-image-tag", level: "error", message: { text: expect.stringContaining("has no tag") } });
    expect(run0.tool.driver.rules[result.ruleIndex].id).toBe(result.ruleId);
    const loc = result.locations[0].physicalLocation;
    expect(loc.artifactLocation).toEqual({ uri: "svc/api.Dockerfile", uriBaseId: "%SRCROOT%" });
    expect(loc.region).toEqual({ startLine: 6, startColumn: 6, endLine: 6, endColumn: 39 });
    expect(run0.originalUriBaseIds["%SRCROOT%"].uri).toBe(`file://${root}/`);
  });

  it("gives fatal problems a rule and leaves out an unknown region", () => {
    const root = tempTree({ "bin.Dockerfile": Buffer.from([0x46, 0x52, 0, 0x4f]), "huge.Dockerfile": "#".repeat(1024 * 1024 + 1) });
    const log = JSON.parse(run(["-f", "sarif"], { cwd: root }).stdout);
    const results = log.runs[0].results;
    expect(results).toHaveLength(2);
    for (const res of results) expect(log.runs[0].tool.driver.rules[res.ruleIndex].id).toBe("docker-lint/fatal");
    expect(results[0].locations[0].physicalLocation.region).toEqual({ startLine: 1, startColumn: 3 });
    expect(results[1].locations[0].physicalLocation.region).toBeUndefined();
  });
});

describe("github", () => {
  it("prints one workflow command per problem, escaping properties", () => {
    const root = tempTree({
      "docker-lint.config.json": JSON.stringify({ extends: "none", rules: { "require-image-tag": "warn", "json-exec-form": "error" } }),
      "svc/a,b.Dockerfile": SHELL_CMD.replace("golang:1.22.5", "debian"),
    });
    const r = run(["--format=github"], { cwd: root });
    expect(r.code).toBe(1);
    expect(r.stdout.trimEnd().split("\n")).toEqual([
      "::warning file=svc/a%2Cb.Dockerfile,line=1,col=6,endLine=1,endColumn=12,title=@docker-lint/require-image-tag::Image 'debian' has no tag, so every build may pull a different image. Pin a version tag (e.g. 'debian:<version>') or a digest.",
      expect.stringMatching(/^::error file=svc\/a%2Cb\.Dockerfile,line=7,col=5,endLine=7,endColumn=\d+,title=@docker-lint\/json-exec-form::CMD is in shell form/),
    ]);
  });
});

describe("--output-file", () => {
  it("writes the report to the file (creating folders) and nothing to stdout", () => {
    const root = tempTree({ "docker-lint.config.json": CONFIG, Dockerfile: UNTAGGED });
    const r = run(["-f", "json", "--output-file", "reports/lint.json"], { cwd: root });
    expect(r).toMatchObject({ code: 1, stdout: "" });
    const report = JSON.parse(readFileSync(path.join(root, "reports/lint.json"), "utf8"));
    expect(report[0].errorCount).toBe(1);
  });

  it("exits 2 when the report cannot be written", () => {
    const root = tempTree({ "docker-lint.config.json": CONFIG, Dockerfile: CLEAN, "taken/x": "" });
    const r = run(["-o", "taken"], { cwd: root });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^docker-lint: cannot write the report to taken: .*EISDIR/);
  });
});
