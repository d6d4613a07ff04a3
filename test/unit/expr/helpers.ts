/** Test helpers: hand-built records and one-call evaluation of expressions against them. */
import { FIELD_DEFS, type FieldName } from '../../../src/format/fields.ts';
import { LAYOUTS } from '../../../src/format/layouts.ts';
import { RecordView } from '../../../src/format/record.ts';
import { instantiate, prepare } from '../../../src/expr/compile.ts';
import { createRuntime, newState, type ExprState } from '../../../src/expr/runtime.ts';
import type { PerlValue } from '../../../src/expr/perl-values.ts';
import type { ExprError } from '../../../src/expr/errors.ts';

/** One record of layout `id` (little-endian) with the given field values, the rest 0. */
export function makeRecord(fields: Partial<Record<FieldName, number>>, id = '5'): RecordView {
  const layout = LAYOUTS.get(id)!;
  const dv = new DataView(new ArrayBuffer(layout.size));
  for (const [f, v] of Object.entries(fields) as Array<[FieldName, number]>) {
    const o = layout.offsets[f];
    if (o < 0) continue;
    const size = FIELD_DEFS[f].size;
    if (size === 4) dv.setUint32(o, v, true);
    else if (size === 2) dv.setUint16(o, v, true);
    else dv.setUint8(o, v);
  }
  return new RecordView(layout, dv, true);
}

/** A realistic v5 TCP flow (the first flow of the 13:05 fixture). */
export const TCP_FLOW: Partial<Record<FieldName, number>> = {
  unix_secs: 1120669500, unix_nsecs: 170262237, sysUpTime: 259200170, exaddr: 3232300801, dPkts: 5, dOctets: 200,
  First: 259190559, Last: 259194263, engine_type: 0, engine_id: 1, srcaddr: 3627730446, dstaddr: 167837697,
  nexthop: 167772412, input: 1, output: 5, srcport: 64723, dstport: 22, prot: 6, tos: 16, tcp_flags: 27,
  src_mask: 22, dst_mask: 24, src_as: 701, dst_as: 0,
};

/** Run `text` (checked, as one program) on record `v`; returns the Perl value and the state. */
export function run(text: string, v: RecordView | null = makeRecord(TCP_FLOW), state?: ExprState): { value: PerlValue; state: ExprState; out: string } {
  const prep = prepare([{ label: '-e', text }]);
  if (!prep.ok) throw new Error(`${text}: ${prep.errors.map((e) => e.error.message).join('; ')}`);
  let out = '';
  const S = state ?? newState((t) => { out += t; });
  const fn = instantiate(prep.programs[0]!, prep.scope, v?.layout ?? null, createRuntime(), S, false);
  const value = fn(v as RecordView);
  return { value, state: S, out };
}

/** The errors of `text` (empty when it checks). */
export function errorsOf(text: string): ExprError[] {
  const prep = prepare([{ label: '-e', text }]);
  return prep.ok ? [] : prep.errors.map((e) => e.error);
}
