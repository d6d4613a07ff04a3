import { describe, expect, it } from 'vitest';
import { LAYOUTS, layoutFor } from '../../../src/format/layouts.ts';
import { FIELD_DEFS } from '../../../src/format/fields.ts';

// FT_XFIELD_V*_MASK from flow-tools' lib/ftlib.h: the layout table must agree with them
const MASKS: Record<string, bigint> = {
  '1': 0x0000000000ff31efn, '5': 0x000000000fff37efn, '6': 0x000000007fff37efn, '7': 0x000000008fff37efn,
  '8.1': 0x000000000c0607ffn, '8.2': 0x00000000003807ffn, '8.3': 0x00000000050217ffn, '8.4': 0x000000000a0427ffn,
  '8.5': 0x000000000f0637ffn, '8.6': 0x00000003804427efn, '8.7': 0x00000003804637efn, '8.8': 0x00000003807e37efn,
  '8.9': 0x000000000c4607ffn, '8.10': 0x00000000007807ffn, '8.11': 0x00000000054217ffn, '8.12': 0x000000000a4427ffn,
  '8.13': 0x000000000f4637ffn, '8.14': 0x00000000037e37ffn, '1005': 0x0000000c0fff37efn,
};
const SIZES: Record<string, number> = {
  '1': 60, '5': 64, '6': 72, '7': 68, '1005': 72, '8.1': 48, '8.2': 48, '8.3': 48, '8.4': 48, '8.5': 56, '8.6': 52,
  '8.7': 56, '8.8': 64, '8.9': 48, '8.10': 48, '8.11': 48, '8.12': 48, '8.13': 60, '8.14': 60,
};

describe('record layouts', () => {
  it('cover every version flow-tools reads', () => {
    expect([...LAYOUTS.keys()].sort()).toEqual(Object.keys(MASKS).sort());
  });
  for (const [id, mask] of Object.entries(MASKS)) {
    it(`v${id}: FT_XFIELD mask fields all have offsets, size ${SIZES[id]}`, () => {
      const l = LAYOUTS.get(id)!;
      expect(l.xfields).toBe(mask);
      for (const [f, def] of Object.entries(FIELD_DEFS)) {
        if (mask & (1n << BigInt(def.xbit))) expect(l.offsets[f as keyof typeof FIELD_DEFS]).toBeGreaterThanOrEqual(0);
      }
      expect(l.size).toBe(SIZES[id]);
      // every field fits in the record and no two fields overlap
      const used = new Uint8Array(l.size);
      for (const [f, off] of Object.entries(l.offsets)) {
        if (off < 0) continue;
        const size = FIELD_DEFS[f as keyof typeof FIELD_DEFS].size;
        expect(off + size).toBeLessThanOrEqual(l.size);
        for (let i = off; i < off + size; i++) { expect(used[i]).toBe(0); used[i] = 1; }
      }
    });
  }
  it('v8.3, v8.11, v8.12 swap sysUpTime and exaddr', () => {
    for (const m of [3, 11, 12]) {
      const l = layoutFor(8, m)!;
      expect([l.offsets.exaddr, l.offsets.sysUpTime]).toEqual([8, 12]);
    }
    expect(layoutFor(8, 1)!.offsets.sysUpTime).toBe(8);
  });
  it('rejects versions flow-tools cannot read', () => {
    expect(layoutFor(99)).toBeUndefined();
    expect(layoutFor(8, 15)).toBeUndefined();
  });
});
