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

/** `file` relative to `cwd` with forward slashes, or as given when it lies outside (or is `<text>`). */
export function displayPath(file: string, cwd: string): string {
  if (!path.isAbsolute(file)) return file;
  const rel = path.relative(cwd, file);
  if (rel === "" || rel.startsWith("..") || path.isAbsolute(rel)) return file;
  return path.sep === "/" ? rel : rel.split(path.sep).join("/");
}
