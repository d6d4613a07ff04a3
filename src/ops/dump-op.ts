/** flowdumper as an op: each task's records dumped in the chosen Cflow format (text or raw records). */
import { createDumper } from '../dump/formats.ts';
import type { RecordView } from '../format/record.ts';
import { TextBuf } from '../util/textbuf.ts';
import { Chunker } from './chunks.ts';
import type { DumpSpec, Op } from './types.ts';

export function dumpOp(spec: DumpSpec): Op {
  const dump = createDumper(spec.style);
  const out = new TextBuf(1 << 20);
  let n = 0;
  const chunks = new Chunker(out);
  return {
    record(v: RecordView) {
      n++;
      dump(v, out);
    },
    take: (min, spare) => chunks.take(min, n, spare),
    finish() {
      const data = out.take();
      return { payload: { kind: 'bytes', data, records: chunks.rest(n) }, transfer: [data.buffer as ArrayBuffer] };
    },
  };
}
