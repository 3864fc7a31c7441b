/** Output formats. Each lives in its own module, imported only when chosen. */
import path from "node:path";
import type { LintResult } from "../runner/lint.js";

export interface RuleMetaForFormat {
  type?: string;
  docs?: { description?: string; url?: string; recommended?: boolean };
  fixable?: string;
}

export interface FormatContext {
  /** Paths in reports that need to be relative (SARIF, GitHub) are relative to this folder. */
  cwd: string;
  /** ANSI colours (stylish only). */
  color: boolean;
  /** Rule metadata by full rule id (`@docker-lint/<id>`). */
  rulesMeta: Record<string, RuleMetaForFormat>;
  version: string;
}

export type Formatter = (results: LintResult[], context: FormatContext) => string;

export const FORMAT_NAMES = ["stylish", "json", "sarif", "github", "checkstyle", "codeclimate", "gitlab", "gnu", "sonarqube"] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];

export function isFormatName(name: string): name is FormatName {
  return (FORMAT_NAMES as readonly string[]).includes(name);
}

/**
 * Formats that ESLint's own formatter packages already write: loaded by package name as ESLint
 * loads `-f <name>`, from the current folder first (a version the project installs), else from
 * ours.
 */
const PACKAGE_FORMATS: Record<string, string> = {
  checkstyle: "eslint-formatter-checkstyle",
  codeclimate: "eslint-formatter-codeclimate",
};

/** A format that is neither built in nor an installed `eslint-formatter-<name>` package. */
export class FormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FormatError";
  }
}

/**
 * A built-in format, or any other name the way ESLint resolves it: a path to a module
 * (`./my-formatter.js`), `eslint-formatter-<name>`, `@scope/eslint-formatter[-name]`, or a full package name.
 */
export async function loadFormatter(name: string, cwd = process.cwd()): Promise<Formatter> {
  const format = await loadFormat(name, cwd);
  return (results, context) => format(results.some(hasLongValue) ? results.map(shortenResult) : results, context);
}

async function loadFormat(name: string, cwd: string): Promise<Formatter> {
  switch (name) {
    case "stylish":
      return (await import("./stylish.js")).default;
    case "json":
      return (await import("./json.js")).default;
    case "sarif":
      return (await import("./sarif.js")).default;
    case "github":
      return (await import("./github.js")).default;
    case "gitlab":
      return (await import("./gitlab.js")).default;
    case "gnu":
      return (await import("./gnu.js")).default;
    case "sonarqube":
      return (await import("./sonarqube.js")).default;
  }
  const { loadPackageFormatter } = await import("./package-formatter.js");
  return loadPackageFormatter(PACKAGE_FORMATS[name] ?? name, cwd);
}

/**
 * Values in messages come from the file (tags, versions, paths); a hostile one may run to
 * thousands of characters. Longer runs without spaces than this are cut in reports.
 */
export const MAX_VALUE_LENGTH = 200;
const LONG_VALUE = new RegExp(`\\S{${MAX_VALUE_LENGTH + 1},}`, "g");
const SHOWN_HEAD = 80;

/** `text` with every run of more than MAX_VALUE_LENGTH non-space characters cut to its start. */
export function shortenLongValues(text: string): string {
  if (text.length <= MAX_VALUE_LENGTH) return text;
  return text.replace(LONG_VALUE, (value) => {
    // Never end on half of a surrogate pair.
    const head = /[\uD800-\uDBFF]/.test(value[SHOWN_HEAD - 1]!) ? value.slice(0, SHOWN_HEAD - 1) : value.slice(0, SHOWN_HEAD);
    return `${head}… [${value.length} characters]`;
  });
}

function hasLongValue(result: LintResult): boolean {
  return result.messages.some((m) => m.message.length > MAX_VALUE_LENGTH || m.suggestions?.some((s) => s.desc.length > MAX_VALUE_LENGTH));
}

function shortenResult(result: LintResult): LintResult {
  // Only what is shown to people: a fix's text stays whole, it is what would be written.
  const messages = result.messages.map((m) => {
    const shortened = { ...m, message: shortenLongValues(m.message) };
    if (m.suggestions) shortened.suggestions = m.suggestions.map((s) => ({ ...s, desc: shortenLongValues(s.desc) }));
    return shortened;
  });
  return { ...result, messages };
}

/** `file` relative to `cwd` with forward slashes, or as given when it lies outside (or is `<text>`). */
export function displayPath(file: string, cwd: string): string {
  if (!path.isAbsolute(file)) return file;
  const rel = path.relative(cwd, file);
  if (rel === "" || rel.startsWith("..") || path.isAbsolute(rel)) return file;
  return path.sep === "/" ? rel : rel.split(path.sep).join("/");
}
