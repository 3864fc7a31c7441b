/**
 * Every rule's docs page is executable: each ```dockerfile block under "## Invalid" must get at
 * least one report from that rule and each block under "## Valid" none.
 * Conventions the pages follow:
 * - a ```text block starting with `// go.mod` is the go.mod for the following examples of that
 *   section; a `# go.mod: go 1.22.3 [toolchain go1.23.1]` comment inside an example sets it too;
 * - a ```text block starting with `// go.work` is the build context root's go.work for the
 *   following examples of that section (none otherwise);
 * - a ```text block starting with `// .dockerignore` is the build context's ignore file for the
 *   following examples of that section (none otherwise);
 * - a paragraph line "With `key: value`…" sets the rule's options for the rest of the section.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { rules } from "../../src/index.js";
import { lintWith } from "../helpers.js";

const docsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../docs/rules");

interface Example {
  section: "invalid" | "valid";
  code: string;
  line: number;
  options: Record<string, unknown> | null;
  goMod: string | false;
  goWork: string | false;
  dockerignore: string | false;
}

function parseOptions(inner: string): Record<string, unknown> {
  // `shellBases: true`, `level: "patch"`, `slim: "report"` → JSON object.
  const json = `{${inner.replace(/([A-Za-z_][A-Za-z0-9_]*)\s*:/g, '"$1":')}}`;
  return JSON.parse(json) as Record<string, unknown>;
}

export function examplesOf(markdown: string): Example[] {
  const lines = markdown.split("\n");
  const out: Example[] = [];
  let section: Example["section"] | null = null;
  let options: Record<string, unknown> | null = null;
  let goMod: string | false = false;
  let dockerignore: string | false = false;
  let goWork: string | false = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const heading = /^##\s+(.*)$/.exec(line);
    if (heading) {
      const title = heading[1]!.trim().toLowerCase();
      section = title === "invalid" ? "invalid" : title === "valid" ? "valid" : null;
      options = null;
      goMod = false;
      goWork = false;
      dockerignore = false;
      continue;
    }
    if (!section) continue;
    const withOpts = /^With `([^`]+)`/.exec(line);
    if (withOpts) {
      options = parseOptions(withOpts[1]!);
      continue;
    }
    const fence = /^```(\w*)\s*$/.exec(line);
    if (!fence) continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && !/^```\s*$/.test(lines[end]!)) end++;
    const body = lines.slice(start, end).join("\n") + "\n";
    i = end;
    if (fence[1] === "text" && body.startsWith("// go.mod")) {
      goMod = body.replace(/^\/\/ go\.mod\n/, "");
      continue;
    }
    if (fence[1] === "text" && body.startsWith("// go.work")) {
      goWork = body.replace(/^\/\/ go\.work\n/, "");
      continue;
    }
    if (fence[1] === "text" && body.startsWith("// .dockerignore")) {
      dockerignore = body.replace(/^\/\/ \.dockerignore\n/, "");
      continue;
    }
    if (fence[1] !== "dockerfile") continue;
    let exampleGoMod = goMod;
    const inline = /^# go\.mod: (go [\d.]+)(?:\s*[,;]?\s*(toolchain go[\d.]+))?/m.exec(body);
    if (inline) exampleGoMod = `module example.com/app\n\n${inline[1]}\n${inline[2] ? `\n${inline[2]}\n` : ""}`;
    out.push({ section, code: body, line: start + 1, options, goMod: exampleGoMod, goWork, dockerignore });
  }
  return out;
}

const pages = readdirSync(docsDir).filter((f) => f.endsWith(".md"));

describe("rule docs", () => {
  it("has one page per rule and one rule per page", () => {
    expect(pages.map((p) => p.replace(/\.md$/, "")).sort()).toEqual(Object.keys(rules).sort());
  });

  for (const page of pages) {
    const id = page.replace(/\.md$/, "");
    const examples = examplesOf(readFileSync(path.join(docsDir, page), "utf8"));
    describe(id, () => {
      it("has invalid and valid examples", () => {
        expect(examples.some((e) => e.section === "invalid")).toBe(true);
        expect(examples.some((e) => e.section === "valid")).toBe(true);
      });
      for (const ex of examples) {
        it(`${ex.section} example at ${page}:${ex.line}`, () => {
          const setting = ex.options ? ["error", ex.options] : "error";
          const { messages } = lintWith(ex.code, { [id]: setting as never }, { goMod: ex.goMod, goWork: ex.goWork, dockerignore: ex.dockerignore, filePath: "/virtual/service/Dockerfile" });
          const own = messages.filter((m) => m.ruleId === `@docker-lint/${id}`);
          const fatal = messages.filter((m) => m.fatal);
          expect(fatal).toEqual([]);
          if (ex.section === "invalid") expect(own.length, ex.code).toBeGreaterThan(0);
          else expect(own, ex.code).toEqual([]);
        });
      }
    });
  }
});
