/**
 * The --from/--to window: reading times off the command line, the per-record test (against
 * ftltime() as flow-print shows it, every version and both byte orders), and the capture-time test
 * that leaves files unread.
 */
import { describe, expect, it } from 'vitest';
import { FIELD } from '../../../src/format/constants.ts';
import { emptyHeader } from '../../../src/format/header.ts';
import { LAYOUTS } from '../../../src/format/layouts.ts';
import { RecordView } from '../../../src/format/record.ts';
import { outsideByCapture, windowPredicate, type WindowSpec } from '../../../src/ops/time-window.ts';
import { ftltimeMs } from '../../../src/util/fttime.ts';
import { isoUtc, parseTimeArg } from '../../../src/util/time-arg.ts';
import { encodeRecords, type Rec } from '../../helpers/flowfile.ts';

const NOW = 1_793_500_000; // 2026-11-01T02:26:40Z
const T0 = Date.UTC(2026, 10, 1, 2, 0, 0);

describe('parseTimeArg', () => {
  it('reads ISO 8601 with a zone, unix seconds and fractions exactly', () => {
    expect(parseTimeArg('2026-11-01T02:00:00Z', NOW)).toBe(T0);
    expect(parseTimeArg('2026-11-01T02:00Z', NOW)).toBe(T0);
    expect(parseTimeArg('2026-11-01T03:00:00+01:00', NOW)).toBe(T0);
    expect(parseTimeArg('2026-11-01T03:30+0130', NOW)).toBe(T0);
    expect(parseTimeArg('2026-10-31T21:00:00-05', NOW)).toBe(T0);
    expect(parseTimeArg('2026-11-01T02:00:00.25Z', NOW)).toBe(T0 + 250);
    expect(parseTimeArg('2026-11-01T02:00:00.1239Z', NOW)).toBe(T0 + 123);
    expect(parseTimeArg('@1793498400', NOW)).toBe(T0);
    expect(parseTimeArg('@1793498400.5', NOW)).toBe(T0 + 500);
    expect(parseTimeArg(' 2026-11-01T02:00:00 UTC ', NOW)).toBe(T0);
  });

  it('reads a time without a zone in local time (TZ), as getdate does', () => {
    const before = process.env.TZ;
    try {
      process.env.TZ = 'UTC';
      expect(parseTimeArg('2026-11-01T02:00:00', NOW)).toBe(T0);
      expect(parseTimeArg('2026-11-01 02:00', NOW)).toBe(T0);
      expect(parseTimeArg('2026-11-01', NOW)).toBe(Date.UTC(2026, 10, 1));
      expect(parseTimeArg('2 hours ago', NOW)).toBe((NOW - 7200) * 1000);
      expect(parseTimeArg('November 1, 2026 02:00:00', NOW)).toBe(T0);
    } finally {
      if (before === undefined) delete process.env.TZ; else process.env.TZ = before;
    }
  });

  it('refuses what names no time', () => {
    for (const bad of ['', 'soon', '2026-13-01T00:00Z', '2026-11-31T00:00Z', '2026-11-01T24:00Z', '@', '@-5', '2026-11-01T02:61Z']) {
      expect(parseTimeArg(bad, NOW), bad).toBeUndefined();
    }
  });

  it('prints messages in UTC', () => {
    expect(isoUtc(T0)).toBe('2026-11-01T02:00:00Z');
    expect(isoUtc(T0 + 5)).toBe('2026-11-01T02:00:00.005Z');
  });
});

/** A flow that starts and ends at the given unix milliseconds, exported `lag` ms after its end. */
function flowAt(startMs: number, endMs: number, lag = 1500): Rec {
  const exportMs = endMs + lag;
  const up = 500_000_000;
  return {
    unix_secs: Math.floor(exportMs / 1000), unix_nsecs: (exportMs % 1000) * 1_000_000, sysUpTime: up,
    First: up - (exportMs - startMs), Last: up - lag,
  };
}

const win = (fromMs: number | null, toMs: number | null, by: WindowSpec['by'] = 'overlap'): WindowSpec =>
  ({ kind: 'window', fromMs, toMs, by, marginS: 3600 });

