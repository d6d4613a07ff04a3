/**
 * Builds the Op for an OpSpec inside a worker. An explicit switch: no registration by side effect.
 */
import type { Op, OpContext, OpSpec } from './types.ts';
import { countOp } from './count.ts';
import { recordsOp } from './records.ts';
import { exportOp } from './export.ts';
import { printOp } from './print-op.ts';
import { dumpOp } from './dump-op.ts';
import { statOp } from './stat-op.ts';

export function createOp(spec: OpSpec, ctx: OpContext): Op {
  switch (spec.kind) {
    case 'count': return countOp();
    case 'records': return recordsOp(spec, ctx);
    case 'export': return exportOp(spec, ctx);
    case 'print': return printOp(spec, ctx);
    case 'dump': return dumpOp(spec);
    case 'stat': return statOp(spec, ctx);
  }
}
