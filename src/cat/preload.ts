/**
 * flow-cat's header preload (-p, implied by -t/-T): merges the inputs' header metadata into the
 * output header and selects whole files by their capture times, in flow-cat's exact order of
 * operations (capture start/end are taken from every file, even those the time window skips).
 */
import { FIELD } from '../format/constants.ts';
import type { FlowHeader } from '../format/header.ts';

export interface TimeWindow {
  low: number; // -t, 0 = unset
  high: number; // -T, 0 = unset
}

export interface PreloadResult {
  /** per input: skip it (outside the time window) */
  skip: boolean[];
}

/** Apply the preload to `out` (the output header being built); inputs in processing order. */
export function preload(out: FlowHeader, inputs: FlowHeader[], win: TimeWindow | null): PreloadResult {
  let fields = 0;
  let timeStart = 0xffffffff;
  let timeEnd = 0;
  let t1 = 0;
  let t2 = 0;
  let lost = 0;
  let corrupt = 0;
  let flows = 0;
  const skip: boolean[] = [];
  for (const h of inputs) {
    fields |= h.fields;
    if (h.fields & FIELD.CAP_START) {
      t1 = h.capStart >>> 0;
      if (t1 < timeStart) timeStart = t1;
    }
    if (h.fields & FIELD.CAP_END) {
      t2 = h.capEnd >>> 0;
      if (t2 > timeEnd) timeEnd = t2;
    }
    if (win && isOutside(win, t1, t2)) { skip.push(true); continue; }
    skip.push(false);
    lost = (lost + h.flowsLost) >>> 0;
    corrupt = (corrupt + h.pktsCorrupt) >>> 0;
    flows = (flows + h.flowsCount) >>> 0;
    if (h.capHostname !== undefined && h.fields & FIELD.CAP_HOSTNAME) { out.capHostname = h.capHostname; out.fields |= FIELD.CAP_HOSTNAME; }
    if (h.comments !== undefined && h.fields & FIELD.COMMENTS) { out.comments = h.comments; out.fields |= FIELD.COMMENTS; }
    if (h.fields & FIELD.SEQ_RESET) { out.seqReset = h.seqReset; out.fields |= FIELD.SEQ_RESET; }
    if (h.fields & FIELD.FLOW_MISORDERED) { out.flowsMisordered = h.flowsMisordered; out.fields |= FIELD.FLOW_MISORDERED; }
    if (h.fields & FIELD.VENDOR) { out.vendor = h.vendor; out.fields |= FIELD.VENDOR; }
    if (h.fields & FIELD.EXPORTER_IP) { out.exporterIp = h.exporterIp; out.fields |= FIELD.EXPORTER_IP; }
    if (h.fields & FIELD.AGG_METHOD) { out.aggMethod = h.aggMethod; out.fields |= FIELD.AGG_METHOD; }
    if (h.fields & FIELD.AGG_VER) { out.aggVersion = h.aggVersion; out.fields |= FIELD.AGG_VER; }
    if (h.fields & FIELD.ROT_SCHEDULE) { out.rotation = h.rotation; out.fields |= FIELD.ROT_SCHEDULE; }
  }
  if ((fields & (FIELD.CAP_START | FIELD.CAP_END)) === (FIELD.CAP_START | FIELD.CAP_END)) {
    out.capStart = timeStart;
    out.capEnd = timeEnd;
    out.fields |= FIELD.CAP_START | FIELD.CAP_END;
  }
  out.flowsCount = flows;
  out.pktsCorrupt = corrupt;
  out.flowsLost = lost;
  out.fields |= FIELD.FLOW_COUNT | FIELD.PKT_CORRUPT | FIELD.FLOW_LOST;
  return { skip };
}

/** flow-cat's coarse file selection by header times (src/flow-cat.c). */
function isOutside(w: TimeWindow, start: number, end: number): boolean {
  if (w.high && w.low) {
    const delta = (end - start) >>> 0;
    return start < w.low || ((end - delta) >>> 0) > w.high;
  }
  if (w.low && start > w.low) return true;
  if (w.high && end < w.high) return true;
  return false;
}
