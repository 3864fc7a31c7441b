/**
 * Writes fixed sources back, only when the text changed, and only to files the user named (or
 * that lie inside the folders they named). A file keeps its mode, owner and group, and every one
 * of its names.
 *
 * Two ways to write, both through a temporary file in the file's folder that holds the new text
 * and is flushed to disk first:
 * - replace: the temporary file gets the mode, owner and group and is renamed over the file. The
 *   rename is atomic: after a crash the file holds the old text or the new, never a mix.
 * - in place: for a file with more than one name (hard links), which a rename would split, and for
 *   a file whose owner or group this user cannot give to a new file. The new text is written over
 *   the old and the file cut to length, then the temporary file is deleted. A crash during that
 *   write can leave the file part old, part new; the temporary file then still holds the whole new
 *   text (`.<name>.docker-lint-<pid>-<time>.tmp`, next to it) to recover from. Dockerfiles are a
 *   few KiB, written in one call, so the window is small; splitting links or changing the owner
 *   would be a silent, lasting change instead.
 */
import {
  accessSync,
  closeSync,
  constants,
  fchmodSync,
  fchownSync,
  fsyncSync,
  ftruncateSync,
  openSync,
  readFileSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
  type Stats,
} from "node:fs";
import path from "node:path";

/** A fix that was not written, with a message for the user (the file is untouched). */
export class FixNotWritten extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FixNotWritten";
  }
}

export interface WriteFixOptions {
  /**
   * Real paths (symlinks resolved) the file may be written in: the folders and files named on the
   * command line that led to it. A file whose real path lies outside all of them (a symlink out of
   * the linted folder) is not written. Absent: no limit.
   */
  within?: readonly string[];
  /** Real paths written so far in this run: a file reached by two paths (a link and its target) is written once. */
  written?: Set<string>;
}

function isInside(target: string, roots: readonly string[]): boolean {
  return roots.some((root) => target === root || target.startsWith(root.endsWith(path.sep) ? root : root + path.sep));
}

function octal(mode: number): string {
  return `0${(mode & 0o7777).toString(8)}`;
}

/**
 * Replaces the text of `file` with `text` unless it already holds exactly that; `original` is the
 * text that was linted. Returns whether the file was written. Throws FixNotWritten when the file
 * must not be written (the reason in the message), or a file system error when writing failed;
 * either way the file is as it was.
 */
export function writeFixedFile(file: string, text: string, original: string, options: WriteFixOptions = {}): boolean {
  if (text === original) return false;
  let target: string;
  try {
    target = realpathSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ELOOP") throw new FixNotWritten("Not fixed: the path is a symlink loop.");
    throw e;
  }
  if (options.within && !isInside(target, options.within)) {
    throw new FixNotWritten(`Not fixed: this is a symlink to ${target}, outside the folders named on the command line. Name that file to fix it.`);
  }
  if (options.written?.has(target)) throw new FixNotWritten(`Not fixed here: ${target} was fixed through another path in this run.`);
  const st = statSync(target);
  if (!st.isFile()) throw new FixNotWritten("Not fixed: this is not a regular file.");
  if ((st.mode & 0o222) === 0) {
    throw new FixNotWritten(`Not fixed: the file is read-only (mode ${octal(st.mode)}). Make it writable to fix it.`);
  }
  try {
    accessSync(target, constants.W_OK);
  } catch {
    throw new FixNotWritten(`Not fixed: you may not write this file (mode ${octal(st.mode)}, owner ${st.uid}:${st.gid}).`);
  }
  // Another program may have changed it while it was linted: its edit wins.
  if (readFileSync(target, "utf8") !== original) throw new FixNotWritten("Not fixed: the file changed while it was linted. Run again.");

  const bytes = Buffer.from(text, "utf8");
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.docker-lint-${process.pid}-${Date.now().toString(36)}.tmp`);
  const fd = openSync(tmp, "wx", 0o600);
  let replaced = false;
  try {
    let sameOwner: boolean;
    try {
      writeAll(fd, bytes);
      fchmodSync(fd, st.mode & 0o7777);
      sameOwner = keepOwner(fd, st);
      // chown clears set-user-ID and set-group-ID bits: set the mode again.
      if (sameOwner) fchmodSync(fd, st.mode & 0o7777);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (st.nlink === 1 && sameOwner) {
      renameSync(tmp, target);
      replaced = true;
      syncFolder(path.dirname(target));
    } else {
      writeInPlace(target, bytes, original);
    }
  } finally {
    if (!replaced) unlinkQuietly(tmp);
  }
  options.written?.add(target);
  return true;
}

function writeAll(fd: number, bytes: Uint8Array): void {
  for (let off = 0; off < bytes.length; ) off += writeSync(fd, bytes, off, bytes.length - off);
}

/** Gives the new file the old one's owner and group; false when this user may not. */
function keepOwner(fd: number, st: Stats): boolean {
  const uid = process.geteuid?.();
  const gid = process.getegid?.();
  if (uid === undefined || (st.uid === uid && st.gid === gid)) return true;
  try {
    fchownSync(fd, st.uid, st.gid);
    return true;
  } catch {
    return false;
  }
}

/**
 * Writes `bytes` over the file's old content and cuts it to length (no O_TRUNC: the file is never
 * empty, and for the usual fix, which lengthens the text, never shorter than its new text).
 * If the write fails, the old text is put back.
 */
function writeInPlace(target: string, bytes: Uint8Array, original: string): void {
  const fd = openSync(target, constants.O_WRONLY);
  try {
    try {
      writeAll(fd, bytes);
      ftruncateSync(fd, bytes.length);
      fsyncSync(fd);
    } catch (e) {
      try {
        const old = Buffer.from(original, "utf8");
        writeSync(fd, old, 0, old.length, 0);
        ftruncateSync(fd, old.length);
      } catch {
        /* the error below is what matters; the temporary file is gone with it */
      }
      throw e;
    }
  } finally {
    closeSync(fd);
  }
}

/** Makes a rename durable. Some file systems refuse fsync on a folder: that is not an error here. */
function syncFolder(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, "r");
    fsyncSync(fd);
  } catch {
    /* best effort */
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function unlinkQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    /* already gone */
  }
}
