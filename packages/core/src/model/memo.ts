/**
 * Facts derived from one file, kept on that file's model so that they die with it.
 *
 * Module-level WeakMaps keyed by the model or the AST did this before, at a cost: V8's
 * young-generation collector keeps a WeakMap's values alive until a full collection, so each
 * file's derived facts were copied from one scavenge to the next long after the file was done
 * (over the corpus, 4x the surviving bytes and twice the GC time; tools/bench/README.md).
 */

/** Per-file derived facts, by the name of what derives them. */
export type FileMemo = Map<string, unknown>;

/** `compute()` once per owner (a model's `memo`) and `key`. */
export function memoised<T>(memo: FileMemo, key: string, compute: () => T): T {
  if (memo.has(key)) return memo.get(key) as T;
  const value = compute();
  memo.set(key, value);
  return value;
}
