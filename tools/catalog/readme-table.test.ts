/** The READMEs' rule tables are generated from the catalog: this fails when one is stale. */
import { describe, expect, it } from "vitest";
import { presets, ruleCatalog, rules } from "../../packages/core/src/index.js";
import { DOCS_URL } from "../../packages/core/src/create-rule.js";
// @ts-expect-error: a plain .mjs tool without types
import { eslintPluginTable, expectedReadmes, rootTable, withTable } from "./readme-table.mjs";

describe("README rule tables", () => {
  it.each(expectedReadmes({ ruleCatalog, presets, docsUrl: DOCS_URL }) as Array<{ file: string; current: string; expected: string }>)(
    "$file is up to date (else: npm run build && node tools/catalog/readme-table.mjs --write)",
    ({ current, expected }) => {
      expect(current).toBe(expected);
    },
  );

  it("lists every rule once, with its preset, fixes and equivalents", () => {
    const table = rootTable(ruleCatalog(), presets) as string;
    const rows = table.split("\n").slice(2);
    expect(rows).toHaveLength(Object.keys(rules).length);
    expect(rows.find((r) => r.startsWith("| [`no-duplicate-stage-name`]"))).toMatch(/\| recommended \|  \| hadolint DL3024; BuildKit DuplicateStageName; Trivy DS012; Checkov CKV_DOCKER_11 \|$/);
    expect(rows.find((r) => r.startsWith("| [`from-as-casing`]"))).toMatch(/\| strict \| fix \| BuildKit FromAsCasing \|$/);
    expect(rows.find((r) => r.startsWith("| [`require-healthcheck`]"))).toMatch(/\| all \|/);
  });

  it("gives the ESLint plugin's table each config's level, with absolute links", () => {
    const rows = (eslintPluginTable(ruleCatalog(), presets, DOCS_URL) as string).split("\n").slice(2);
    expect(rows).toHaveLength(Object.keys(rules).length);
    expect(rows.find((r) => r.startsWith("| [`from-as-casing`]"))).toBe(
      `| [\`from-as-casing\`](${DOCS_URL}/from-as-casing.md) | ${rules["from-as-casing"]!.meta!.docs!.description} |  | error | fix |`,
    );
  });

  it("replaces only what lies between the markers, and names the file when they are missing", () => {
    const text = "intro\n<!-- rule-table:start -->\nold\n<!-- rule-table:end -->\noutro\n";
    expect(withTable(text, "| new |", "X.md")).toBe("intro\n<!-- rule-table:start -->\n| new |\n<!-- rule-table:end -->\noutro\n");
    expect(() => withTable("no markers", "| new |", "X.md")).toThrow(/^X\.md: no <!-- rule-table:start -->/);
  });
});
