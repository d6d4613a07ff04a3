/** isoTime writes what Date#toISOString() gives, for every year 0-9999, and declines the rest. */
import { describe, expect, it } from 'vitest';
import { isoTime, newIsoScratch } from '../../../src/util/iso-time.ts';

// one scratch for every call, as an export uses it: the day it remembers must never leak
const tm = newIsoScratch();

function viaBytes(ms: number): string | null {
  const b = new Uint8Array(32);
  const end = isoTime(b, 0, ms, tm);
  return end < 0 ? null : Buffer.from(b.subarray(0, end)).toString('latin1');
}

describe('isoTime', () => {
  it('matches toISOString on edges: epoch, leap days, centuries, year 0 and 9999', () => {
    const edges = [
      0, -1, 1, 999, 1000, 86_399_999, 86_400_000, -86_400_000,
      Date.UTC(2000, 1, 29, 12, 34, 56, 789), Date.UTC(1900, 1, 28, 23, 59, 59, 999), Date.UTC(1900, 2, 1),
      Date.UTC(2100, 1, 28), Date.UTC(2100, 2, 1), Date.UTC(2024, 1, 29), Date.UTC(2026, 10, 1, 0, 15),
      Date.UTC(1969, 11, 31, 23, 59, 59, 999), Date.UTC(9999, 11, 31, 23, 59, 59, 999), Date.UTC(2038, 0, 19, 3, 14, 7),
      new Date('0000-01-01T00:00:00.000Z').getTime(), new Date('0000-03-01T00:00:00.000Z').getTime(),
    ];
    for (const ms of edges) expect(viaBytes(ms)).toBe(new Date(ms).toISOString());
  });

  it('matches toISOString on 50,000 random times across years 0-9999', () => {
    let x = 12345;
    const lo = new Date('0000-01-01T00:00:00.000Z').getTime(), hi = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
    for (let i = 0; i < 50_000; i++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      const ms = lo + Math.floor(((x / 2 ** 32 + i / 50_000) % 1) * (hi - lo));
      expect(viaBytes(ms)).toBe(new Date(ms).toISOString());
    }
  });

  it('matches toISOString on runs of times within a day and across midnight, before and after 1970', () => {
    for (const start of [Date.UTC(2026, 10, 1) - 5000, Date.UTC(1969, 11, 31, 23, 59, 58), Date.UTC(2024, 1, 28, 23, 59, 59)]) {
      for (let ms = start; ms < start + 10_000; ms += 7) expect(viaBytes(ms)).toBe(new Date(ms).toISOString());
    }
    // a declined time between two of the same day does not disturb the day kept
    expect(viaBytes(Date.UTC(2026, 0, 1, 1))).toBe('2026-01-01T01:00:00.000Z');
    expect(viaBytes(2 ** 64)).toBeNull();
    expect(viaBytes(Date.UTC(2026, 0, 1, 2))).toBe('2026-01-01T02:00:00.000Z');
  });

  it('declines years past 9999 or before 0, and fractions, writing nothing', () => {
    for (const ms of [Date.UTC(9999, 11, 31, 23, 59, 59, 999) + 1, new Date('0000-01-01T00:00:00.000Z').getTime() - 1, 2 ** 64, 1.5]) {
      const b = new Uint8Array(32);
      expect(isoTime(b, 0, ms, tm)).toBe(-1);
      expect(b.every((v) => v === 0)).toBe(true);
    }
  });
});
