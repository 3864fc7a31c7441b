/** Writes fixed sources back: atomically, keeping the file mode, and only when the text changed. */
import { closeSync, fchmodSync, fsyncSync, openSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from "node:fs";
import path from "node:path";

/**
 * Replaces `file` with `text` unless it already holds exactly that. The new content goes to a
 * temporary file in the same folder (so the rename stays on one file system and is atomic),
 * gets the original's permission bits, and is then renamed over the original. A symlink is
 * resolved first so the link itself survives. Returns whether the file was written.
 */
export function writeFixedFile(file: string, text: string, original: string): boolean {
  if (text === original) return false;
  const target = realpathSync(file);
  const mode = statSync(target).mode & 0o7777;
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.docker-lint-${process.pid}-${Date.now().toString(36)}.tmp`);
  const fd = openSync(tmp, "wx", 0o600);
  try {
    try {
      const bytes = Buffer.from(text, "utf8");
      for (let off = 0; off < bytes.length; ) off += writeSync(fd, bytes, off, bytes.length - off);
      fchmodSync(fd, mode);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, target);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      /* already gone */
    }
    throw e;
  }
  return true;
}
