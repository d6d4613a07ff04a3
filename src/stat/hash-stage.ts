/**
 * Worker side of the hash reports (f1-f3, f8-f11, f16, f21, f23-f27, f30-f32), partitioned: each
 * flow's key and counters are appended to the bucket of the key's partition (the high bits of its
 * hash), exactly as flow-stat's format functions would add them (f1's skipped dPkts=0 flows still
 * count in the totals, f11 adds two keys per flow). A full bucket is aggregated on its own in a
 * small, cache-resident table, so events are written once, not staged and then scattered. A task
 * first adds its events straight into one table of its own keys (a generated loop, no buckets):
 * while they are few (a site's hosts, ports), that table stays in cache and each event costs one
 * probe; when they grow many it is split by partition and the task goes on staging, its busiest
 * keys added up in a small cache instead of staged (hot-keys.ts). The
 * partial lists each partition's keys with their sums and the task-local event number that first
 * saw them, so merges can rebuild first-seen order.
 */
import type { Layout } from '../format/layouts.ts';
import type { RecordView } from '../format/record.ts';
import type { StatFormat } from './formats.ts';
import { keyWords } from './formats.ts';
import { bucketAggregate, bucketCopy } from './bucket-loop.ts';
import { directRun, EVENTS, eventsPerFlow, hashRun, LIM, MASK, N, stagedWords, type DirectState } from './hash-loop.ts';
import { HotKeys } from './hot-keys.ts';
import { MemMeter, type MemCapRef } from './mem-cap.ts';
import { keyHash } from './part-store.ts';
import { EMPTY_F64, EMPTY_U32, EMPTY_U8, GROUPED_FROM, type PartialParts, type StatPayload } from './partial.ts';
import { writeGroups } from './part-groups.ts';
import { below32, BUCKETS, DIRECT, OUT_FIRST, OUT_HASH, OUT_KEYS, placeEntries, returnScratch, scratchU32, SPARE_FIRST, SPARE_KEYS, TABLE, takeScratch } from './stage-memory.ts';
import { groupByPartition, Runs } from './stage-runs.ts';
import { COPY_AFTER, DIRECT_EVENTS, DIRECT_MAX, DIRECT_STEP, FIRST_OUT, FLUSH_ENTRIES, HOT_MIN, MAX_STAGE, MIN_BUCKET, MIN_STAGE, MOSTLY_NEW_AFTER, SCOUT_KEYS } from './stage-tuning.ts';
import { checkedRuns, Totals } from './totals.ts';
import { PRIME_CALLS } from '../util/prime.ts';

/** ipv4_len2mask(): the netmask of a prefix length; its table maps 0 (and lengths above 32) to /32. */
export function lenToMask(len: number): number {
  return len > 32 || len === 0 ? 0xffffffff : (0xffffffff << (32 - len)) >>> 0;
}

export interface HashAggregator {
  record(v: RecordView): void;
  /** the records at from, from + size, ... before `to`, all of them (no filter) */
  records(dv: DataView, from: number, to: number): void;
  finish(): StatPayload;
}

/**
 * What the thread's last task learned about its report's keys: it outgrew its direct table (the
 * next task of the run stages by partition from its start), its buckets were copied out (see
 * COPY_AFTER). Only a task of the same run (the same report over the same inputs) takes it over.
 */
const lastTask = { run: -1, staged: false, copied: false };

/**
 * @param partBits the partial is split among 2^partBits partitions (by the high bits of the key hash)
 * @param expected events the task is expected to add (sizes the buckets; 0 unknown)
 * @param memCap the run's aggregation memory cap (the buckets, output and partial are charged to it)
 * @param tune (tests) `directMax`: keys the task's direct table may hold before it stages by
 *   partition (negative: stage from the start; by default DIRECT_MAX, or staged when the thread's
 *   last task outgrew it); `directEvents`: events a direct table adds before it starts again;
 *   `copyAfter`: bucket events aggregated before buckets of mostly distinct keys are copied out
 *   instead (by default COPY_AFTER, or copied from the start when the thread's last task was)
 * @param runId the report's run (StatSpec.run): what the thread's last task of the same run learned
 *   about the keys carries over
 * @param runShare the run's records are about this many times the task's (0: unknown): with the
 *   task's partial, an estimate of the run's partials (see GROUPED_FROM)
 */
