/**
 * The counter columns written into a row already filled with spaces give the same bytes as the
 * padded writer, for every width rule (last column padded or not, -w with duration).
 */
import { describe, expect, it } from 'vitest';
import { filledCounters, plainCounters } from '../../../src/stat/row-tail.ts';
import { rng } from './harness.ts';

describe('filledCounters', () => {
  it('matches plainCounters byte for byte', () => {
    const r = rng(41);
    const pick = (): number => [0, 9, 10, 99, 4294967295][Math.floor(r() * 5)]!;
    for (let i = 0; i < 2000; i++) {
      const v = [0, 1, 2, 3].map(() => (r() < 0.3 ? pick() : Math.floor(r() * 2 ** (1 + Math.floor(r() * 32)))));
      for (const wide of [false, true]) {
        for (const padLast of [0, 20]) {
          const a = new Uint8Array(200).fill(0xff);
          const b = new Uint8Array(200).fill(32);
          const ea = plainCounters(a, 3, v[0]!, v[1]!, v[2]!, v[3]!, wide, padLast);
          const eb = filledCounters(b, 3, v[0]!, v[1]!, v[2]!, v[3]!, wide, padLast);
          expect(eb).toBe(ea);
          expect(Buffer.from(b.subarray(3, eb)).toString('latin1')).toBe(Buffer.from(a.subarray(3, ea)).toString('latin1'));
        }
      }
    }
  });
});
