/**
 * The engine takes an unreadable or malformed go.mod as "no go.mod" and skips the checks that
 * need one. Linting goes on, but the user should know: one warning per such go.mod.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { findGoMod, parseGoMod } from "../model/gomod.js";
import { shortenLongValues } from "../formatters/index.js";

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/** What is wrong with the go.mod at `file`, or null when it reads as one. */
export function goModProblem(file: string): string | null {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    return `cannot be read (${err.message.replace(/, \w+ '.*'$/s, "")})`;
  }
  let text: string;
  try {
    if (bytes.includes(0)) throw new Error("NUL");
    text = strictUtf8.decode(bytes);
  } catch {
    return "is not a text file (binary or not UTF-8)";
  }
  const facts = parseGoMod(text);
  if (facts.module === null) return "has no module line, so it is not a go.mod Go can read";
  const goLine = /^[ \t]*go[ \t]+(\S.*)$/m.exec(text);
  if (goLine && facts.go === null) return `has a go line that is not a Go version ('go ${shortenLongValues(goLine[1]!.trim())}')`;
  return null;
}

/**
 * One line per go.mod that the Dockerfiles `files` would use but that cannot be used (the upward
 * lookup from each Dockerfile's folder, as the engine does it), paths relative to `cwd`.
 */
export function goModWarnings(files: readonly string[], cwd: string, buildContext?: string): string[] {
  const folders = new Set<string>();
  const goMods = new Set<string>();
  for (const file of files) {
    const dir = path.dirname(file);
    if (folders.has(dir)) continue;
    folders.add(dir);
    const found = findGoMod(file, { buildContext });
    if (found) goMods.add(found);
  }
  const warnings: string[] = [];
  for (const goMod of goMods) {
    const problem = goModProblem(goMod);
    if (!problem) continue;
    const shown = path.relative(cwd, goMod) || goMod;
    warnings.push(`docker-lint: warning: ${shown.startsWith("..") ? goMod : shown} ${problem}; the checks that need a go.mod are skipped for the Dockerfiles that use it.`);
  }
  return warnings;
}
