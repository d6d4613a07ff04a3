/**
 * A Stamper keeps the text of its last second and of its last local day: whatever the order of the
 * times it is given (the same second, a new second of the same day, another day, back again, a
 * wrapped negative time), it writes what a Stamper with nothing cached writes.
 */
import { describe, expect, it } from 'vitest';
import { Stamper } from '../../../src/print/stamp.ts';
import { LocalClock } from '../../../src/util/localtime.ts';

function text(s: Stamper, ms: number): string {
  const b = new Uint8Array(64);
  return Buffer.from(b.subarray(0, s.put(b, 0, ms))).toString('latin1');
}

describe('Stamper', () => {
  for (const style of ['short', 'long'] as const) {
    it(`${style}: cached seconds and days give the uncached text`, () => {
      const clock = new LocalClock();
      const s = new Stamper(clock, style);
      let seed = 7;
      const rnd = (): number => { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; return seed / 2 ** 32; };
      let ms = Date.UTC(2026, 2, 28, 22, 0, 0);
      for (let i = 0; i < 20_000; i++) {
        const r = rnd();
        if (r < 0.4) ms += Math.floor(rnd() * 1000); // the same second or the next
        else if (r < 0.8) ms += Math.floor(rnd() * 600_000); // minutes on, across midnights in time
        else if (r < 0.9) ms -= Math.floor(rnd() * 200_000_000); // back, days before
        else if (r < 0.97) ms += Math.floor(rnd() * 400_000_000); // days on
        else ms = -Math.floor(rnd() * 1e12); // a wrapped time (ftltime before 1970)
        if (ms < 0 && r < 0.97) ms = Date.UTC(2026, 9, 25, 0, 59, 0);
        expect(text(s, ms)).toBe(text(new Stamper(clock, style), ms));
      }
    });
  }
});
