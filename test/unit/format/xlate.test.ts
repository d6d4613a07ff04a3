// ftrec_xlate_func()'s translations: which pairs exist and what each copies.
import { describe, expect, it } from 'vitest';
import { layoutFor } from '../../../src/format/layouts.ts';
import { recordXlate } from '../../../src/format/xlate.ts';
import { encodeRecords } from '../../helpers/flowfile.ts';

const rec = {
  unix_secs: 1, unix_nsecs: 2, sysUpTime: 3, exaddr: 4, srcaddr: 5, dstaddr: 6, nexthop: 7, input: 8, output: 9,
  dPkts: 10, dOctets: 11, First: 12, Last: 13, srcport: 14, dstport: 15, prot: 16, tos: 17, tcp_flags: 18,
  engine_type: 19, engine_id: 20, src_mask: 21, dst_mask: 22, src_as: 23, dst_as: 24, in_encaps: 25, out_encaps: 26,
  peer_nexthop: 27, router_sc: 28, src_tag: 29, dst_tag: 30,
};

function translate(from: string, to: string): Uint8Array | undefined {
  const x = recordXlate(layoutFor(Number(from))!, layoutFor(Number(to))!);
  if (!x) return undefined;
  const src = encodeRecords([rec], from);
  const out = new DataView(new ArrayBuffer(x.to.size));
  x.translate(new DataView(src.buffer), 0, out);
  return new Uint8Array(out.buffer);
}

describe('record translation', () => {
  it('copies the listed fields and leaves the version\'s others 0', () => {
    const { in_encaps: _a, out_encaps: _b, peer_nexthop: _c, router_sc: _d, src_tag: _e, dst_tag: _f, ...routed } = rec;
    expect(translate('5', '7')).toEqual(encodeRecords([routed], '7'));
    expect(translate('6', '5')).toEqual(encodeRecords([routed], '5'));
    expect(translate('1005', '5')).toEqual(encodeRecords([routed], '5'));
    const { engine_type: _g, engine_id: _h, src_mask: _i, dst_mask: _j, src_as: _k, dst_as: _l, ...v1 } = routed;
    expect(translate('7', '1')).toEqual(encodeRecords([v1], '1'));
    // flow-tools' v1 to v5/v6/v7 loses the output interface
    const { output: _m, ...noOutput } = v1;
    expect(translate('1', '6')).toEqual(encodeRecords([noOutput], '6'));
  });

  it('has no translation where flow-tools has none (or only a wrong one)', () => {
    for (const [a, b] of [['1005', '1'], ['1005', '7'], ['1', '1005'], ['5', '5']]) expect(translate(a!, b!)).toBeUndefined();
  });
});
