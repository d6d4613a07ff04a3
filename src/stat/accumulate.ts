/**
 * The coordinator's merge of flow-stat partials. Partials may arrive in any order: each hash entry
 * remembers the earliest (task seq, position in the task) that saw its key, which is its place in
 * the whole input's first-appearance order. Merged in seq order (as scan() delivers them) that order
 * is simply the table's insertion order and no sorting is needed.
 */
import { carryArray } from './aggregate-array.ts';
import type { StatFormat } from './formats.ts';
import { keyWords } from './formats.ts';
import { KeyTable } from './key-table.ts';
import type { StatPayload } from './partial.ts';
import { PlotFold } from './plot.ts';
import { emptySummaryExtra, mergeSummaryExtra } from './summary.ts';
import { Totals } from './totals.ts';

const POS_SCALE = 4294967296;
const CHUNK_BITS = 16;
const CHUNK = 1 << CHUNK_BITS;

/** A merged report, ready to print. */
export interface StatResult {
  fmt: StatFormat;
  totals: Totals;
  /** hash reports: every key with its counters */
  table?: KeyTable;
  /** hash reports: entry ids in first-seen order (null: insertion order is first-seen order) */
  firstSeen?: Uint32Array | null;
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
  private table: KeyTable | undefined;
  private pos: Float64Array[] = [];
  private arr: { vals: Float64Array; hi: Float64Array | null } | undefined;
  private summary: Float64Array | undefined;
  private plotParts: Array<{ seq: number; extra: Float64Array; text: Uint8Array }> = [];
  private records = 0;
  /** highest task seq merged so far: a later task cannot have seen a known key first */
  private maxSeq = -1;

  /**
   * @param textSink plot reports: receives each task's lines at once (the caller feeds tasks in seq
   * order); without it the lines are kept and returned in seq order
   * @param expectedKeys distinct keys expected in the whole input (sizes the hash index)
   */
  constructor(readonly fmt: StatFormat, private readonly textSink?: (text: Uint8Array) => void, expectedKeys = 1 << 16) {
    if (fmt.shape === 'hash') this.table = new KeyTable(keyWords(fmt.key!), expectedKeys);
    if (fmt.shape === 'summary') this.summary = emptySummaryExtra();
  }

  /** Merge one task's partial. `records` is the number of records the task gave the op. */
  add(p: StatPayload, seq: number, records = 0): void {
    this.records += records;
    this.totals.addArray(p.totals);
    const carry = this.totals.check();
    switch (this.fmt.shape) {
      case 'hash': this.addHash(p, seq, carry); break;
      case 'array': this.addArray(p, carry); break;
      case 'summary': if (p.extra.length) mergeSummaryExtra(this.summary!, p.extra); break;
      case 'plot':
        if (this.textSink && p.text.length) this.textSink(p.text);
        this.plotParts.push({ seq, extra: p.extra, text: this.textSink ? new Uint8Array(0) : p.text });
        break;
      default: break;
    }
  }

  private addHash(p: StatPayload, seq: number, carry: boolean): void {
    const t = this.table!;
    const w = p.w, ks = p.keys, vs = p.vals, hs = p.hi;
    const base = seq * POS_SCALE;
    const inOrder = seq > this.maxSeq;
    if (inOrder) this.maxSeq = seq;
    if (hs && !t.hi) t.carry();
    for (let i = 0; i < p.n; i++) {
      const before = t.n;
      const e = w === 2 ? t.find2(ks[i * 2]!, ks[i * 2 + 1]!) : t.findAt(ks, i * w);
      const at = base + i;
      if (t.n !== before) {
        const c = e >>> CHUNK_BITS;
        if (c === this.pos.length) this.pos.push(new Float64Array(CHUNK));
        this.pos[c]![e & (CHUNK - 1)] = at;
      } else if (!inOrder) {
        const pc = this.pos[e >>> CHUNK_BITS]!, po = e & (CHUNK - 1);
        if (at < pc[po]!) pc[po] = at;
      }
      const v = i * 4;
      t.add(e, vs[v]!, vs[v + 1]!, vs[v + 2]!, vs[v + 3]!);
      if (hs) {
        const h = t.hi![e >>> t.chunkBits]!, ho = (e & ((1 << t.chunkBits) - 1)) * 4;
        h[ho] += hs[v]!; h[ho + 1] += hs[v + 1]!; h[ho + 2] += hs[v + 2]!; h[ho + 3] += hs[v + 3]!;
      }
    }
    if (carry) t.carry();
  }

  private addArray(p: StatPayload, carry: boolean): void {
    if (!this.arr) this.arr = { vals: new Float64Array(p.vals.length), hi: null };
    const a = this.arr;
    const v = a.vals, pv = p.vals;
    for (let i = 0; i < pv.length; i++) v[i] += pv[i]!;
    if (p.hi) {
      a.hi ??= new Float64Array(v.length);
      for (let i = 0; i < p.hi.length; i++) a.hi[i] += p.hi[i]!;
    }
    if (carry) carryArray(v, (a.hi ??= new Float64Array(v.length)));
  }

  result(): StatResult {
    this.totals.normalize();
    const r: StatResult = { fmt: this.fmt, totals: this.totals, records: this.records };
    switch (this.fmt.shape) {
      case 'hash': {
        const t = this.table!;
        if (t.hi) t.carry();
        r.table = t;
        r.firstSeen = this.firstSeenOrder(t.n);
        break;
      }
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

  /** null when insertion order already is first-seen order (partials merged in seq order). */
  private firstSeenOrder(n: number): Uint32Array | null {
    const at = (e: number): number => this.pos[e >>> CHUNK_BITS]![e & (CHUNK - 1)]!;
    let sorted = true;
    for (let e = 1; e < n && sorted; e++) if (at(e) < at(e - 1)) sorted = false;
    if (sorted) return null;
    const ids = Array.from({ length: n }, (_, i) => i);
    ids.sort((a, b) => at(a) - at(b));
    return Uint32Array.from(ids);
  }
}
