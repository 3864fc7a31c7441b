/** The hadolint users' command line: .hadolint.yaml, --failure-threshold, `-`, --init, explain. */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, buildCore, cleanTemp, run, tempTree, CLEAN, UNTAGGED } from "../cli/helpers.js";

beforeAll(buildCore);
afterAll(cleanTemp);

/** Root user in the final stage (require-non-root-user, hadolint's DL3002) and an untagged base (DL3006). */
const ROOT_USER = CLEAN.replace("USER 65532:65532", "USER root");
const ruleIds = (stdout: string) => (JSON.parse(stdout) as Array<{ messages: Array<{ ruleId: string; severity: number }> }>).flatMap((r) => r.messages.map((m) => `${m.ruleId}:${m.severity}`));

describe(".hadolint.yaml", () => {
  it("is read as a config source: ignored codes turn their rules off, overrides set severities", () => {
    const root = tempTree({ ".hadolint.yaml": "ignored: [DL3006]\noverride:\n  info: [DL3002]\n", Dockerfile: ROOT_USER.replace(":nonroot", "") });
    const r = run(["-f", "json"], { cwd: root });
    expect(ruleIds(r.stdout)).toEqual(["@docker-lint/require-non-root-user:1"]);
    expect(r.code).toBe(0);
  });

  it("lies beneath docker-lint.config.json, which wins", () => {
    const root = tempTree({
      ".hadolint.yaml": "ignored: [DL3002, DL3006]\n",
      "docker-lint.config.json": JSON.stringify({ rules: { "require-image-tag": "warn" } }),
      Dockerfile: ROOT_USER.replace(":nonroot", ""),
    });
    expect(ruleIds(run(["-f", "json"], { cwd: root }).stdout)).toEqual(["@docker-lint/require-image-tag:1"]);
  });

  it("shows in --print-config: rules from its codes, settings carried, the file named", () => {
    const root = tempTree({ ".hadolint.yaml": "ignored: [DL3025]\ntrustedRegistries: [registry.example]\n", Dockerfile: CLEAN });
    const printed = JSON.parse(run(["--print-config", "Dockerfile"], { cwd: root }).stdout);
    expect(printed.configFile).toBe(path.join(root, ".hadolint.yaml"));
    expect(printed.rules["@docker-lint/json-exec-form"]).toEqual(["off", { shellBases: false }]);
    expect(printed.rules["@docker-lint/require-image-tag"][0]).toBe("error");
    expect(printed.settings).toEqual({ trustedRegistries: ["registry.example"] });
  });

  it("gives failure-threshold, and -c takes a .hadolint.yaml", () => {
    const root = tempTree({ "ci/hadolint.yml": "failure-threshold: warning\n", Dockerfile: UNTAGGED, "docker-lint.config.json": JSON.stringify({ rules: { "require-image-tag": "warn" } }) });
    expect(run([], { cwd: root }).code).toBe(0);
    expect(run(["-c", "ci/hadolint.yml"], { cwd: root }).code).toBe(1);
  });

  it("bad YAML or values are config errors naming the file and line", () => {
    const root = tempTree({ ".hadolint.yaml": "ignored:\n  - DL3006\n override: [\n", Dockerfile: CLEAN });
    const r = run([], { cwd: root });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^docker-lint: ${path.join(root, ".hadolint.yaml").replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: invalid YAML \\(line \\d+, column \\d+\\)`));
    const bad = tempTree({ ".hadolint.yaml": "failure-threshold: loud\n", Dockerfile: CLEAN });
    expect(run([], { cwd: bad }).stderr).toMatch(/\.hadolint\.yaml: "failure-threshold" must be one of error, warning, info, style, none; got "loud"/);
  });
});

const hasScript = spawnSync("script", ["--version"]).status === 0;
describe.skipIf(!hasScript)("colours on a terminal", () => {
  it("are off with --no-color or no-color: true in .hadolint.yaml", () => {
    const onTty = (root: string, args = "") => spawnSync("script", ["-qec", `env -u NO_COLOR ${process.execPath} ${BIN} ${args} 2>/dev/null`, "/dev/null"], { cwd: root, encoding: "utf8" }).stdout;
    const plain = tempTree({ Dockerfile: UNTAGGED });
    expect(onTty(plain)).toContain("\u001b[31merror\u001b[39m");
    expect(onTty(plain, "--no-color")).not.toContain("\u001b[");
    expect(onTty(tempTree({ Dockerfile: UNTAGGED, ".hadolint.yaml": "no-color: true\n" }))).not.toContain("\u001b[");
  });
});

describe("--failure-threshold", () => {
  const warnConfig = JSON.stringify({ rules: { "require-image-tag": "warn" } });
  it("error fails on errors only; warning, info, style and none on warnings too", () => {
    const root = tempTree({ "docker-lint.config.json": warnConfig, Dockerfile: UNTAGGED });
    expect(run([], { cwd: root }).code).toBe(0);
    expect(run(["--failure-threshold", "error"], { cwd: root }).code).toBe(0);
    for (const level of ["warning", "info", "style", "none"]) expect({ level, code: run(["-t", level], { cwd: root }).code }).toEqual({ level, code: 1 });
    const clean = tempTree({ "docker-lint.config.json": warnConfig, Dockerfile: CLEAN });
    expect(run(["-t", "style"], { cwd: clean }).code).toBe(0);
    const bad = run(["-t", "loud"], { cwd: root });
    expect([bad.code, bad.stderr.trim()]).toEqual([2, 'docker-lint: --failure-threshold must be one of: error, warning, info, style, none; got "loud"']);
  });
});

describe("- reads stdin", () => {
  it("like --stdin, alone only", () => {
    const root = tempTree({});
    const r = run(["-", "-f", "json"], { cwd: root, input: UNTAGGED });
    expect(r.code).toBe(1);
    expect(ruleIds(r.stdout)).toEqual(["@docker-lint/require-image-tag:2"]);
    expect(run(["-", "Dockerfile"], { cwd: root, input: "" }).stderr).toMatch(/cannot be combined with file arguments/);
  });
});

describe("--init", () => {
  it("writes docker-lint.config.json with $schema, and never over an existing one", () => {
    const root = tempTree({});
    const r = run(["--init"], { cwd: root });
    expect(r.code).toBe(0);
    const written = JSON.parse(readFileSync(path.join(root, "docker-lint.config.json"), "utf8"));
    expect(written).toEqual({ $schema: expect.stringMatching(/docker-lint\.config\.schema\.json$/), extends: "recommended" });
    expect(run(["--init"], { cwd: root }).code).toBe(2);
  });

  it("--from-hadolint translates .hadolint.yaml and says what has no equivalent", () => {
    const root = tempTree({ ".hadolint.yaml": "ignored: [DL3005, DL3007]\noverride:\n  warning: [DL3002]\ntrustedRegistries: [registry.example]\nfailure-threshold: warning\n" });
    const r = run(["--init", "--from-hadolint"], { cwd: root });
    expect(r.code).toBe(0);
    const written = JSON.parse(readFileSync(path.join(root, "docker-lint.config.json"), "utf8"));
    expect(written.rules).toEqual({ "require-non-root-user": "warn", "require-image-tag": "off", "no-unpinned-toolchain": "off" });
    expect(written.settings).toEqual({ trustedRegistries: ["registry.example"] });
    expect(r.stdout).toContain("no docker-lint rule covers DL3005");
    expect(r.stdout).toContain("require-image-tag is off because DL3007 is ignored; it also covers DL3006");
    expect(r.stdout).toContain("--failure-threshold warning");
    expect(run(["--init", "--from-hadolint"], { cwd: tempTree({}) }).stderr).toMatch(/no \.hadolint\.yaml or \.hadolint\.yml found/);
    expect(run(["--from-hadolint"], { cwd: root }).code).toBe(2);
  });
});

describe("explain", () => {
  it("prints the rule's doc page and link", () => {
    const r = run(["explain", "require-image-tag"], { cwd: tempTree({}) });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^# require-image-tag\n/);
    expect(r.stdout).toContain("Equivalents: hadolint DL3006, hadolint DL3007");
    expect(r.stdout).toContain("Online: https://");
    expect(run(["explain", "@docker-lint/json-exec-form"], { cwd: tempTree({}) }).stdout).toContain("BuildKit JSONArgsRecommended");
  });

  it("names the rules behind a hadolint code, and refuses unknown ids", () => {
    expect(run(["explain", "DL3002"], { cwd: tempTree({}) }).stdout).toBe("DL3002 is covered by: require-non-root-user (docker-lint explain <rule> for each)\n");
    expect(run(["explain", "DL3005"], { cwd: tempTree({}) }).stdout).toBe("No docker-lint rule covers DL3005.\n");
    const r = run(["explain", "image-tag"], { cwd: tempTree({}) });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown rule "image-tag" \(did you mean "require-image-tag"\?\)/);
  });
});

describe("stylish", () => {
  it("ends with the docs links of the rules that fired", () => {
    const r = run([], { cwd: tempTree({ Dockerfile: ROOT_USER }) });
    expect(r.stdout).toMatch(/Rule docs \(or: docker-lint explain <rule>\):\n {2}@docker-lint\/require-non-root-user {2}https:\/\/\S+\/require-non-root-user\.md\n/);
  });
});
