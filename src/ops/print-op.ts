/**
 * flow-print as an op: each task's records formatted to text (the heading is printed by the CLI).
 * The text buffer is handed over as it is (no final copy) and transferred to the coordinator.
 */
import { createPrinter } from '../print/printer.ts';
import type { PrintSpec } from '../print/spec.ts';
import type { RecordView } from '../format/record.ts';
import { TextBuf } from '../util/textbuf.ts';
import { Chunker } from './chunks.ts';
import type { Op, OpContext } from './types.ts';

// room for the text of a typical task before the buffer has to grow (lines are 40-230 bytes)
const INITIAL_TEXT = 2 << 20;

export function printOp(spec: PrintSpec, ctx: OpContext): Op {
  const printer = createPrinter(spec, ctx.layout, ctx.warn);
  if ('error' in printer) throw new Error(printer.error);
  // a small file's task gets a small buffer (expectedRecords is 0 when unknown: compressed input)
  const out = TextBuf.forRecords(ctx.expectedRecords, 128, INITIAL_TEXT, INITIAL_TEXT);
  let n = 0;
  const chunks = new Chunker(out);
  return {
    record(v: RecordView) {
      n++;
      printer.record(v, out);
    },
    take: (min, spare) => chunks.take(min, n, spare),
    finish() {
      const data = out.handOver();
      return { payload: { kind: 'bytes', data, records: chunks.rest(n) }, transfer: [data.buffer as ArrayBuffer] };
    },
  };
}
