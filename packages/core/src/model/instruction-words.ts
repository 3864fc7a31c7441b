/**
 * Arguments of COPY/ADD/LABEL/… as Docker reads them, for rules that also run on fragments
 * without FROM (the stage model starts at the first FROM).
 */
import type { InstructionNode } from "../language/ast.js";

/** `"x"` or `'x'` → `x`. */
export function dropQuotes(word: string): string {
  return word.length >= 2 && (word[0] === '"' || word[0] === "'") && word.at(-1) === word[0] ? word.slice(1, -1) : word;
}

/**
 * COPY/ADD sources and destination as written, quotes removed. Backslashes stay: Docker does not
 * treat them as escapes here (Windows paths). Heredoc markers (`<<EOF`) are not sources.
 */
export function copyWords(node: InstructionNode): { sources: string[]; dest: string } | null {
  const words = (node.json ?? node.argv.map((w) => dropQuotes(w.value))).filter((w) => !(node.heredocs.length > 0 && w.startsWith("<<")));
  if (words.length === 0) return null;
  return { sources: words.slice(0, -1), dest: words.at(-1)! };
}

/** The last path element, with `/` or `\` as separator. */
export function baseName(p: string): string {
  const cut = Math.max(p.lastIndexOf("/"), p.lastIndexOf("\\"));
  return p.slice(cut + 1);
}

/** Archive suffixes ADD unpacks (the list hadolint uses; BuildKit sniffs content, these are the usual names). */
export const ARCHIVE_SUFFIXES = [".tar", ".Z", ".bz2", ".gz", ".lz", ".lzma", ".tZ", ".tb2", ".tbz", ".tbz2", ".tgz", ".tlz", ".tpz", ".txz", ".xz"];

export function isArchiveName(p: string): boolean {
  return ARCHIVE_SUFFIXES.some((s) => p.endsWith(s));
}

export function isUrl(p: string): boolean {
  return /^https?:\/\//.test(p);
}
