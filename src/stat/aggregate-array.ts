/**
 * Worker side of the array reports (tbl_out1: f5-f7 ports, f12 protocol, f17/f18 interfaces,
 * f19/f20 AS, f22 ToS, f28/f29 engine): counters indexed directly by the 8- or 16-bit key. Port
 * reports skip flows that are not TCP or UDP; f7 counts a flow for both ports and its totals twice.
 */
import type { Layout } from '../format/layouts.ts';
import type { RecordView } from '../format/record.ts';
import { arrayRun } from './array-loop.ts';
import type { StatFormat } from './formats.ts';
import { EMPTY_F64, EMPTY_U32, EMPTY_U8, type StatPayload } from './partial.ts';
import { checkedRuns, Totals, type CarryWatch } from './totals.ts';
import { primedRuns } from '../util/prime.ts';

const TWO32 = 4294967296;

/**
 * A report's own counter table (counters 4 per slot, carried high parts), which the tasks the
 * coordinator runs itself add into directly: no partial to build, send and add (finding a task's
 * touched slots, copying them out and adding them in again cost a tenth of a port report).
 */
export interface ArrayTable { vals: Float64Array; hi: Float64Array | null; watch: CarryWatch }

export interface ArrayAggregator {
  record(v: RecordView): void;
  /** the records at from, from + size, ... before `to`, all of them (no filter) */
  records(dv: DataView, from: number, to: number): void;
  finish(): StatPayload;
}

/** Move whole 2^32 units of `lo` into `hi` (same layout). */
export function carryArray(lo: Float64Array, hi: Float64Array): void {
  for (let i = 0; i < lo.length; i++) {
    const x = lo[i]!;
    if (x >= TWO32) {
      const q = Math.floor(x / TWO32);
      hi[i] += q;
      lo[i] = x - q * TWO32;
    }
  }
}

/**
 * The thread's free counter sets (a worker cache): a fresh 2 MB array per task costs more page
 * faults than the task's additions, so a finished task zeroes the slots it touched and gives its set
 * back. A set belongs to one task at a time (zlib tasks of one worker interleave); a task that fails
 * never gives its set back, so no counters of it are left behind.
 */
const free: Float64Array[] = [];

/** The thread's list of touched slots, filled by finish() (a worker cache, like the counter sets). */
const touchedSlots: { a: Uint32Array } = { a: new Uint32Array(0) };

/** A zeroed set of counters, 4 per slot, for `size` slots. */
function takeCounters(size: number): Float64Array {
  const i = free.findIndex((v) => v.length >= size * 4);
  return i >= 0 ? free.splice(i, 1)[0]! : new Float64Array(size * 4);
}

/**
 * `alloc`: memory for the partial (see OpContext.alloc: a reused buffer's contents are stale).
 * `into`: add into this table instead (the task runs in the table's thread); the partial then
 * carries only the totals.
 */
export function arrayAggregator(
  fmt: StatFormat, layout: Layout, le: boolean, alloc: (bytes: number) => ArrayBuffer = (n) => new ArrayBuffer(n), into?: ArrayTable,
): ArrayAggregator {
  const size = fmt.size!;
  const vals = into ? into.vals : takeCounters(size);
  let hi: Float64Array | null = null;
  const carry = (): void => {
    if (!into) { carryArray(vals, (hi ??= new Float64Array(vals.length))); return; }
    carryArray(vals, (into.hi ??= new Float64Array(vals.length)));
  };
  const t = new Totals();
  const run = arrayRun(fmt, layout, le);
  const rec = layout.size;
  /** the totals of the records since the last check, which the loop adds to */
  // four totals, and room for the loop's sum of slots read ahead
  const sums = new Float64Array(5);
  const settle = (): void => {
    t.addSums(sums);
    if (t.check(into?.watch)) carry();
  };

  // no record of which slots were touched (a mark per flow cost a fifth of the report): finish()
  // finds them by their counters; a slot whose counters are all zero prints nothing anyway
  const records = checkedRuns(rec, primedRuns(rec, (dv, from, to) => run(dv, from, to, vals, sums)), settle);

  return {
    record: (v: RecordView) => records(v.dv, v.p, v.p + rec),
    records,
    finish(): StatPayload {
      // the task's last growth counts toward the table's bound
      settle();
      if (into) {
        return { kind: 'stat', format: fmt.id, n: 0, w: 1, keys: EMPTY_U32, vals: EMPTY_F64, hi: null, totals: t.toArray(), extra: EMPTY_F64, text: EMPTY_U8 };
      }
      // the slots with a non-zero counter only (w 1: keys are slot numbers), in slot order; the set
      // is zeroed for the next task
      const h = hi;
      const touched = (o: number): boolean => vals[o] !== 0 || vals[o + 1] !== 0 || vals[o + 2] !== 0 || vals[o + 3] !== 0
        || (h !== null && (h[o] !== 0 || h[o + 1] !== 0 || h[o + 2] !== 0 || h[o + 3] !== 0));
      if (touchedSlots.a.length < size) touchedSlots.a = new Uint32Array(size);
      const slots = touchedSlots.a;
      let n = 0;
      for (let k = 0, o = 0; k < size; k++, o += 4) if (touched(o)) slots[n++] = k;
      const keys = new Uint32Array(alloc(n * 4), 0, n);
      keys.set(slots.subarray(0, n));
      const out = new Float64Array(alloc(n * 32), 0, n * 4);
      const outHi = hi ? new Float64Array(alloc(n * 32), 0, n * 4) : null;
      for (let i = 0; i < n; i++) {
        const k = keys[i]!, o = k * 4, d = i * 4;
        out[d] = vals[o]!; out[d + 1] = vals[o + 1]!; out[d + 2] = vals[o + 2]!; out[d + 3] = vals[o + 3]!;
        vals[o] = 0; vals[o + 1] = 0; vals[o + 2] = 0; vals[o + 3] = 0;
        if (outHi) { outHi[d] = hi![o]!; outHi[d + 1] = hi![o + 1]!; outHi[d + 2] = hi![o + 2]!; outHi[d + 3] = hi![o + 3]!; }
      }
      free.push(vals);
      return { kind: 'stat', format: fmt.id, n, w: 1, keys, vals: out, hi: outHi, totals: t.toArray(), extra: EMPTY_F64, text: EMPTY_U8 };
    },
  };
}
