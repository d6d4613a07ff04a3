/**
 * A Stamper keeps the text of its last second, of its last local day and the zone's offset:
 * whatever the order of the times it is given (the same second, a new second of the same day,
 * another day, back again, a wrapped negative time), it writes what a new Stamper over a new
 * LocalClock (nothing cached) writes.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { Stamper } from '../../../src/print/stamp.ts';
import { LocalClock } from '../../../src/util/localtime.ts';

function text(s: Stamper, ms: number): string {
  const b = new Uint8Array(64);
  return Buffer.from(b.subarray(0, s.put(b, 0, ms))).toString('latin1');
}

const saved = process.env.TZ;
afterAll(() => {
  if (saved === undefined) delete process.env.TZ; else process.env.TZ = saved;
});

describe('Stamper', () => {
  // zones with DST switches in the walk's range (2026-03-29 and 2026-10-25 in Berlin, 30-minute
  // switches at Lord Howe) and without
  for (const [style, tz] of [['short', 'UTC'], ['long', 'UTC'], ['short', 'Europe/Berlin'], ['long', 'Australia/Lord_Howe']] as const) {
    it(`${style}, TZ=${tz}: cached seconds, days and offsets give the uncached text`, () => {
      process.env.TZ = tz;
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
        expect(text(s, ms)).toBe(text(new Stamper(new LocalClock(), style), ms));
      }
    });
  }
});
