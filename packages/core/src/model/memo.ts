/**
 * Facts derived from one file, kept on that file's model so that they die with it.
 *
 * Module-level WeakMaps keyed by the model or the AST did this before, at a cost: their values
 * survived V8's young-generation collections long after the file was done, so each file's
 * derived facts were copied from one scavenge to the next (over the corpus, 2.7x the surviving
 * bytes and about twice the GC time; tools/bench/README.md).
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