export function hashAggregator(
  fmt: StatFormat, layout: Layout, le: boolean, warn: (line: string) => void, partBits: number, expected: number, memCap?: MemCapRef,
  tune: { directMax?: number; directEvents?: number; copyAfter?: number; hotMin?: number; flushEntries?: number } = {}, runId = 0, runShare = 0,
): HashAggregator {
  const same = lastTask.run === runId;
  // (no scouting when the last task's buckets were mostly distinct keys: pairs of hosts have no
  // few busiest)
  const directMax = tune.directMax ?? (same && lastTask.staged ? (lastTask.copied ? -1 : SCOUT_KEYS) : DIRECT_MAX);
  const directEvents = tune.directEvents ?? DIRECT_EVENTS;
  const key = fmt.key!;
  const w = keyWords(key);
  const P = 1 << partBits;
  // a staged event: key words, flows (left out when every flow counts 1), octets, packets,
  // duration, hash, event number (SB words; the bucket loops read them, see bucket-loop.ts)
  const { SB } = stagedWords(fmt, layout);
  // under a memory cap the buckets take at most an eighth of it
  const capEvents = memCap ? Math.floor((memCap.capKiB * 1024) / 8 / (SB * 4)) : MAX_STAGE;
  // buckets copied out as they are, not aggregated (see COPY_AFTER)
  let copy = tune.copyAfter === undefined && same && lastTask.copied;
  const cap = Math.max(MIN_STAGE, Math.min(MAX_STAGE, capEvents, expected > 0 ? expected : MAX_STAGE / 2));
  // each partition's bucket is aggregated on its own when it holds B events; it has room for one
  // more (the second event of the flow that filled it)
  const B = Math.max(MIN_BUCKET, Math.ceil(cap / P)), BR = B + 1;
  const meter = new MemMeter(memCap);
  meter.charge(P * BR * SB * 4, 0);
  const sc = takeScratch();
  const sb = scratchU32(sc, BUCKETS, P * BR * SB);
  const fill = new Uint32Array(P);
  let table = scratchU32(sc, TABLE, 64);
  // aggregated output, run after run (a run: one bucket's distinct keys, in first-seen order)
  let outN = 0;
  // the output arrays are the thread's too (grown, never shrunk): fresh memory is slow to touch
  let outFirst = scratchU32(sc, OUT_FIRST, Math.min(cap, FIRST_OUT));
  let outKeys = scratchU32(sc, OUT_KEYS, outFirst.length * w);
  if (sc.vals.length < outFirst.length * 4) sc.vals = new Float64Array(outFirst.length * 4);
  let outVals = sc.vals;
  meter.charge(outFirst.length * (w * 4 + 36), 0);
  // the partition of each run and its length, in the order the runs were written
  const runs = new Runs();
  // the aggregated buckets' events and keys
  const copyAfter = tune.copyAfter ?? COPY_AFTER;
  let aggEvents = 0, aggKeys = 0;
  // the partials written out before the task's end (FLUSH_ENTRIES), their bytes, and the meter
  // they stay charged to until merged (the task's own meter is released at its end)
  const earlier: PartialParts[] = [];
  let flushed = 0, written = 0;
  const partMeter = new MemMeter(memCap);

  // the hot-key cache: emptied at every check of the totals, so an entry adds at most CHECK_EVERY
  // flows' events through it to its bucket's sums and stays exact in doubles
  const hot = sc.hot?.w === w ? sc.hot : (sc.hot = new HotKeys(w));
  hot.reset();
  const hotMin = tune.hotMin ?? HOT_MIN;
  const flushEntries = tune.flushEntries ?? FLUSH_ENTRIES;


  const t = new Totals();
  const ensureOut = (more: number): void => {
    if (outN + more <= outFirst.length) return;
    const c = Math.max(outN + more, outFirst.length * 2);
    meter.charge((c - outFirst.length) * (w * 4 + 36), outN);
    const k = new Uint32Array(c * w); k.set(outKeys.subarray(0, outN * w)); outKeys = sc.u32[OUT_KEYS] = k;
    const v = new Float64Array(c * 4); v.set(outVals.subarray(0, outN * 4)); outVals = sc.vals = v;
    const f = new Uint32Array(c); f.set(outFirst.subarray(0, outN)); outFirst = sc.u32[OUT_FIRST] = f;
  };

  // the direct table: output entry + 1 by hash slot, and each entry's hash (for its partition)
  let direct = directMax >= 0;
  let dslots = 0, dtable: Uint32Array = EMPTY_U32, outHash: Uint32Array = EMPTY_U32;
  // the table holds the output entries from `gen` on, added since event `genEvents`
  let gen = 0, genEvents = 0;
  const S: DirectState = {
    tb: EMPTY_U32, ks: outKeys, vs: outVals, first: outFirst, hash: EMPTY_U32, num: new Float64Array(4),
  };
  const num = S.num;

  /** Aggregate partition p's bucket into the output as one run, and empty it. */
  const drain = (p: number, count: number): void => {
    ensureOut(count);
    const from = p * BR;
    if (copy) {
      runs.add(p, count);
      outN = bucketCp(sb, from, from + count, outKeys, outVals, outFirst, outN);
    } else {
      const added = aggregate(from, from + count);
      runs.add(p, added);
      aggEvents += count;
      aggKeys += added;
      // events the hot-key cache took were aggregated too (without them the buckets of a report
      // whose busiest keys are cached look like distinct keys, and copying them doubled -f 9's partial)
      const agg = aggEvents + st[3]!;
      if (agg >= copyAfter && aggKeys * 5 > agg * 4) copy = true;
    }
    fill[p] = 0;
    if (outN >= flushEntries) earlier.push(writeOut(partMeter, false));
  };

  /**
   * The output's runs as a partitioned partial (charged to `m`); the output starts again. `last`:
   * the task's end (else its partial so far is scaled by the events still expected, to tell
   * whether the run's partials will be big enough to keep by group).
   */
  const writeOut = (m: MemMeter, last: boolean): PartialParts => {
    hot.flush(outVals);
    const n = outN;
    const narrow = below32(outVals, n * 4);
    const scale = last || expected <= 0 ? 1 : Math.max(1, expected / Math.max(1, st[0]!));
    const grouped = (bytes: number): boolean => runShare <= 0 || (flushed + bytes) * scale * runShare >= GROUPED_FROM;
    // (the task's entries so far, for the cap's message)
    const parts = writeGroups(runs, partBits, n, w, narrow, outKeys, outVals, outFirst, grouped, (bytes) => m.charge(bytes, written + n));
    flushed += parts.bytes;
    written += n;
    outN = 0;
    return { ...parts, events: 0 };
  };

  /** Room in the direct table and the output for a flow's keys (EV) more than the num[N] written. */
  const growDirect = (): void => {
    outN = num[N]!;
    ensureOut(EV);
    if (outHash.length < outFirst.length) {
      meter.charge((outFirst.length - outHash.length) * 4, outN);
      const h = new Uint32Array(outFirst.length); h.set(outHash.subarray(0, outN)); outHash = sc.u32[OUT_HASH] = h;
    }
    if ((outN - gen + EV) * 2 > dslots) {
      const slots = Math.max(1024, dslots * 2);
      meter.charge((slots - dslots) * 4, outN);
      dtable = scratchU32(sc, DIRECT, slots).fill(0, 0, slots);
      dslots = slots;
      placeEntries(dtable, slots - 1, outHash, gen, outN);
    }
    S.tb = dtable; S.ks = outKeys; S.vs = outVals; S.first = outFirst; S.hash = outHash;
    num[MASK] = dslots - 1;
    num[LIM] = Math.min(outFirst.length, gen + (dslots >>> 1));
  };

  /**
   * Leave the direct table: its keys become one run per partition (first-seen order kept within
   * each), and the task's further events are staged by partition.
   */
  /** The direct table's entries since `gen` as one run a partition, grouped through the scratch's spare arrays. */
  const groupTable = (): void => {
    const n = outN - gen;
    if (n <= 0) return;
    if (!sc.vals2 || sc.vals2.length < n * 4) sc.vals2 = new Float64Array(n * 4);
    const room = { keys: scratchU32(sc, SPARE_KEYS, n * w), vals: sc.vals2, first: scratchU32(sc, SPARE_FIRST, n) };
    groupByPartition(runs, gen, outN, w, partBits, outHash, outKeys, outVals, outFirst, room);
  };

  const toStaged = (): void => {
    outN = num[N]!;
    st[0] = num[EVENTS]!;
    groupTable();
    // the keys seen twice so far start the hot-key cache: the staged events of the busiest keys
    // then add into their entries from the start, not only once their buckets first fill
    hot.heat(outKeys, outVals, gen, outN, Math.min(2, hotMin));
    direct = false;
  };

  /** Write the table's keys out as runs and start it again empty (its sums stay exact). */
  const newGeneration = (): void => {
    outN = num[N]!;
    groupTable();
    gen = outN;
    genEvents = num[EVENTS]!;
    dtable.fill(0, 0, dslots);
    num[LIM] = Math.min(outFirst.length, gen + (dslots >>> 1));
  };

  /** Aggregate staged events [from, to) (one bucket) into the output; returns the keys added. */
  const aggregate = (from: number, to: number): number => {
    let slots = 16;
    while (slots < (to - from) * 2) slots *= 2;
    if (table.length < slots) table = scratchU32(sc, TABLE, slots);
    table.fill(0, 0, slots);
    const first = outN;
    outN = bucketAgg(sb, from, to, table, slots - 1, outKeys, outVals, outFirst, outN);
    hot.heat(outKeys, outVals, first, outN, hotMin);
    return outN - first;
  };

  const EV = eventsPerFlow(fmt);
  const run = hashRun(fmt, layout, le, partBits, !copy);
  const bucketAgg = bucketAggregate(fmt, layout);
  const bucketCp = bucketCopy(fmt, layout);
  const direct1 = direct ? directRun(fmt, layout, le) : null;
  // the direct loop probes the table from its first event: it must have slots
  if (direct) growDirect();
  const rec = layout.size;
  /**
   * the next event number, kept where the generated loop reads and writes it, and the partitions of
   * the buckets the loop filled (st[1], st[2]; -1: none), the events the hot-key cache took (st[3])
   */
  const st = new Float64Array(4);
  // each loop's first calls take one record each (see PRIME_CALLS)
  let primeDirect = PRIME_CALLS, primeRun = PRIME_CALLS;
  const sums = new Float64Array(4);
  // the totals are normalized every CHECK_EVERY records: their low parts stay exact
  const settle = (): void => { t.addSums(sums); t.normalize(); hot.flush(outVals); };
  /** the records [from, to): direct in steps (so the table is left soon after it grows too big), then staged */
  const step = (dv: DataView, from: number, to: number): void => {
    let p = from;
    while (direct && p < to) {
      const end = Math.min(to, p + DIRECT_STEP * rec);
      while (p < end) {
        const stop = primeDirect > 0 ? p + rec : end;
        primeDirect--;
        p = direct1!(dv, p, stop, S, sums, keyHash, lenToMask, warn);
        // stopped before a flow whose keys might not fit
        if (p < stop) {
          growDirect();
          if (num[N]! + EV > num[LIM]!) throw new Error('hash stage: the direct table did not grow');
        }
      }
      // past the cap, or nearly every event a new key (pairs of hosts): the table would only grow
      const keys = num[N]! - gen, events = num[EVENTS]! - genEvents;
      if (keys > directMax || (events >= MOSTLY_NEW_AFTER && keys * 4 > events * 3)) toStaged();
      else if (events >= directEvents) newGeneration();
    }
    while (p < to) {
      p = run(dv, p, primeRun > 0 ? p + rec : to, sb, fill, B, st, sums, keyHash, lenToMask, warn, hot.hot, hot.hk, hot.hv);
      primeRun--;
      // the buckets the last flow filled
      for (let i = 1; i <= 2; i++) {
        const q = st[i]!;
        if (q >= 0 && fill[q]! >= B) drain(q, fill[q]!);
      }
    }
  };
  const records = checkedRuns(rec, step, settle);

  return {
    record: (v: RecordView) => records(v.dv, v.p, v.p + rec),
    records,
    finish(): StatPayload {
      settle();
      const staged = !direct;
      if (direct) toStaged();
      const events = st[0]!;
      for (let p = 0; p < P; p++) if (fill[p]! > 0) drain(p, fill[p]!);
      // (the last drains may have switched to copying)
      lastTask.run = runId;
      lastTask.staged = staged;
      lastTask.copied = copy;
      const n = written + outN;
      // the buckets and output are scratch again; the partial stays charged until it is merged
      meter.releaseAll();
      meter.taskKeys(n);
      const parts = writeOut(meter, true);
      returnScratch(sc);
      return {
        kind: 'stat', format: fmt.id, n, w, keys: EMPTY_U32, vals: EMPTY_F64, hi: null,
        totals: t.toArray(), extra: EMPTY_F64, text: EMPTY_U8, parts: { ...parts, events, ...(earlier.length ? { earlier } : {}) },
      };
    },
  };
}
