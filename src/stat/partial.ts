/**
 * What a worker sends back for one task of a flow-stat report: typed arrays only (moved, not
 * copied). Hash reports send their keys and counters in the order the task first saw each key, so
 * the coordinator can rebuild flow-stat's first-appearance order from partials of any split.
 */

export interface StatSpec {
  kind: 'stat';
  /** flow-stat report number 0-32 */
  format: number;
}

export interface StatPayload {
  kind: 'stat';
  format: number;
  /** hash reports: distinct keys in the task, in first-seen order */
  n: number;
  /** key words per entry */
  w: number;
  /** n * w key words (hash reports) */
  keys: Uint32Array;
  /** counters, 4 per entry (flows, octets, packets, duration): n entries, or every slot of an array report */
  vals: Float64Array;
  /** carried high parts of `vals` (units of 2^32), when a counter reached 2^52 */
  hi: Float64Array | null;
  /** flow-stat's `total`: [flows, octets, packets, duration] low parts, then their high parts */
  totals: Float64Array;
  /** report-specific numbers: the summary's extremes and histograms, the plot's extremes */
  extra: Float64Array;
  /** plot reports: the task's lines */
  text: Uint8Array;
}

/** The buffers to transfer with a payload. */
export function payloadBuffers(p: StatPayload): ArrayBuffer[] {
  const list = [p.keys, p.vals, p.totals, p.extra, p.text];
  if (p.hi) list.push(p.hi);
  const seen = new Set<ArrayBuffer>();
  for (const a of list) if (a.byteLength) seen.add(a.buffer as ArrayBuffer);
  return [...seen];
}

export const EMPTY_U32 = new Uint32Array(0);
export const EMPTY_F64 = new Float64Array(0);
export const EMPTY_U8 = new Uint8Array(0);
