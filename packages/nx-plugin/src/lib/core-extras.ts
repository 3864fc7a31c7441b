/**
 * The CLI's formatters and fix writer live in the core package but not in its public exports;
 * load them from its dist folder so the Nx output and the CLI's are the same, and fall back to
 * a plain printer and writer if a later core moves them.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Core } from "./core";

type LintResult = Core.LintResult;

export interface FormatContext {
  cwd: string;
  color: boolean;
  rulesMeta: Record<string, unknown>;
  version: string;
}
export type Formatter = (results: LintResult[], context: FormatContext) => string;

function coreDist(file: string): string {
  const pkg = require.resolve("@docker-lint/core/package.json");
  return pathToFileURL(path.join(path.dirname(pkg), "dist", file)).href;
}

const plain: Formatter = (results) => {
  const lines: string[] = [];
  let errors = 0;
  let warnings = 0;
  for (const r of results) {
    for (const m of r.messages) {
      lines.push(`${r.filePath}:${m.line}:${m.column}: ${m.severity === 2 ? "error" : "warning"} ${m.message}${m.ruleId ? ` (${m.ruleId})` : ""}`);
      if (m.severity === 2) errors++;
      else warnings++;
    }
  }
  if (errors + warnings > 0) lines.push(`✖ ${errors + warnings} problems (${errors} errors, ${warnings} warnings)`);
  return lines.join("\n");
};

export async function loadFormatter(name: string): Promise<Formatter> {
  try {
    const mod = (await import(coreDist("formatters/index.js"))) as {
      isFormatName(n: string): boolean;
      loadFormatter(n: string): Promise<Formatter>;
    };
    if (!mod.isFormatName(name)) throw new Error(`unknown format "${name}" (expected stylish, json, sarif or github)`);
    return await mod.loadFormatter(name);
  } catch (e) {
    if ((e as Error).message.startsWith("unknown format")) throw e;
    if (name !== "stylish") throw new Error(`format "${name}" needs @docker-lint/core's formatters, which could not be loaded: ${(e as Error).message}`);
    return plain;
  }
}

export type FixWriter = (file: string, text: string, original: string) => boolean;

export async function loadFixWriter(): Promise<FixWriter> {
  try {
    return ((await import(coreDist("fix-writer.js"))) as { writeFixedFile: FixWriter }).writeFixedFile;
  } catch {
    return (file, text, original) => {
      if (text === original) return false;
      writeFileSync(file, text);
      return true;
    };
  }
}
