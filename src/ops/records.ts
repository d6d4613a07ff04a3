/**
 * flow-cat / flow-nfilter output: the matching records, byte-swapped when the output byte order
 * differs from the input's. Field-by-field swap, driven by the layout table (u8 fields and pads stay).
 */
import { FIELD_DEFS, FIELD_NAMES } from '../format/fields.ts';
import { FT_HEADER_BIG_ENDIAN } from '../format/constants.ts';
import type { RecordView } from '../format/record.ts';
import { TextBuf } from '../util/textbuf.ts';
import { Chunker } from './chunks.ts';
import type { Op, OpContext, RecordsSpec } from './types.ts';

export function recordsOp(spec: RecordsSpec, ctx: OpContext): Op {
  const size = ctx.layout.size;
  const outLe = spec.byteOrder !== FT_HEADER_BIG_ENDIAN;
  const swap = outLe !== ctx.littleEndian;
  const swaps = FIELD_NAMES.filter((f) => ctx.layout.offsets[f] >= 0 && FIELD_DEFS[f].size > 1)
    .map((f) => [ctx.layout.offsets[f], FIELD_DEFS[f].size] as const);
  const out = TextBuf.forRecords(ctx.expectedRecords, ctx.layout.size);
  let n = 0;
  const chunks = new Chunker(out);
  return {
    record(v: RecordView) {
      out.ensure(size);
      const src = new Uint8Array(v.dv.buffer, v.dv.byteOffset + v.p, size);
      const at = out.len;
      out.buf.set(src, at);
      if (swap) {
        const b = out.buf;
        for (const [o, s] of swaps) {
          const q = at + o;
          if (s === 4) {
            const t0 = b[q]!, t1 = b[q + 1]!;
            b[q] = b[q + 3]!; b[q + 1] = b[q + 2]!; b[q + 2] = t1; b[q + 3] = t0;
          } else {
            const t = b[q]!;
            b[q] = b[q + 1]!; b[q + 1] = t;
          }
        }
      }
      out.len += size;
      n++;
    },
    take: (min, spare) => chunks.take(min, n, spare),
    finish() {
      const data = out.take();
      return { payload: { kind: 'bytes', data, records: chunks.rest(n) }, transfer: [data.buffer as ArrayBuffer] };
    },
  };
}
