/**
 * One parallel pass for a flow-stat report: scan the inputs with the stat op and merge each task's
 * partial as it arrives (scan() delivers them in input order, so plot lines can be streamed).
 */
import { scan, type ScanEvent, type ScanOptions } from '../engine/scan.ts';
import type { OpenedInput } from '../engine/open.ts';
import { StatAccumulator, type StatResult } from './accumulate.ts';
import { FORMATS } from './formats.ts';

export interface CollectOptions extends Omit<ScanOptions, 'op'> {
  /** plot reports: receives the lines in order as tasks finish */
  textSink?: (text: Uint8Array) => void;
  /** every scan event, for fault reporting and progress (called before the partial is merged) */
  observe?: (ev: ScanEvent) => void;
}

export async function collectStat(inputs: OpenedInput[], format: number, opts: CollectOptions): Promise<StatResult> {
  const fmt = FORMATS[format]!;
  // distinct keys to size the merged table for: half the records, within [2^16, 2^22]
  const records = inputs.reduce((s, i) => s + (i.size > 0 ? (i.size - i.dataStart) / (i.inRecSize || 64) : 0), 0);
  const expected = Math.min(1 << 22, Math.max(1 << 16, Math.floor(records / 2)));
  const acc = new StatAccumulator(fmt, opts.textSink, expected);
  const { textSink: _sink, observe, ...scanOpts } = opts;
  for await (const ev of scan(inputs, { ...scanOpts, op: { kind: 'stat', format } })) {
    observe?.(ev);
    if (ev.kind === 'result' && ev.result.payload.kind === 'stat') {
      acc.add(ev.result.payload, ev.result.seq, ev.result.matched);
    }
  }
  return acc.result();
}
