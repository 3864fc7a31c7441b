/**
 * `docker-lint explain <rule>`: prints the rule's doc page (docs/rules/<id>.md, shipped in the
 * package) and its link. A hadolint code (DL3002) or a BuildKit check name names the docker-lint
 * rules that cover it.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { DIST_URL } from "../runtime/dist-dir.js";
import { rules } from "../rules/index.js";
import { equivalentsOf, rulesForBuildkit, rulesForHadolint } from "../catalog/equivalents.js";
import { PLUGIN_NAMESPACE } from "../create-rule.js";

export function docsFile(ruleId: string): string {
  return fileURLToPath(new URL(`../docs/rules/${ruleId}.md`, DIST_URL));
}

/** Returns the exit code: 0 printed, 2 unknown rule or missing page. */
export function explain(args: string[], out: (s: string) => void, err: (s: string) => void): number {
  if (args.length !== 1 || args[0]!.startsWith("-")) {
    err("docker-lint: usage: docker-lint explain <rule-id | hadolint code | BuildKit check>\n");
    return 2;
  }
  const asked = args[0]!;
  const id = asked.startsWith(`${PLUGIN_NAMESPACE}/`) ? asked.slice(PLUGIN_NAMESPACE.length + 1) : asked;
  const rule = rules[id];
  if (!rule) {
    const covering = /^(?:DL|SC)\d+$/i.test(id) ? rulesForHadolint(id) : rulesForBuildkit(id);
    if (/^(?:DL|SC)\d+$/i.test(id) || covering.length > 0) {
      out(
        covering.length > 0
          ? `${asked} is covered by: ${covering.join(", ")} (docker-lint explain <rule> for each)\n`
          : `No docker-lint rule covers ${asked}.\n`,
      );
      return 0;
    }
    const near = Object.keys(rules).filter((k) => k.includes(id) || id.includes(k));
    err(`docker-lint: unknown rule "${asked}"${near.length ? ` (did you mean ${near.map((n) => `"${n}"`).join(", ")}?)` : ""}. Rules: ${Object.keys(rules).join(", ")}\n`);
    return 2;
  }
  let page: string;
  try {
    page = readFileSync(docsFile(id), "utf8");
  } catch {
    err(`docker-lint: the doc page of ${id} is missing from this install (${docsFile(id)})\n`);
    return 2;
  }
  const url = (rule.meta?.docs as { url?: string } | undefined)?.url;
  const eq = equivalentsOf(id);
  const also = [...(eq.hadolint ?? []).map((c) => `hadolint ${c}`), ...(eq.buildkit ?? []).map((c) => `BuildKit ${c}`)];
  out(`${page.replace(/\s+$/, "")}\n\n${also.length ? `Equivalents: ${also.join(", ")}\n` : ""}${url ? `Online: ${url}\n` : ""}`);
  return 0;
}
