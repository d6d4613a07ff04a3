/**
 * primedRuns: a record loop's first PRIME_CALLS calls take one record each, then calls pass whole
 * ranges; every record is visited once, in order, whatever the ranges.
 */
import { describe, expect, it } from 'vitest';
import { PRIME_CALLS, primedRuns } from '../../../src/util/prime.ts';

describe('primedRuns', () => {
  it('splits the first calls into single records and visits each record once, in order', () => {
    const calls: Array<[number, number]> = [];
    const run = primedRuns(8, (_dv, from, to) => { calls.push([from, to]); });
    const dv = new DataView(new ArrayBuffer(0));
    // ranges of 5, 0 and 200 records, then one more
    run(dv, 0, 40); run(dv, 40, 40); run(dv, 40, 1640); run(dv, 1640, 1648);
    const singles = calls.filter(([a, b]) => b - a === 8);
    expect(singles.length).toBeGreaterThanOrEqual(PRIME_CALLS);
    expect(calls.slice(0, PRIME_CALLS).every(([a, b]) => b - a === 8)).toBe(true);
    // contiguous and complete
    let at = 0;
    for (const [a, b] of calls) { expect(a).toBe(at); expect(b).toBeGreaterThan(a); at = b; }
    expect(at).toBe(1648);
    // past the priming, a range is one call
    expect(calls.length).toBe(PRIME_CALLS + 2);
  });
});
