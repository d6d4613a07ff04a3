/** flow-print as an op: each task's records formatted to text (the heading is printed by the CLI). */
import { createPrinter } from '../print/printer.ts';
import type { PrintSpec } from '../print/spec.ts';
import type { RecordView } from '../format/record.ts';
import { TextBuf } from '../util/textbuf.ts';
import type { Op, OpContext } from './types.ts';

export function printOp(spec: PrintSpec, ctx: OpContext): Op {
  const printer = createPrinter(spec, ctx.layout, ctx.warn);
  if ('error' in printer) throw new Error(printer.error);
  const out = TextBuf.forRecords(ctx.expectedRecords, 130);
  let n = 0;
  return {
    record(v: RecordView) {
      n++;
      printer.record(v, out);
    },
    finish() {
      const data = out.take();
      return { payload: { kind: 'bytes', data, records: n }, transfer: [data.buffer as ArrayBuffer] };
    },
  };
}
