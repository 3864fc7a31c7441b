import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { DockerLinter, rules } from "../../src/index.js";
import { buildCore, cleanTemp, lintedPaths, run, tempTree, CLEAN, UNTAGGED, SHELL_CMD } from "./helpers.js";

const only = (rules: Record<string, unknown>) => JSON.stringify({ extends: "none", rules });
const WARN_TAG = only({ "require-image-tag": "warn" });
const ERROR_TAG = only({ "require-image-tag": "error" });

beforeAll(buildCore);
afterAll(cleanTemp);

describe("exit codes", () => {
  it("is 0 when clean, 1 on errors, 0 on warnings only", () => {
    expect(run([], { cwd: tempTree({ "docker-lint.config.json": ERROR_TAG, Dockerfile: CLEAN }) }).code).toBe(0);
    expect(run([], { cwd: tempTree({ "docker-lint.config.json": ERROR_TAG, Dockerfile: UNTAGGED }) }).code).toBe(1);
    expect(run([], { cwd: tempTree({ "docker-lint.config.json": WARN_TAG, Dockerfile: UNTAGGED }) }).code).toBe(0);
  });

  it("is 2 on usage errors, with one line on stderr", () => {
    const root = tempTree({ "docker-lint.config.json": ERROR_TAG, Dockerfile: CLEAN });
    const cases: Array<[string[], RegExp]> = [
      [["--bogus"], /^docker-lint: unknown option --bogus/],
      [["--format", "xml"], /^docker-lint: unknown format "xml": not built in \(stylish, json, sarif, github, checkstyle, codeclimate, gitlab, gnu, sonarqube\)/],
      [["--max-warnings", "many"], /^docker-lint: --max-warnings needs a whole number/],
      [["--config"], /^docker-lint: option --config needs a value/],
      [["--fix", "--fix-dry-run"], /cannot be used together/],
      [["--stdin", "--fix"], /--fix cannot write to stdin; use --fix-dry-run/],
      [["missing/Dockerfile"], /^docker-lint: no such file or folder: missing\/Dockerfile$/],
      [["nothing/**/Dockerfile"], /^docker-lint: no files match the pattern: nothing\/\*\*\/Dockerfile$/],
    ];
    for (const [args, message] of cases) {
      const r = run(args, { cwd: root, input: "" });
      expect({ args, code: r.code }).toEqual({ args, code: 2 });
      expect(r.stderr.trimEnd()).toMatch(message);
      expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
      expect(r.stdout).toBe("");
    }
  });

  it("prints help and version", () => {
    const root = tempTree({});
    const help = run(["--help"], { cwd: root });
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: docker-lint \[options\] \[files \| folders \| globs \| -\]\n {7}docker-lint explain <rule/);
    for (const opt of ["--format", "--fix", "--fix-dry-run", "--config", "--rule", "--max-warnings", "--failure-threshold", "--quiet", "--stdin", "--stdin-filename", "--output-file", "--print-config", "--no-progress", "--no-color", "--cache", "--cache-location", "--init", "--from-hadolint"]) {
      expect(help.stdout).toContain(opt);
    }
    const version = JSON.parse(readFileSync(path.join(__dirname, "../../package.json"), "utf8")).version;
    expect(run(["--version"], { cwd: root })).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
  });
});

describe("--max-warnings and --quiet", () => {
  it("--max-warnings fails the run only above the limit", () => {
    const root = tempTree({ "docker-lint.config.json": WARN_TAG, "a/Dockerfile": UNTAGGED, "b/Dockerfile": UNTAGGED });
    expect(run(["--max-warnings", "2"], { cwd: root }).code).toBe(0);
    expect(run(["--max-warnings", "-1"], { cwd: root }).code).toBe(0);
    const over = run(["--max-warnings=1"], { cwd: root });
    expect(over.code).toBe(1);
    expect(over.stderr).toBe("docker-lint found too many warnings (maximum: 1).\n");
  });

  it("--quiet prints errors only and drops files with no errors, like ESLint", () => {
    const root = tempTree({
      "docker-lint.config.json": only({ "require-image-tag": "warn", "json-exec-form": "error" }),
      "a/Dockerfile": UNTAGGED,
      "b/Dockerfile": SHELL_CMD.replace("golang:1.22.5", "debian"),
    });
    const r = run(["--quiet", "-f", "json"], { cwd: root });
    expect(r.code).toBe(1);
    const results = JSON.parse(r.stdout);
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ errorCount: 1, warningCount: 0, fixableWarningCount: 0 });
    expect(results[0].messages.map((m: { ruleId: string }) => m.ruleId)).toEqual(["@docker-lint/json-exec-form"]);
    // Warnings hidden by --quiet still count against --max-warnings, as in ESLint.
    const warnOnly = tempTree({ "docker-lint.config.json": WARN_TAG, Dockerfile: UNTAGGED });
    expect(run(["--quiet"], { cwd: warnOnly })).toEqual({ code: 0, stdout: "", stderr: "" });
    expect(run(["--quiet", "--max-warnings", "0"], { cwd: warnOnly }).code).toBe(1);
  });
});

