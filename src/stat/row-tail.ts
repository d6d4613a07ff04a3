/**
 * The counter columns that end a report row, shared by the serial table renderer and the parallel
 * row jobs: flows, octets, packets (and duration under -w) as fmt_uint64 prints them, or under -P
 * their percents of the report totals. `lo`/`hi` are the row's counters split in 32-bit halves.
 */
import type { TextBuf } from '../util/textbuf.ts';
import { fixedLeft, u64Num } from './cformat.ts';
import { u64 } from './row-writer.ts';
import { dec } from '../print/cfmt.ts';

/**
 * The counter columns of a row already filled with spaces (so no padding is written), for counters
 * below 2^53 with no high parts: flows and octets padded to 20, then packets padded to `padLast` (20
 * under -w, then duration), then the newline. Such a counter has at most 16 digits, so each padded
 * column simply ends 22 bytes after it starts. Returns the end.
 */
export function filledCounters(b: Uint8Array, p: number, fl: number, oc: number, pk: number, du: number, wide: boolean, padLast: number): number {
  dec(b, p, fl); p += 22;
  dec(b, p, oc); p += 22;
  const s = p;
  p = dec(b, p, pk);
  if (wide) p = dec(b, s + 22, du);
  else if (p < s + padLast) p = s + padLast;
  b[p++] = 10;
  return p;
}

/** Counts, padded to 20 columns; the last column padded too only when `padLast`. */
export function writeCounters(out: TextBuf, lo: number[], hi: number[], wide: boolean, padLast: boolean): void {
  out.ensure(100);
  u64(out, lo[0]!, hi[0]!, 20); out.buf[out.len++] = 32; out.buf[out.len++] = 32;
  u64(out, lo[1]!, hi[1]!, 20); out.buf[out.len++] = 32; out.buf[out.len++] = 32;
  if (wide) { u64(out, lo[2]!, hi[2]!, 20); out.str('  '); u64(out, lo[3]!, hi[3]!, 0); }
  else u64(out, lo[2]!, hi[2]!, padLast ? 20 : 0);
  out.byte(10);
}

/** Percents of `tot`, one per counter column (3, or 4 under -w). */
export function writePercents(out: TextBuf, lo: number[], hi: number[], tot: number[], wide: boolean): void {
  const ncnt = wide ? 4 : 3;
  for (let c = 0; c < ncnt; c++) {
    if (c > 0) out.str('   ');
    out.str(fixedLeft((u64Num(lo[c]!, hi[c]!) / tot[c]!) * 100, 6, 3));
  }
  out.byte(10);
}
