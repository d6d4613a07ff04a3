/**
 * flow-merge's interleaving: repeatedly take, among the inputs' next records, the one whose flow
 * end time (ftltime of Last) is earliest; ties go to the input listed first. Keys are computed once
 * per record into typed arrays; the choice is a binary heap over the inputs' heads.
 */
import type { Layout } from '../format/layouts.ts';
import { ftltimeMs } from '../util/fttime.ts';

export interface MergeSource {
  data: Uint8Array;
  layout: Layout;
  littleEndian: boolean;
}

/** End-time keys (ms) of every record of a source. */
export function endTimes(s: MergeSource): Float64Array {
  const { layout: l, littleEndian: le } = s;
  const dv = new DataView(s.data.buffer, s.data.byteOffset, s.data.byteLength);
  const n = Math.floor(s.data.byteLength / l.size);
  const keys = new Float64Array(n);
  const o = l.offsets;
  for (let i = 0, p = 0; i < n; i++, p += l.size) {
    keys[i] = ftltimeMs(dv.getUint32(p + o.sysUpTime, le), dv.getUint32(p + o.unix_secs, le), dv.getUint32(p + o.unix_nsecs, le), dv.getUint32(p + o.Last, le));
  }
  return keys;
}

/** Visit records of all sources in merge order: emit(sourceIndex, recordIndex). */
export function mergeOrder(keys: Float64Array[], emit: (src: number, rec: number) => void): void {
  const pos = new Int32Array(keys.length);
  const heap: number[] = [];
  const less = (a: number, b: number): boolean => {
    const ka = keys[a]![pos[a]!]!;
    const kb = keys[b]![pos[b]!]!;
    return ka < kb || (ka === kb && a < b);
  };
  const up = (i: number): void => {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!less(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  };
  const down = (i: number): void => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && less(heap[l]!, heap[m]!)) m = l;
      if (r < heap.length && less(heap[r]!, heap[m]!)) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m]!, heap[i]!];
      i = m;
    }
  };
  keys.forEach((k, i) => { if (k.length) { heap.push(i); up(heap.length - 1); } });
  while (heap.length) {
    const s = heap[0]!;
    emit(s, pos[s]!);
    pos[s]!++;
    if (pos[s]! >= keys[s]!.length) {
      const last = heap.pop()!;
      if (heap.length) { heap[0] = last; down(0); }
    } else {
      down(0);
    }
  }
}
