/**
 * Builds the Op for an OpSpec inside a worker. An explicit switch (no registration by side effect)
 * over dynamic imports: a thread loads only the op it runs, so a drop-in flow-print does not parse
 * the report, dump and filter code at start-up.
 */
import type { JobOutput, JobSpec, Op, OpContext, OpSpec } from './types.ts';

export async function createOp(spec: OpSpec, ctx: OpContext): Promise<Op> {
  switch (spec.kind) {
    case 'count': return (await import('./count.ts')).countOp(ctx.layout, ctx.littleEndian);
    case 'records': return (await import('./records.ts')).recordsOp(spec, ctx);
    case 'export': return (await import('./export.ts')).exportOp(spec, ctx);
    case 'print': return (await import('./print-op.ts')).printOp(spec, ctx);
    case 'dump': return (await import('./dump-op.ts')).dumpOp(spec);
    case 'stat': return (await import('./stat-op.ts')).statOp(spec, ctx);
  }
}

/** Run one job of an op's parallel phase (in a worker or on the main thread). */
export async function runJob(spec: JobSpec): Promise<JobOutput> {
  switch (spec.kind) {
    case 'stat-merge': case 'stat-rows': case 'stat-walk': return (await import('../stat/jobs.ts')).statJob(spec);
  }
}