describe('windowPredicate', () => {
  const H = 3_600_000;
  // [start, end] relative to T0, in ms
  const flows: Array<[number, number]> = [
    [-2 * H, -H], // long before
    [-60_000, -1], // ends 1 ms before from
    [-60_000, 0], // ends exactly at from
    [-60_000, 60_000], // spans from
    [0, 10], // starts at from
    [H - 1, H + 5000], // starts 1 ms before to
    [H, H + 5000], // starts exactly at to
    [-H, 2 * H], // spans the whole window
  ];
  const want = {
    overlap: [false, false, true, true, true, true, false, true],
    start: [false, false, false, false, true, true, false, false],
    end: [false, false, true, true, true, false, false, false],
  };

  for (const layout of LAYOUTS.values()) {
    for (const le of [true, false]) {
      it(`version ${layout.id}, ${le ? 'little' : 'big'} endian: overlap, start and end, bounds inclusive at from, exclusive at to`, () => {
        const bytes = encodeRecords(flows.map(([s, e]) => flowAt(T0 + s, T0 + e)), layout.id, le);
        const v = new RecordView(layout, new DataView(bytes.buffer), le);
        for (const by of ['overlap', 'start', 'end'] as const) {
          const test = windowPredicate(win(T0, T0 + H, by), layout);
          const got = flows.map((_, i) => test(v.at(i * layout.size)));
          expect(got, by).toEqual(want[by]);
          // the times it tests are flow-print's
          v.at(3 * layout.size);
          expect(ftltimeMs(v.sysUpTime, v.unix_secs, v.unix_nsecs, v.First)).toBe(T0 - 60_000);
        }
        const open = windowPredicate(win(null, T0), layout);
        expect(flows.map((_, i) => open(v.at(i * layout.size)))).toEqual([true, true, true, true, false, false, false, true]);
      });
    }
  }

  it('a flow whose start wraps below zero (uptime past the export clock) counts as far in the future, as ftltime makes it', () => {
    const layout = LAYOUTS.get('5')!;
    const bytes = encodeRecords([{ unix_secs: 10, unix_nsecs: 0, sysUpTime: 4_000_000_000, First: 0, Last: 0 }], '5');
    const v = new RecordView(layout, new DataView(bytes.buffer), true).at(0);
    expect(windowPredicate(win(0, T0), layout)(v)).toBe(false);
    expect(windowPredicate(win(T0, null), layout)(v)).toBe(true);
  });
});

describe('outsideByCapture', () => {
  const h = emptyHeader();
  h.fields = FIELD.CAP_START | FIELD.CAP_END;
  h.capStart = T0 / 1000 - 900;
  h.capEnd = T0 / 1000;

  it('leaves a file unread only when its capture lies beyond the margin on either side', () => {
    const m = (fromMs: number | null, toMs: number | null, marginS: number | null) => outsideByCapture({ ...win(fromMs, toMs), marginS }, h);
    // the capture ended at T0: a window from T0 + margin + 1 ms is out of its reach
    expect(m(T0 + 3_600_000, null, 3600)).toBe(false);
    expect(m(T0 + 3_600_001, null, 3600)).toBe(true);
    expect(m(T0 + 1, null, 0)).toBe(true);
    expect(m(T0, null, 0)).toBe(false);
    // the capture started at T0 - 900 s: a window ending at or before that minus the margin
    expect(m(null, T0 - 900_000 - 3_600_000, 3600)).toBe(true);
    expect(m(null, T0 - 900_000 - 3_600_000 + 1, 3600)).toBe(false);
    // no margin: every file is read
    expect(m(T0 + 10 * 3_600_000, null, null)).toBe(false);
  });

  it('never prunes on a side whose capture time the header lacks (a capture still being written has no end)', () => {
    const open = emptyHeader();
    open.fields = FIELD.CAP_START;
    open.capStart = T0 / 1000;
    expect(outsideByCapture(win(T0 + 100 * 3_600_000, null), open)).toBe(false);
    expect(outsideByCapture(win(null, T0 - 2 * 3_600_000), open)).toBe(true);
  });
});
