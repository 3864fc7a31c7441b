/**
 * The rule catalog: one row per rule, from its meta, for `docker-lint --list-rules`, the README
 * table and tools that compare docker-lint with hadolint, BuildKit, Trivy or Checkov.
 */
import { PLUGIN_NAMESPACE, type DockerRuleDocs } from "../create-rule.js";
import { rules } from "../rules/index.js";

export interface CatalogEntry {
  /** Full id, `@docker-lint/<id>`, as configs and reports spell it. */
  id: string;
  description: string;
  /** In the `recommended` preset. */
  recommended: boolean;
  fixable: "code" | "whitespace" | null;
  hasSuggestions: boolean;
  /** Every key present; [] when the peer has no such check. */
  equivalents: { hadolint: string[]; buildkit: string[]; trivy: string[]; checkov: string[] };
}

/** Every rule, in run order (src/rules/index.ts). */
export function ruleCatalog(): CatalogEntry[] {
  return Object.entries(rules).map(([name, rule]) => {
    const docs = (rule.meta?.docs ?? {}) as DockerRuleDocs;
    const eq = docs.equivalents ?? {};
    return {
      id: `${PLUGIN_NAMESPACE}/${name}`,
      description: docs.description,
      recommended: docs.recommended !== undefined && docs.recommended !== false,
      fixable: rule.meta?.fixable ?? null,
      hasSuggestions: rule.meta?.hasSuggestions === true,
      equivalents: { hadolint: [...(eq.hadolint ?? [])], buildkit: [...(eq.buildkit ?? [])], trivy: [...(eq.trivy ?? [])], checkov: [...(eq.checkov ?? [])] },
    };
  });
}

/** The catalog as an aligned plain-text table (what `--list-rules` prints). */
export function formatCatalogTable(entries: CatalogEntry[]): string {
  const rows = entries.map((e) => {
    const eq = [
      ...e.equivalents.hadolint,
      ...e.equivalents.buildkit,
      ...e.equivalents.trivy,
      ...e.equivalents.checkov,
    ].join(", ");
    const flags = [e.recommended ? "rec" : "", e.fixable ? "fix" : "", e.hasSuggestions ? "sugg" : ""].filter(Boolean).join(",");
    return [e.id.slice(PLUGIN_NAMESPACE.length + 1), flags, eq, e.description];
  });
  const header = ["rule", "flags", "equivalents", "description"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  // The description is last and left unpadded: lines stay as short as they can.
  const line = (r: string[]) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join("  ").trimEnd();
  const legend = "flags: rec = in the recommended preset, fix = --fix can fix it, sugg = offers editor suggestions";
  return `${[line(header), ...rows.map(line)].join("\n")}\n\n${entries.length} rules; ${legend}\n`;
}
