/**
 * The coordinator's merge of flow-stat partials. Partials may arrive in any order. Hash reports'
 * partials are kept (shared memory) until the scan is over, then merged partition-wise by merge
 * jobs (see part-merge.ts), in parallel when the caller runs the jobs on the pool; each key keeps
 * the earliest event (counted across the whole input, tasks in input order) that saw it: its place
 * in the input's first-seen order.
 */
import { carryArray, type ArrayTable } from './aggregate-array.ts';
import type { StatFormat } from './formats.ts';
import { keyWords } from './formats.ts';
import { MemMeter, type MemCapRef } from './mem-cap.ts';
import { mergeJob, type PartialRef, type StatMergeJob } from './part-merge.ts';
import { groupBitsOf, type PartDesc } from './part-store.ts';
import { GROUPED_FROM, partsBytes, type PartialParts, type StatPayload } from './partial.ts';
import { PlotFold } from './plot.ts';
import { RefTable } from './ref-table.ts';
import { emptySummaryExtra, mergeSummaryExtra } from './summary.ts';
import { CarryWatch, Totals } from './totals.ts';

/** A merged report, ready to print. */
export interface StatResult {
  fmt: StatFormat;
  totals: Totals;
  /** hash reports: every key with its counters and first-seen position */
  table?: RefTable;
  /** array reports: counters per slot, and carried high parts */
  array?: { vals: Float64Array; hi: Float64Array | null };
  /** f0: extremes and histograms (see SUMMARY) */
  summary?: Float64Array;
  /** f13/f14: extremes, and the lines when they were not streamed */
  plot?: PlotFold;
  text?: Uint8Array[];
  /** records the scan handed to the report */
  records: number;
}

export class StatAccumulator {
  private readonly totals = new Totals();
  private partials: Array<{ parts: PartialParts; n: number; seq: number }> = [];
  private partBits = 0;
  /** bytes of the partials handed to merge jobs (released from the cap once merged) */
  private handedOver = 0;
  private table: RefTable | undefined;
  private arr: ArrayTable | undefined;
  private summary: Float64Array | undefined;
  private plotParts: Array<{ seq: number; extra: Float64Array; text: Uint8Array }> = [];
  private records = 0;
  private readonly meter: MemMeter;

  /**
   * @param textSink plot reports: receives each task's lines at once (the caller feeds tasks in seq
   * order); without it the lines are kept and returned in seq order
   * @param cap the run's aggregation memory cap (partials are released from it once merged)
   */
  constructor(readonly fmt: StatFormat, private readonly textSink?: (text: Uint8Array) => void, private readonly cap?: MemCapRef) {
    if (fmt.shape === 'summary') this.summary = emptySummaryExtra();
    this.meter = new MemMeter(cap);
  }

  /** Merge one task's partial. `records` is the number of records the task gave the op. */
  add(p: StatPayload, seq: number, records = 0): void {
    this.records += records;
    this.totals.addArray(p.totals);
    const carry = this.totals.check();
    switch (this.fmt.shape) {
      case 'hash':
        if (!p.parts) throw new Error('hash report partial without partitions');
        if (this.partials.length && p.parts.partBits !== this.partBits) throw new Error('partials of different partitionings');
        this.partBits = p.parts.partBits;
        this.partials.push({ parts: p.parts, n: p.n, seq });
        break;
      case 'array': this.addArray(p, carry); break;
      case 'summary': if (p.extra.length) mergeSummaryExtra(this.summary!, p.extra); break;
      case 'plot':
        if (this.textSink && p.text.length) this.textSink(p.text);
        this.plotParts.push({ seq, extra: p.extra, text: this.textSink ? new Uint8Array(0) : p.text });
        break;
      default: break;
    }
  }

  /** Entries of every partial (merge work; duplicates across partials included). */
  partialEntries(): number {
    return this.partials.reduce((s, p) => s + p.n, 0);
  }

