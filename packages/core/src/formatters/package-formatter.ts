/** ESLint formatter packages (`eslint-formatter-<name>`), found and loaded by name as ESLint does. */
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { FormatError, type Formatter } from "./index.js";

/** Set only inside the bundle, where load-bundle.ts supplies import() (see wrapBundle there). */
declare const __importUrl: ((url: string) => Promise<unknown>) | undefined;

/** ESLint's naming: `x` -> `eslint-formatter-x`, `@scope` -> `@scope/eslint-formatter`, `@scope/x` -> `@scope/eslint-formatter-x`. */
export function formatterPackageNames(name: string): string[] {
  if (name.startsWith("@")) {
    const [scope, rest] = name.split("/", 2) as [string, string | undefined];
    if (!rest) return [`${scope}/eslint-formatter`];
    return rest.startsWith("eslint-formatter") ? [name] : [`${scope}/eslint-formatter-${rest}`, name];
  }
  return name.startsWith("eslint-formatter-") ? [name] : [`eslint-formatter-${name}`, name];
}

function resolveFrom(base: string, request: string): string | null {
  try {
    return createRequire(base).resolve(request);
  } catch {
    return null;
  }
}

export async function loadPackageFormatter(name: string, cwd: string): Promise<Formatter> {
  const isPath = name.includes("/") && !name.startsWith("@") || name.startsWith(".");
  let file: string | null = null;
  if (isPath) {
    const target = path.resolve(cwd, name);
    file = resolveFrom(path.join(cwd, "noop.js"), target);
  } else {
    // The project's own install first, then the packages docker-lint depends on.
    for (const pkg of formatterPackageNames(name)) {
      file = resolveFrom(path.join(cwd, "noop.js"), pkg) ?? resolveFrom(import.meta.url, pkg);
      if (file) break;
    }
  }
  if (!file) {
    throw new FormatError(
      isPath
        ? `cannot find the formatter module ${name}`
        : `unknown format "${name}": not built in (stylish, json, sarif, github, checkstyle, codeclimate, gitlab, gnu, sonarqube) and no package ${formatterPackageNames(name)[0]} is installed`,
    );
  }
  let mod: { default?: unknown };
  try {
    const url = pathToFileURL(file).href;
    mod = (typeof __importUrl === "function" ? await __importUrl(url) : await import(url)) as { default?: unknown };
  } catch (e) {
    throw new FormatError(`cannot load the formatter ${file}: ${(e as Error).message}`);
  }
  const format = typeof mod.default === "function" ? mod.default : mod;
  if (typeof format !== "function") throw new FormatError(`${file} does not export a formatter function`);
  return (results, context) => {
    const out = (format as (r: unknown, c: unknown) => unknown)(results, context);
    if (typeof out !== "string") throw new FormatError(`the formatter ${name} did not return text (async formatters are not supported)`);
    return out;
  };
}
