/** The CLI's side of ShellCheck: every file's RUN scripts checked up front, in batches. */
import { parse } from "../language/ast.js";
import { readPragmas } from "../language/pragmas.js";
import { shellcheckScripts } from "../model/shellcheck-scripts.js";
import { readSourceFile } from "./read-source.js";
import { prefetchShellcheck, shellcheckExecutable, warnMissing, type ShellcheckComment } from "./shellcheck.js";

export async function prefetchFilesShellcheck(files: string[], sizes?: Map<string, number>): Promise<Map<string, ShellcheckComment[]> | null> {
  if (!shellcheckExecutable()) {
    warnMissing();
    return new Map(); // so worker threads stay quiet about it too
  }
  const scripts: string[] = [];
  for (const file of files) {
    const read = readSourceFile(file, sizes?.get(file));
    if (!read.ok) continue;
    const text = read.text.charCodeAt(0) === 0xfeff ? read.text.slice(1) : read.text;
    const parsed = parse(text);
    if (!parsed.ok) continue;
    for (const s of shellcheckScripts(parsed.ast, text, readPragmas(parsed.ast, text).shell)) scripts.push(s.text);
  }
  return prefetchShellcheck(scripts);
}
