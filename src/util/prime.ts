/**
 * How many single-item calls a hot loop function gets before its first long call ("priming").
 *
 * V8 compiles a long-running loop on stack replacement while it runs, with the type feedback
 * gathered so far. Code after the loop, which has not run yet, has none, and the compiled loop
 * leaves its code there: on Node 20 that code stayed in use, so every later call left it again
 * (node --trace-deopt: hundreds of deopts a run of `stat -f 10`). A few calls on one item each run
 * the whole function first. There must be more than a few: a function gets the vector its feedback
 * is kept in only once it has run about 8 times its own bytecode size
 * (--interrupt-budget-factor-for-feedback-allocation=8), and calls before that record nothing.
 */
export const PRIME_CALLS = 64;

/**
 * A record loop `run(dv, from, to)` over records of `size` bytes whose first PRIME_CALLS calls
 * take one record each (the rest of such a call's range follows in one call).
 */
export function primedRuns(size: number, run: (dv: DataView, from: number, to: number) => void): (dv: DataView, from: number, to: number) => void {
  let left = PRIME_CALLS;
  return (dv, from, to) => {
    for (; left > 0 && from < to; left--, from += size) run(dv, from, from + size);
    if (from < to) run(dv, from, to);
  };
}
