/**
 * Record loops generated as JS source for one layout, byte order and op, with the offsets written
 * in as constants: V8 folds a DataView read whose offset and byte order it sees as constants, and
 * the same loop reading them from closure variables cost two to three times as much per record
 * (bench/RESULTS.md). Compiled once per thread and source (a worker's compile cache).
 */

const compiled = new Map<string, unknown>();

/**
 * The function `source` returns (the body of a function of no arguments). The source must be
 * generated from layouts and validated specs only: numbers and fixed text, never input text.
 */
export function compileLoop<T>(source: string): T {
  let fn = compiled.get(source) as T | undefined;
  if (fn === undefined) {
    fn = (new Function(source) as () => T)();
    compiled.set(source, fn);
  }
  return fn;
}
