/**
 * ESLint as docker-lint uses it, and the only file that reaches past ESLint's exports map.
 *
 * Public: `Linter` (from `eslint/universal`: the Linter without the ESLint class and its loading).
 * Private, loaded by path from the installed ESLint's lib/ folder (PRIVATE_FILES):
 * - FileReport, FileContext, VFile and deepMergeArrays: the parts of Linter the lean runner
 *   (runner/fast-lint.ts) shares, so it reports, interpolates and fixes exactly as Linter does;
 * - FlatConfigArray: a config array Linter.verify() takes as already normalised (see lint.ts).
 * ESLint is a peer dependency, so these are the user's ESLint's files, and a release may move
 * them. Then the lean runner is off (or the config is normalised per file) and everything goes
 * through Linter: slower, same results. DEBUG=docker-lint says so on stderr.
 */
import { createRequire } from "node:module";
import path from "node:path";
import type { Linter } from "eslint";
import { debugEnabled } from "../debug.js";

/** ESLint's private files, relative to its lib/ folder, and the export each must provide. */
export const PRIVATE_FILES = {
  FileReport: "linter/file-report.js",
  FileContext: "linter/file-context.js",
  VFile: "linter/vfile.js",
  deepMergeArrays: "shared/deep-merge-arrays.js",
  FlatConfigArray: "config/flat-config-array.js",
} as const;

export interface FileReportLike {
  messages: Array<{ line: number; column: number }>;
  addRuleMessage(ruleId: string, severity: number, ...args: unknown[]): { fix?: unknown; suggestions?: unknown };
}

/** What the lean runner needs from ESLint besides the rules. */
export interface LeanRunnerParts {
  FileReport: new (o: { ruleMapper: (id: string) => unknown; sourceCode: unknown; language: unknown; disableFixes?: boolean }) => FileReportLike;
  FileContext: new (o: { cwd: string; filename: string; physicalFilename: string; sourceCode: unknown; languageOptions: unknown; settings: unknown }) => object;
  VFile: new (path: string, body: string, options?: { physicalPath?: string }) => { path: string; physicalPath: string; body: string; bom: boolean };
  deepMergeArrays(first: unknown[] | undefined, second: unknown[]): unknown[];
}

export type FlatConfigArrayClass = new (configs: Linter.Config[], options: { basePath: string }) => Linter.Config[] & { normalizeSync(): unknown };

const require = createRequire(import.meta.url);

let installed: { lib: string; version: string } | null | undefined;

/** The installed ESLint: its lib/ folder and version; null when it is not installed. Resolved once: each resolve walks node_modules. */
function installedEslint(): { lib: string; version: string } | null {
  if (installed !== undefined) return installed;
  try {
    const lib = path.dirname(require.resolve("eslint"));
    const { version } = require(path.join(lib, "../package.json")) as { version: string };
    return (installed = { lib, version });
  } catch {
    return (installed = null);
  }
}

/**
 * One private export, or why it cannot be had (for DEBUG and for the test that checks each new
 * ESLint release). `FlatConfigArray` is a class, the others functions or classes: all typeof function.
 */
export function loadPrivate(name: keyof typeof PRIVATE_FILES): { value: unknown } | { missing: string } {
  const eslint = installedEslint();
  if (!eslint) return { missing: "eslint is not installed" };
  const file = PRIVATE_FILES[name];
  let exports: Record<string, unknown>;
  try {
    exports = require(path.join(eslint.lib, file)) as Record<string, unknown>;
  } catch {
    return { missing: `ESLint ${eslint.version} has no lib/${file}` };
  }
  const value = exports[name];
  if (typeof value !== "function") return { missing: `ESLint ${eslint.version}'s lib/${file} exports no ${name}` };
  return { value };
}

const reported = new Set<string>();

/** Under DEBUG=docker-lint, says once per process what is missing and what happens instead. */
function reportMissing(missing: string, instead: string): void {
  if (!debugEnabled() || reported.has(missing)) return;
  reported.add(missing);
  process.stderr.write(`docker-lint: ${missing}; ${instead}\n`);
}

let leanParts: LeanRunnerParts | null | undefined;

/** The lean runner's parts of ESLint, or null: then every file goes through Linter. */
export function leanRunnerParts(): LeanRunnerParts | null {
  if (leanParts !== undefined) return leanParts;
  const found: Record<string, unknown> = {};
  for (const name of ["FileReport", "FileContext", "VFile", "deepMergeArrays"] as const) {
    const part = loadPrivate(name);
    if ("missing" in part) {
      reportMissing(part.missing, "linting every file through ESLint's Linter (same results, slower)");
      return (leanParts = null);
    }
    found[name] = part.value;
  }
  return (leanParts = found as unknown as LeanRunnerParts);
}

let flatConfigArray: FlatConfigArrayClass | null | undefined;

/** ESLint's FlatConfigArray class, or null: Linter then normalises the config on every file. */
export function flatConfigArrayClass(): FlatConfigArrayClass | null {
  if (flatConfigArray !== undefined) return flatConfigArray;
  const part = loadPrivate("FlatConfigArray");
  if ("missing" in part) {
    reportMissing(part.missing, "ESLint's Linter normalises the config for every file (same results, slower)");
    return (flatConfigArray = null);
  }
  return (flatConfigArray = part.value as FlatConfigArrayClass);
}

/** ESLint's Linter class; a clear error when ESLint (a peer dependency) is not installed. */
export function linterClass(): typeof Linter {
  try {
    return (require("eslint/universal") as typeof import("eslint/universal")).Linter;
  } catch (e) {
    // Only when ESLint itself is missing: an ESLint that fails to load says why itself.
    if (installedEslint()) throw e;
    throw new Error("ESLint is not installed: @docker-lint/core needs eslint (9.15 or later) beside it, e.g. `npm install --save-dev eslint`", { cause: e });
  }
}