  /**
   * The merge of the hash partials as independent jobs, one per group of partitions and one segment
   * each (run them in any thread). The jobs take the partials over: a job's regions are garbage
   * once it has run (see PartialParts), so the caller should let go of each job when it is done.
   */
  mergeJobs(): StatMergeJob[] {
    const groupBits = groupBitsOf(this.partBits), J = 1 << groupBits, bits = this.partBits - groupBits;
    const w = keyWords(this.fmt.key!);
    // positions count events across the whole input: a task's first event comes after every event
    // of the tasks before it in input order
    const bySeq = [...this.partials].sort((a, b) => a.seq - b.seq);
    const groups: PartialRef[][] = Array.from({ length: J }, () => []);
    let base = 0, grouped = 0;
    for (const p of bySeq) {
      const { parts } = p;
      if (parts.groupBits !== groupBits) throw new Error('partials of different groupings');
      for (const q of [...(parts.earlier ?? []), parts]) {
        for (let g = 0; g < J; g++) if (q.ns[g]! > 0) groups[g]!.push({ buf: q.bufs[g]!, at: q.ats[g]!, n: q.ns[g]!, base, narrow: q.narrow });
        this.handedOver += q.bytes;
        if (q.grouped) grouped += q.bytes;
        // the jobs hold the regions now: a task's payload still referenced elsewhere (the scan's last
        // events) held a region in every group's slab, and kept all of them from being freed as the
        // merge went (-f 10 over the zlib archive at 1 thread: 750-890 MB instead of 650, most runs)
        q.bufs = [];
      }
      parts.earlier = undefined;
      base += parts.events;
    }
    this.partials = [];
    // positions are below the input's events: Uint32 holds them up to 2^32 events
    const widePos = base > 2 ** 32;
    // memory freed group by group is worth collecting garbage for as the merge goes
    const free = grouped >= GROUPED_FROM;
    return groups.map((partials) => ({ kind: 'stat-merge', w, partBits: bits, from: 0, to: 1 << bits, partials, widePos, cap: this.cap, free }));
  }

  /** Take the merge jobs' segments (in job order); the partials are released. */
  merged(segs: PartDesc[]): void {
    const w = keyWords(this.fmt.key!);
    this.table = new RefTable(w, Math.log2(segs.length), segs);
    for (const p of this.partials) this.meter.release(partsBytes(p.parts));
    this.meter.release(this.handedOver);
    this.partials = [];
    this.handedOver = 0;
  }

  /** An array report's table, for the tasks of this thread to add into (see ArrayTable). */
  arrayTable(): ArrayTable {
    return (this.arr ??= { vals: new Float64Array(this.fmt.size! * 4), hi: null, watch: new CarryWatch() });
  }

  private addArray(p: StatPayload, carry: boolean): void {
    const a = this.arrayTable();
    const v = a.vals, pv = p.vals;
    // the task's used slots: keys[i] is the slot of counters i
    const ks = p.keys;
    for (let i = 0; i < p.n; i++) {
      const o = ks[i]! * 4, d = i * 4;
      v[o] += pv[d]!; v[o + 1] += pv[d + 1]!; v[o + 2] += pv[d + 2]!; v[o + 3] += pv[d + 3]!;
    }
    if (p.hi) {
      const h = (a.hi ??= new Float64Array(v.length)), ph = p.hi;
      for (let i = 0; i < p.n; i++) for (let c = 0; c < 4; c++) h[ks[i]! * 4 + c] += ph[i * 4 + c]!;
    }
    if (carry) carryArray(v, (a.hi ??= new Float64Array(v.length)));
  }

  result(): StatResult {
    this.totals.normalize();
    const r: StatResult = { fmt: this.fmt, totals: this.totals, records: this.records };
    switch (this.fmt.shape) {
      case 'hash':
        if (!this.table) this.merged(this.mergeJobs().map((j) => mergeJob(j).seg));
        r.table = this.table;
        break;
      case 'array':
        r.array = this.arr ?? { vals: new Float64Array(this.fmt.size! * 4), hi: null };
        if (r.array.hi) carryArray(r.array.vals, r.array.hi);
        break;
      case 'summary': r.summary = this.summary; break;
      case 'plot': {
        const fold = new PlotFold(this.fmt.id === 14);
        const parts = [...this.plotParts].sort((a, b) => a.seq - b.seq);
        for (const part of parts) fold.add(part.extra);
        r.plot = fold;
        if (!this.textSink) r.text = parts.map((x) => x.text);
        break;
      }
      default: break;
    }
    return r;
  }
}
