import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ruleCatalog, rules } from "../../src/index.js";
import { buildCore, cleanTemp, run, tempTree } from "./helpers.js";

beforeAll(buildCore);
afterAll(cleanTemp);

describe("docker-lint --list-rules", () => {
  it("prints the catalog as JSON with --format json", () => {
    const r = run(["--list-rules", "--format", "json"], { cwd: tempTree({}) });
    expect(r.code).toBe(0);
    const printed = JSON.parse(r.stdout) as Array<Record<string, unknown>>;
    expect(printed).toEqual(ruleCatalog());
    expect(printed).toHaveLength(Object.keys(rules).length);
    for (const e of printed) expect(Object.keys(e).sort()).toEqual(["description", "equivalents", "fixable", "hasSuggestions", "id", "recommended"]);
  });

  it("prints a table by default, whatever the folder holds", () => {
    const r = run(["--list-rules"], { cwd: tempTree({ Dockerfile: "FROM golang\n" }) });
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n")[0]).toMatch(/^rule\s+flags\s+equivalents\s+description$/);
    for (const id of Object.keys(rules)) expect(r.stdout).toMatch(new RegExp(`^${id} `, "m"));
  });

  it("rejects other formats", () => {
    const r = run(["--list-rules", "-f", "sarif"], { cwd: tempTree({}) });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^docker-lint: --list-rules prints a table, or JSON with --format json/);
  });
});
