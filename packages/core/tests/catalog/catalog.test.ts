import { describe, expect, it } from "vitest";
import { all, DockerLinter, formatCatalogTable, recommended, ruleCatalog, rules, strict, validateConfig } from "../../src/index.js";

describe("ruleCatalog", () => {
  const catalog = ruleCatalog();

  it("lists every rule once, in run order, with full ids", () => {
    expect(catalog.map((e) => e.id)).toEqual(Object.keys(rules).map((id) => `@docker-lint/${id}`));
  });

  it("always carries all four equivalents keys", () => {
    for (const e of catalog) expect(Object.keys(e.equivalents).sort(), e.id).toEqual(["buildkit", "checkov", "hadolint", "trivy"]);
    const tag = catalog.find((e) => e.id === "@docker-lint/no-duplicate-stage-name")!;
    expect(tag.equivalents.hadolint).toContain("DL3024");
    expect(tag.equivalents.buildkit).toContain("DuplicateStageName");
  });

  it("marks recommended rules as the recommended preset has them", () => {
    expect(catalog.filter((e) => e.recommended).map((e) => e.id).sort()).toEqual(Object.keys(recommended).sort());
  });

  it("reports fixable and suggestions from each rule's meta", () => {
    const byId = new Map(catalog.map((e) => [e.id, e]));
    expect(byId.get("@docker-lint/from-as-casing")!.fixable).toBe("code");
    expect(byId.get("@docker-lint/go-static-binary")!.hasSuggestions).toBe(true);
    for (const [name, rule] of Object.entries(rules)) {
      const e = byId.get(`@docker-lint/${name}`)!;
      expect(e.fixable, name).toBe(rule.meta?.fixable ?? null);
      expect(e.description, name).toBe(rule.meta?.docs?.description);
      expect(e.description.length, name).toBeGreaterThan(0);
    }
  });

  it("formats a table with one line per rule", () => {
    const text = formatCatalogTable(catalog);
    const lines = text.split("\n");
    expect(lines[0]).toMatch(/^rule\s+flags\s+equivalents\s+description$/);
    expect(lines.filter((l) => /^no-duplicate-stage-name\s+rec\s+DL3024, DuplicateStageName\b.*\s{2}Disallow two stages/.test(l))).toHaveLength(1);
    expect(lines.filter((l) => /^from-as-casing\s+fix\s+FromAsCasing\s/.test(l))).toHaveLength(1);
    expect(text).toContain(`${catalog.length} rules`);
    for (const id of Object.keys(rules)) expect(lines.some((l) => l.startsWith(`${id} `)), id).toBe(true);
  });
});

describe('extends: "all"', () => {
  it("is a valid config that turns on the rules no other preset has", () => {
    const text = "FROM golang:1.26.1 AS build\nRUN go build -o /app .\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /app /app\nCMD [\"/app\"]\n";
    expect(() => validateConfig({ extends: "all" })).not.toThrow();
    const allOnly = Object.keys(all).filter((id) => !(id in strict));
    expect(allOnly).toContain("@docker-lint/require-healthcheck");
    const ids = (extendsName: "all" | "strict") =>
      new DockerLinter({ extends: extendsName }).lintText(text, { filePath: "/tmp/catalog-test/Dockerfile" }).messages.map((m) => m.ruleId);
    expect(ids("all")).toContain("@docker-lint/require-healthcheck");
    expect(ids("strict")).not.toContain("@docker-lint/require-healthcheck");
  });
});
