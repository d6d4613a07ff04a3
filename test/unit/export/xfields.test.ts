import { describe, expect, it } from 'vitest';
import { cflowdMaskFromFields } from '../../../src/export/cflowd.ts';
import { csvHeaderNames, csvValueOrder, MaskError, maskFields, parseMask, strtoull } from '../../../src/export/xfields.ts';
import { layoutFor } from '../../../src/format/layouts.ts';

describe('flow-export -m masks', () => {
  it('numbers in any C base, as strtoull reads them', () => {
    expect(strtoull('0x0000000000003fff')).toBe(0x3fffn);
    expect(strtoull('0X1f')).toBe(0x1fn);
    expect(strtoull('017')).toBe(0o17n);
    expect(strtoull('078')).toBe(7n); // stops at the first non-octal digit
    expect(strtoull('  42junk')).toBe(42n);
    expect(strtoull('0x')).toBe(0n);
    expect(strtoull('-1')).toBe((1n << 64n) - 1n);
    expect(strtoull('0x1ffffffffffffffff')).toBe((1n << 64n) - 1n);
  });

  it('a mask starting with a letter is a list of names, any case', () => {
    expect(parseMask('srcaddr,DSTADDR,dstport')).toEqual({ mask: 0x1000n | 0x2000n | 0x100000n, byName: true });
    expect(parseMask('0x3000')).toEqual({ mask: 0x3000n, byName: false });
  });

  it('names must be known, given once and in output order', () => {
    expect(() => parseMask('srcaddr,bogus')).toThrow(new MaskError('Unrecognized field: bogus'));
    expect(() => parseMask('srcaddr,srcaddr')).toThrow(new MaskError('Duplicate field: srcaddr'));
    expect(() => parseMask('dstaddr,srcaddr')).toThrow(new MaskError('Out of order field: srcaddr'));
    // flow-tools compares the new bit with the whole mask so far
    expect(() => parseMask('srcaddr,dstaddr,doctets')).toThrow(new MaskError('Out of order field: doctets'));
  });

  it('the fields of a mask come in FT_XFIELD bit order', () => {
    expect(maskFields(0x3fffn)).toEqual(['unix_secs', 'unix_nsecs', 'sysUpTime', 'exaddr', 'dFlows', 'dPkts', 'dOctets',
      'First', 'Last', 'engine_type', 'engine_id', 'srcaddr', 'dstaddr']);
  });

  it('CSV columns: v5 intersected with the mask; tags of v1005; the v8.6 quirks', () => {
    const v5 = layoutFor(5)!;
    expect(csvHeaderNames(0x3fffn & v5.xfields).join(',')).toBe(
      'unix_secs,unix_nsecs,sysuptime,exaddr,dpkts,doctets,first,last,engine_type,engine_id,srcaddr,dstaddr');
    expect(csvHeaderNames(layoutFor(1005)!.xfields).slice(-3)).toEqual(['dst_as', 'src_tag', 'dst_tag']);
    const v86 = layoutFor(8, 6)!.xfields;
    expect(csvHeaderNames(v86).slice(-3)).toEqual(['router_sc', 'extra_pkts', 'marked_tos']);
    expect(csvValueOrder(v86).slice(-3)).toEqual(['router_sc', 'marked_tos', 'extra_pkts']);
    expect(csvHeaderNames(layoutFor(6)!.xfields)).toContain('nexthop');
    expect(csvHeaderNames(layoutFor(6)!.xfields).filter((n) => n === 'nexthop')).toHaveLength(2);
  });

  it('names convert to cflowd bits; times never do (flow-tools clears nexthop instead of first/last)', () => {
    expect(cflowdMaskFromFields(parseMask('exaddr,srcaddr,dstaddr').mask)).toBe(0x7);
    expect(() => cflowdMaskFromFields(parseMask('unix_secs,unix_nsecs,sysuptime,first').mask))
      .toThrow(new MaskError('xfields contains fields after conversion to cflow mask 0x80'));
  });
});
