/**
 * The plot-data reports f13 (octets) and f14 (packets): two lines per flow in record order, then
 * a "# xmin= ymin= xmax= ymax=" trailer. f13's y extremes are plain min/max of octets, but f14
 * compares octets and stores packets (`if (octets > ymax) ymax = packets`), an order-dependent fold.
 * A task therefore sends, for each record that beats every earlier one (the only places the fold
 * can leave a given starting value), the threshold and the value the fold ends with from there;
 * the coordinator replays those steps in task order (PlotFold).
 */
import type { Layout } from '../format/layouts.ts';
import type { RecordView } from '../format/record.ts';
import { TextBuf } from '../util/textbuf.ts';
import { EMPTY_U32, EMPTY_F64, type StatPayload } from './partial.ts';
import { CHECK_EVERY, Totals } from './totals.ts';

const UMAX = 0xffffffff;

/**
 * One direction of f14's fold, y' = better(octets, y) ? packets : y, run over a task for every
 * possible starting y at once: starts are the records whose octets beat all earlier ones; starts
 * whose running values meet are merged (they stay equal from then on).
 */
class FoldTrack {
  /** thresholds (octets of each start record) and the union-find parent of each start */
  readonly thresholds: number[] = [];
  private readonly parent: number[] = [];
  /** running value of each live group, by representative start */
  private readonly live: Array<{ rep: number; y: number }> = [];
  private best: number;

  constructor(private readonly max: boolean) {
    this.best = max ? -1 : UMAX + 1;
  }

  private beats(a: number, b: number): boolean {
    return this.max ? a > b : a < b;
  }

  private find(i: number): number {
    while (this.parent[i] !== i) {
      this.parent[i] = this.parent[this.parent[i]!]!;
      i = this.parent[i]!;
    }
    return i;
  }

  step(oc: number, pk: number): void {
    // every live value the record beats becomes pk: those groups merge
    let merged = -1;
    let w = 0;
    for (let r = 0; r < this.live.length; r++) {
      const g = this.live[r]!;
      if (this.beats(oc, g.y) || g.y === pk) {
        if (merged < 0) { merged = g.rep; g.y = pk; this.live[w++] = g; } else this.parent[g.rep] = merged;
      } else this.live[w++] = g;
    }
    this.live.length = w;
    if (this.beats(oc, this.best)) {
      // a new start: its running value after this record is pk
      this.best = oc;
      const i = this.thresholds.length;
      this.thresholds.push(oc);
      this.parent.push(i);
      if (merged >= 0) this.parent[i] = merged;
      else this.live.push({ rep: i, y: pk });
    }
  }

  /** [count, then (threshold, end value) per start] */
  result(): number[] {
    const end = new Map<number, number>();
    for (const g of this.live) end.set(g.rep, g.y);
    const out = [this.thresholds.length];
    for (let i = 0; i < this.thresholds.length; i++) out.push(this.thresholds[i]!, end.get(this.find(i))!);
    return out;
  }
}

export interface PlotAggregator {
  record(v: RecordView): void;
  finish(): StatPayload;
}

/** extra for f13: [xmin, xmax, ymin, ymax]; for f14: [xmin, xmax, then the max and min folds]. */
export function plotAggregator(format: number, layout: Layout, le: boolean): PlotAggregator {
  const off = layout.offsets;
  const oPk = off.dPkts, oOc = off.dOctets, oFi = off.First, oLa = off.Last;
  // the totals (the JSON/CSV report's), counted as f15 counts them
  const oFl = off.dFlows; // -1: the layout has none (v8.6-8.8), a record is one flow
  const t = new Totals();
  let countdown = CHECK_EVERY;
  const packets = format === 14;
  const out = new TextBuf(1 << 16);
  const gap = packets ? 4 : 3;
  let xmin = UMAX, xmax = 0, ymin = UMAX, ymax = 0;
  const up = new FoldTrack(true), down = new FoldTrack(false);
  return {
    record(v: RecordView) {
      const dv = v.dv, p = v.p;
      const pk = dv.getUint32(p + oPk, le), oc = dv.getUint32(p + oOc, le);
      const first = dv.getUint32(p + oFi, le), last = dv.getUint32(p + oLa, le);
      t.f += oFl < 0 ? 1 : dv.getUint32(p + oFl, le); t.o += oc; t.p += pk; t.d += (last - first) >>> 0;
      if (--countdown === 0) { countdown = CHECK_EVERY; t.normalize(); }
      if (last > xmax) xmax = last;
      if (first < xmin) xmin = first;
      const y = packets ? pk : oc;
      if (packets) {
        up.step(oc, pk);
        down.step(oc, pk);
      } else {
        if (oc > ymax) ymax = oc;
        if (oc < ymin) ymin = oc;
      }
      out.decLeft(first, 10); out.fill(32, gap); out.decLeft(y, 10); out.byte(10);
      out.decLeft(last, 10); out.fill(32, gap); out.decLeft(y, 10); out.byte(10); out.byte(10);
    },
    finish(): StatPayload {
      const extra = packets ? Float64Array.from([xmin, xmax, ...up.result(), ...down.result()]) : Float64Array.of(xmin, xmax, ymin, ymax);
      return { kind: 'stat', format, n: 0, w: 0, keys: EMPTY_U32, vals: EMPTY_F64, hi: null, totals: t.toArray(), extra, text: out.take() };
    },
  };
}

/** The coordinator's running plot extremes, fed task extras in task order. */
export class PlotFold {
  xmin = UMAX; xmax = 0; ymin = UMAX; ymax = 0;

  constructor(private readonly packets: boolean) {}

  add(x: Float64Array): void {
    this.xmin = Math.min(this.xmin, x[0]!);
    this.xmax = Math.max(this.xmax, x[1]!);
    if (!this.packets) {
      this.ymin = Math.min(this.ymin, x[2]!);
      this.ymax = Math.max(this.ymax, x[3]!);
      return;
    }
    let i = 2;
    const nUp = x[i++]!;
    this.ymax = replay(x, i, nUp, this.ymax, (t, y) => t > y);
    i += nUp * 2;
    const nDown = x[i++]!;
    this.ymin = replay(x, i, nDown, this.ymin, (t, y) => t < y);
  }
}

/** The first start whose threshold beats y decides the task's end value; none: y is unchanged. */
function replay(x: Float64Array, at: number, n: number, y: number, beats: (t: number, y: number) => boolean): number {
  for (let k = 0; k < n; k++) {
    if (beats(x[at + k * 2]!, y)) return x[at + k * 2 + 1]!;
  }
  return y;
}
