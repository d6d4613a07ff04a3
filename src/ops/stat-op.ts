/**
 * flow-stat as an op: each task aggregates its records into a partial report (typed arrays, moved
 * back to the coordinator), which StatAccumulator merges. The report's aggregation lives in
 * src/stat/; this file only picks the aggregator for the report number.
 */
import { FORMATS } from '../stat/formats.ts';
import { arrayAggregator, type ArrayTable } from '../stat/aggregate-array.ts';
import { hashAggregator } from '../stat/hash-stage.ts';
import { payloadBuffers, type StatPayload, type StatSpec } from '../stat/partial.ts';
import { plotAggregator } from '../stat/plot.ts';
import { summaryAggregator } from '../stat/summary.ts';
import type { RecordView } from '../format/record.ts';
import type { Op, OpContext } from './types.ts';
import { eventsPerFlow } from '../stat/hash-loop.ts';

/** `into`: an array report's own table, when the task runs in its thread (see ArrayTable). */
export function statOp(spec: StatSpec, ctx: OpContext, into?: ArrayTable): Op {
  const fmt = FORMATS[spec.format];
  if (!fmt) throw new Error(`no flow-stat format ${spec.format}`);
  let agg: { record(v: RecordView): void; records?(dv: DataView, from: number, to: number): void; finish(): StatPayload };
  switch (fmt.shape) {
    case 'hash': {
      const events = ctx.expectedRecords * eventsPerFlow(fmt);
      // the run is about this many times the task (0: unknown)
      const share = spec.records && ctx.expectedRecords > 0 ? spec.records / ctx.expectedRecords : 0;
      agg = hashAggregator(fmt, ctx.layout, ctx.littleEndian, ctx.warn, spec.partBits ?? 0, events, spec.cap, {}, spec.run ?? 0, share);
      break;
    }
    case 'array': agg = arrayAggregator(fmt, ctx.layout, ctx.littleEndian, ctx.alloc, into); break;
    case 'summary': case 'totals': agg = summaryAggregator(fmt.id, ctx.layout, ctx.littleEndian, ctx.warn); break;
    case 'plot': agg = plotAggregator(fmt.id, ctx.layout, ctx.littleEndian); break;
    default: agg = summaryAggregator(fmt.id, ctx.layout, ctx.littleEndian, ctx.warn); break;
  }
  return {
    // the aggregators' record functions are closures: no `this` to bind
    record: agg.record,
    ...(agg.records ? { records: agg.records } : {}),
    finish() {
      const payload = agg.finish();
      return { payload, transfer: payloadBuffers(payload) };
    },
  };
}