describe("--rule", () => {
  const root = () => tempTree({ "docker-lint.config.json": ERROR_TAG, Dockerfile: UNTAGGED.replace("golang:1.22.5", "alpine") });

  it("sets a level with 'id: level'", () => {
    const r = run(["--rule", "require-image-tag: off", "-f", "json"], { cwd: root() });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)[0].messages).toEqual([]);
    const warn = run(["--rule", "@docker-lint/require-image-tag: warn", "-f", "json"], { cwd: root() });
    expect(JSON.parse(warn.stdout)[0].messages.map((m: { severity: number }) => m.severity)).toEqual([1, 1]);
  });

  it("takes options as JSON and can be repeated", () => {
    const r = run(
      ["--rule", '{"require-image-tag": ["error", {"allow": ["gcr.io/distroless/*"]}]}', "--rule", "json-exec-form: error", "-f", "json"],
      { cwd: root() },
    );
    const messages = JSON.parse(r.stdout)[0].messages;
    expect(messages.map((m: { line: number }) => m.line)).toEqual([1]); // `alpine` still reported, distroless allowed
  });

  it("exits 2 on an unknown rule, bad options or an unparsable value", () => {
    const unknown = run(["--rule", "require-image-tags: off"], { cwd: root() });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('docker-lint: --rule: unknown rule "require-image-tags" (did you mean "require-image-tag"?)\n');
    const badOptions = run(["--rule", '{"require-image-tag": ["error", {"alow": []}]}'], { cwd: root() });
    expect(badOptions.code).toBe(2);
    expect(badOptions.stderr).toMatch(/^docker-lint: --rule: invalid configuration: .*require-image-tag.*Unexpected property "alow"/);
    expect(run(["--rule", "require-image-tag: loud"], { cwd: root() }).stderr).toMatch(/severity must be "off", "warn" or "error"/);
    expect(run(["--rule", "require-image-tag:"], { cwd: root() }).code).toBe(2);
    expect(run(["--rule", "{nope"], { cwd: root() }).stderr).toMatch(/^docker-lint: --rule "\{nope": expected 'rule-id: level' or a JSON object/);
  });
});

