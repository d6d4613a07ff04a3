/**
 * A time window (--from/--to) over flows: the exact per-record test a worker runs, and the
 * coordinator's test that lets it leave whole files unread by their header capture times.
 *
 * A flow's start and end are ftltime() of First and Last (the times flow-print shows). By default a
 * flow is in the window when it overlaps it (end >= from and start < to): everything that was going
 * on then. `by: 'start'` keeps flows that started in [from, to), so consecutive windows split an
 * archive with no flow counted twice; `by: 'end'` keeps flows that ended in it.
 *
 * Pruning is a guess about the archive, stated as a margin: a file's flows were exported between
 * its capture start and end (the collector's clock), a flow ends before it is exported and starts at
 * most the exporter's active timeout before that, and the two clocks differ by little. With a margin
 * covering the active timeout plus the clock skew, a file whose capture ended more than the margin
 * before `from`, or began more than the margin after `to`, holds no flow in the window.
 */
import { FIELD } from '../format/constants.ts';
import type { FlowHeader } from '../format/header.ts';
import type { Layout } from '../format/layouts.ts';
import type { RecordView } from '../format/record.ts';
import type { FilterSpec } from './filter-spec.ts';
import { ftltimeMs } from '../util/fttime.ts';

export type WindowBy = 'overlap' | 'start' | 'end';

export interface WindowSpec {
  kind: 'window';
  /** unix milliseconds, inclusive; null: no lower bound */
  fromMs: number | null;
  /** unix milliseconds, exclusive; null: no upper bound */
  toMs: number | null;
  by: WindowBy;
  /** seconds of slack for leaving files unread by capture times; null: read every file */
  marginS: number | null;
}

/** Default pruning margin, seconds: an hour covers the longest usual active timeout (30-60 min). */
export const DEFAULT_MARGIN = 3600;

/** The window among a selection's parts, if any. */
export function windowOf(spec: FilterSpec | undefined): WindowSpec | undefined {
  if (!spec) return undefined;
  if (spec.kind === 'window') return spec;
  if (spec.kind === 'all') {
    for (const p of spec.parts) {
      const w = windowOf(p);
      if (w) return w;
    }
  }
  return undefined;
}

/**
 * The record test for `layout`: reads the export time, uptime, First and Last at the layout's
 * offsets (every version has them) and computes ftltime() as flow-tools does, uint64-wrapped.
 */
export function windowPredicate(w: WindowSpec, layout: Layout): (v: RecordView) => boolean {
  const o = layout.offsets;
  const oSecs = o.unix_secs, oNsecs = o.unix_nsecs, oUp = o.sysUpTime, oFirst = o.First, oLast = o.Last;
  if (oSecs < 0 || oNsecs < 0 || oUp < 0 || oFirst < 0 || oLast < 0) throw new Error(`version ${layout.id} has no flow times`);
  const from = w.fromMs ?? -Infinity, to = w.toMs ?? Infinity;
  const startIn = w.by !== 'end', endIn = w.by !== 'start';
  return (v) => {
    const dv = v.dv, p = v.p, le = v.le;
    const up = dv.getUint32(p + oUp, le), secs = dv.getUint32(p + oSecs, le), nsecs = dv.getUint32(p + oNsecs, le);
    const start = ftltimeMs(up, secs, nsecs, dv.getUint32(p + oFirst, le));
    const end = ftltimeMs(up, secs, nsecs, dv.getUint32(p + oLast, le));
    if (startIn && endIn) return end >= from && start < to;
    const t = startIn ? start : end;
    return t >= from && t < to;
  };
}

/**
 * Whether a file can hold no flow of the window by its header's capture times, given the window's
 * margin (null: never prune). A header without a capture time is never pruned on that side.
 */
export function outsideByCapture(w: WindowSpec, h: FlowHeader): boolean {
  if (w.marginS === null) return false;
  const margin = w.marginS * 1000;
  if (w.fromMs !== null && h.fields & FIELD.CAP_END && (h.capEnd >>> 0) * 1000 + margin < w.fromMs) return true;
  if (w.toMs !== null && h.fields & FIELD.CAP_START && (h.capStart >>> 0) * 1000 - margin >= w.toMs) return true;
  return false;
}