describe("--config and config files", () => {
  it("finds the nearest config upward from the current folder", () => {
    const root = tempTree({ "docker-lint.config.json": WARN_TAG, "svc/api/Dockerfile": UNTAGGED });
    const r = run(["-f", "json"], { cwd: path.join(root, "svc") });
    expect(JSON.parse(r.stdout)[0].messages.map((m: { severity: number }) => m.severity)).toEqual([1]);
  });

  it("uses the recommended preset when there is no config", () => {
    const root = tempTree({ Dockerfile: "FROM golang:1.22\nRUN go build -o /app .\nCMD [\"/app\"]\n" });
    const r = run(["-f", "json"], { cwd: root });
    expect(r.code).toBe(1);
    const file = path.join(root, "Dockerfile");
    const expected = new DockerLinter({ extends: "recommended" }, { cwd: root }).lintText(readFileSync(file, "utf8"), { filePath: file });
    expect(expected.errorCount).toBeGreaterThan(0);
    expect(JSON.parse(r.stdout)).toEqual([expected]);
  });

  it("loads a .mjs config given with --config, with overrides relative to the config's folder", () => {
    const root = tempTree({
      "conf/docker-lint.config.mjs": `export default { extends: "none", rules: { "require-image-tag": "error" }, overrides: [{ files: ["legacy/**"], rules: { "require-image-tag": "off" } }] };\n`,
      "conf/legacy/Dockerfile": UNTAGGED,
      "conf/new/Dockerfile": UNTAGGED,
      "legacy/Dockerfile": UNTAGGED,
    });
    const r = run(["--config", "conf/docker-lint.config.mjs", "-f", "json", "conf", "legacy"], { cwd: root });
    const byFile = Object.fromEntries(JSON.parse(r.stdout).map((x: { filePath: string; errorCount: number }) => [path.relative(root, x.filePath), x.errorCount]));
    // `legacy/**` means conf/legacy, not the legacy folder next to conf.
    expect(byFile).toEqual({ "conf/legacy/Dockerfile": 0, "conf/new/Dockerfile": 1, "legacy/Dockerfile": 1 });
  });

  it("skips files matched by the config's ignores, but lints them when named", () => {
    const root = tempTree({
      "docker-lint.config.json": JSON.stringify({ extends: "none", rules: { "require-image-tag": "error" }, ignores: ["vendor/**", "**/*.test.Dockerfile"] }),
      "vendor/x/Dockerfile": UNTAGGED,
      "svc/a.test.Dockerfile": UNTAGGED,
      "svc/Dockerfile": UNTAGGED,
    });
    expect(lintedPaths(run(["-f", "json"], { cwd: root }).stdout, root)).toEqual(["svc/Dockerfile"]);
    expect(lintedPaths(run(["-f", "json", "vendor/x/Dockerfile"], { cwd: root }).stdout, root)).toEqual(["vendor/x/Dockerfile"]);
  });

  it("exits 2 naming the file and line for invalid JSON", () => {
    const root = tempTree({ "docker-lint.config.json": '{\n  "rules": {\n    "require-image-tag": "error",\n  }\n}\n', Dockerfile: CLEAN });
    const r = run([], { cwd: root });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^docker-lint: ${path.join(root, "docker-lint.config.json").replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: invalid JSON \\(line 4, column 3\\)`));
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
  });

  it("exits 2 on an unknown rule, bad options, or a missing --config file", () => {
    const unknown = tempTree({ "docker-lint.config.json": only({ "no-such-rule": "error" }), Dockerfile: CLEAN });
    expect(run([], { cwd: unknown })).toMatchObject({ code: 2, stderr: expect.stringMatching(/docker-lint\.config\.json: unknown rule "no-such-rule"/) });
    const badOverride = tempTree({
      "docker-lint.config.json": JSON.stringify({ overrides: [{ files: ["x/**"], rules: { "require-image-tag": ["error", { nope: 1 }] } }] }),
      Dockerfile: CLEAN,
    });
    expect(run([], { cwd: badOverride })).toMatchObject({ code: 2, stderr: expect.stringMatching(/docker-lint\.config\.json: invalid configuration: .*"nope"/) });
    const badFiles = tempTree({ "docker-lint.config.json": JSON.stringify({ overrides: [{ files: [42], rules: {} }] }), Dockerfile: CLEAN });
    expect(run([], { cwd: badFiles })).toMatchObject({ code: 2, stderr: expect.stringMatching(/each override needs "files": an array of glob strings/) });
    expect(run(["--config", "nope.json"], { cwd: unknown })).toMatchObject({ code: 2, stderr: expect.stringMatching(/nope\.json: cannot read config/) });
  });
});

describe("--print-config", () => {
  it("prints the preset and every rule with its options for that file", () => {
    const root = tempTree({
      "docker-lint.config.json": JSON.stringify({
        extends: "strict",
        rules: { "require-multi-stage": "off" },
        overrides: [{ files: ["tools/**"], rules: { "require-image-tag": ["warn", { allow: ["internal/*"] }] } }],
      }),
    });
    const tools = run(["--print-config", "tools/Dockerfile"], { cwd: root });
    expect(tools.code).toBe(0);
    const config = JSON.parse(tools.stdout);
    expect(config).toMatchObject({ preset: "strict", configFile: path.join(root, "docker-lint.config.json"), filePath: path.join(root, "tools/Dockerfile") });
    expect(config.rules["@docker-lint/require-multi-stage"][0]).toBe("off");
    // Options are the rule's defaults with the configured ones merged over them.
    const tagDefaults = (rules["require-image-tag"]!.meta as { defaultOptions: object[] }).defaultOptions[0];
    expect(config.rules["@docker-lint/require-image-tag"]).toEqual(["warn", { ...tagDefaults, allow: ["internal/*"] }]);
    expect(config.rules["@docker-lint/no-unpinned-toolchain"]).toEqual(["error", expect.objectContaining({ level: "patch" })]);
    const other = JSON.parse(run(["--print-config", "svc/Dockerfile", "--rule", "json-exec-form: warn"], { cwd: root }).stdout);
    expect(other.rules["@docker-lint/require-image-tag"]).toEqual(["error", tagDefaults]);
    // A bare level keeps the options set before it (strict's shellBases).
    expect(other.rules["@docker-lint/json-exec-form"]).toEqual(["warn", expect.objectContaining({ shellBases: true })]);
  });
});

describe("--stdin", () => {
  it("lints stdin as the --stdin-filename file, using it for the go.mod lookup", () => {
    const root = tempTree({ "svc/go.mod": "module example.com/svc\n\ngo 1.23\n", "docker-lint.config.json": only({ "go-version-matches-go-mod": "error" }) });
    const text = "FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM scratch\nCOPY --from=build /app /app\n";
    const svc = run(["--stdin", "--stdin-filename", "svc/Dockerfile", "-f", "json"], { cwd: root, input: text });
    expect(svc.code).toBe(1);
    const [result] = JSON.parse(svc.stdout);
    expect(result.filePath).toBe(path.join(root, "svc/Dockerfile"));
    expect(result.messages[0]).toMatchObject({ ruleId: "@docker-lint/go-version-matches-go-mod", line: 1 });
    const elsewhere = run(["--stdin", "--stdin-filename", "other/Dockerfile", "-f", "json"], { cwd: root, input: text });
    expect(JSON.parse(elsewhere.stdout)[0].messages).toEqual([]);
  });

  it("names stdin <text> without --stdin-filename, and --fix-dry-run returns the fixed text", () => {
    const root = tempTree({ "docker-lint.config.json": only({ "json-exec-form": "error" }) });
    const r = run(["--stdin", "--fix-dry-run", "-f", "json"], { cwd: root, input: SHELL_CMD });
    const [result] = JSON.parse(r.stdout);
    expect(result.filePath).toBe("<text>");
    expect(result.output).toBe(SHELL_CMD.replace("CMD /app --serve", 'CMD ["/app", "--serve"]'));
    expect(r.code).toBe(0);
  });

  it("reports binary stdin as a fatal problem", () => {
    const root = tempTree({});
    const r = run(["--stdin", "--stdin-filename", "Dockerfile", "-f", "json"], { cwd: root, input: Buffer.from("FROM x\n\0") });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)[0].messages[0]).toMatchObject({ fatal: true, line: 2, column: 1, message: expect.stringContaining("NUL byte") });
  });
});

describe("internal errors", () => {
  it("prints one line and exits 2; DEBUG=docker-lint adds the stack", async () => {
    buildCore();
    const { main } = await import("../../dist/cli/cli.js");
    const stderr: string[] = [];
    const write = vi.spyOn(process.stderr, "write").mockImplementation((chunk) => (stderr.push(String(chunk)), true));
    const cwd = vi.spyOn(process, "cwd").mockImplementation(() => {
      throw new Error("boom\nsecond line");
    });
    const debug = process.env.DEBUG;
    try {
      delete process.env.DEBUG;
      expect(await main([])).toBe(2);
      expect(stderr).toEqual(["docker-lint: internal error: boom second line (set DEBUG=docker-lint to see the stack trace)\n"]);
      expect(stderr.join("")).not.toMatch(/\n\s+at /);
      stderr.length = 0;
      process.env.DEBUG = "docker-lint";
      expect(await main([])).toBe(2);
      expect(stderr.join("")).toMatch(/\n\s+at /);
    } finally {
      if (debug === undefined) delete process.env.DEBUG;
      else process.env.DEBUG = debug;
      write.mockRestore();
      cwd.mockRestore();
    }
  });
});

