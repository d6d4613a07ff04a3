/**
 * flow-gen's deterministic test records (src/flow-gen.c), one recipe per export version: a zeroed
 * record with a few fields preset, dPkts and dOctets (and dFlows by 2 for v8 aggregates) raised
 * before each record is written, and a list of fields raised by one after it. Every field wraps at
 * its C width. Records are encoded straight into the output byte order.
 */
import { FIELD_DEFS, type FieldName } from '../format/fields.ts';
import type { Layout } from '../format/layouts.ts';

interface Recipe {
  preset: ReadonlyArray<readonly [FieldName, number]>;
  /** dFlows += 2 before each record (v8 aggregates other than the Catalyst ones) */
  flows: boolean;
  /** raised by one after each record, in flow-gen's order (a field may appear twice) */
  after: readonly FieldName[];
}

const HI_ADDR = 0xffff0000;
const HI_16 = 0xff00;
const PLAIN: readonly FieldName[] = ['srcaddr', 'dstaddr', 'srcport', 'dstport', 'input', 'output', 'First', 'Last'];
const V5_PRESET: ReadonlyArray<readonly [FieldName, number]> = [
  ['dstaddr', HI_ADDR], ['dstport', HI_16], ['output', HI_16], ['Last', HI_ADDR], ['dst_as', HI_16], ['prot', 17],
];
const AS_AGG: Recipe = { preset: [['output', HI_16], ['Last', HI_ADDR], ['dst_as', HI_16]], flows: true,
  after: ['input', 'output', 'First', 'Last', 'src_as', 'dst_as'] };
const PORT_AGG: Recipe = { preset: [['Last', HI_ADDR], ['dstport', HI_16]], flows: true, after: ['First', 'Last', 'srcport', 'dstport'] };
const SRC_PREFIX: readonly FieldName[] = ['First', 'Last', 'srcaddr', 'src_mask', 'src_as', 'input'];
const DST_PREFIX: readonly FieldName[] = ['First', 'Last', 'dstaddr', 'dst_mask', 'dst_as', 'output'];
const BOTH_PRESET: ReadonlyArray<readonly [FieldName, number]> = [['Last', HI_ADDR], ['dstaddr', HI_ADDR], ['dst_as', HI_16], ['output', HI_16]];
const BOTH_AFTER: readonly FieldName[] = [...SRC_PREFIX, 'dstaddr', 'dst_mask', 'dst_as', 'output'];
const CAT_PRESET: ReadonlyArray<readonly [FieldName, number]> = [['Last', HI_ADDR], ['dstaddr', HI_ADDR], ['output', HI_16], ['marked_tos', 0xff]];
const CAT_TAIL: readonly FieldName[] = ['tos', 'marked_tos', 'router_sc', 'extra_pkts', 'router_sc'];

const RECIPES: Readonly<Record<string, Recipe>> = {
  '1': { preset: [['dstaddr', HI_ADDR], ['dstport', HI_16], ['output', HI_16], ['Last', HI_ADDR], ['prot', 17]], flows: false, after: PLAIN },
  '5': { preset: V5_PRESET, flows: false, after: [...PLAIN, 'src_as', 'dst_as', 'tos'] },
  '6': { preset: [...V5_PRESET, ['out_encaps', 0x80]], flows: false,
    after: [...PLAIN, 'src_as', 'dst_as', 'peer_nexthop', 'in_encaps', 'out_encaps'] },
  '7': { preset: V5_PRESET, flows: false, after: [...PLAIN, 'src_as', 'dst_as', 'router_sc'] },
  '1005': { preset: [['dstaddr', 0x8092c500], ['dstport', HI_16], ['output', HI_16], ['Last', HI_ADDR], ['dst_as', HI_16],
    ['prot', 17], ['dst_tag', 0xff], ['nexthop', 0x8092c500]], flows: false,
  after: [...PLAIN, 'src_as', 'dst_as', 'src_tag', 'dst_tag', 'tos', 'nexthop'] },
  '8.1': AS_AGG,
  '8.2': PORT_AGG,
  '8.3': { preset: [['Last', HI_ADDR]], flows: true, after: SRC_PREFIX },
  '8.4': { preset: [['Last', HI_ADDR]], flows: true, after: DST_PREFIX },
  '8.5': { preset: BOTH_PRESET, flows: true, after: BOTH_AFTER },
  '8.6': { preset: CAT_PRESET, flows: false, after: ['First', 'Last', 'dstaddr', 'output', ...CAT_TAIL] },
  '8.7': { preset: CAT_PRESET, flows: false, after: ['First', 'Last', 'dstaddr', 'srcaddr', 'output', 'input', ...CAT_TAIL] },
  '8.8': { preset: CAT_PRESET, flows: false,
    after: ['First', 'Last', 'dstaddr', 'srcaddr', 'output', 'input', 'dstport', 'srcport', 'prot', ...CAT_TAIL] },
  '8.9': { ...AS_AGG, after: [...AS_AGG.after, 'tos'] },
  '8.10': { ...PORT_AGG, after: [...PORT_AGG.after, 'tos'] },
  '8.11': { preset: [['Last', HI_ADDR]], flows: true, after: [...SRC_PREFIX, 'tos'] },
  '8.12': { preset: [['Last', HI_ADDR]], flows: true, after: [...DST_PREFIX, 'tos'] },
  '8.13': { preset: BOTH_PRESET, flows: true, after: [...BOTH_AFTER, 'tos'] },
  '8.14': { preset: [['Last', HI_ADDR], ['dstaddr', HI_ADDR], ['output', HI_16], ['dstport', HI_16]], flows: true,
    after: ['First', 'Last', 'srcport', 'dstport', 'srcaddr', 'src_mask', 'input', 'dstaddr', 'dst_mask', 'output', 'tos', 'prot'] },
};

/** Does flow-gen have a generator for this layout? */
export function hasTestPattern(layout: Layout): boolean {
  return layout.id in RECIPES;
}

/** Produces flow-gen's records in order, a batch at a time. */
export class TestPattern {
  private readonly values: Float64Array;
  private readonly modulus: Float64Array;
  private readonly fieldOffsets: Int32Array;
  private readonly fieldSizes: Int32Array;
  private readonly after: Int32Array;
  private readonly pkts: number;
  private readonly octets: number;
  private readonly flows: number;

  constructor(readonly layout: Layout) {
    const recipe = RECIPES[layout.id];
    if (!recipe) throw new Error(`flow-gen has no records for version ${layout.id}`);
    const names = (Object.keys(FIELD_DEFS) as FieldName[]).filter((f) => layout.offsets[f] >= 0);
    const index = (f: FieldName): number => names.indexOf(f);
    this.values = new Float64Array(names.length);
    this.modulus = Float64Array.from(names.map((f) => 2 ** (8 * FIELD_DEFS[f].size)));
    this.fieldOffsets = Int32Array.from(names.map((f) => layout.offsets[f]));
    this.fieldSizes = Int32Array.from(names.map((f) => FIELD_DEFS[f].size));
    for (const [f, v] of recipe.preset) this.values[index(f)] = v;
    this.after = Int32Array.from(recipe.after.map(index));
    this.pkts = index('dPkts');
    this.octets = index('dOctets');
    this.flows = recipe.flows ? index('dFlows') : -1;
  }

  private bump(i: number, by: number): void {
    const m = this.modulus[i]!;
    this.values[i] = (this.values[i]! + by) % m;
  }

  /** Encode the next `n` records into `out` (zeroed, n * layout.size bytes). */
  fill(out: Uint8Array, n: number, littleEndian: boolean): void {
    const dv = new DataView(out.buffer, out.byteOffset, out.byteLength);
    const size = this.layout.size;
    const nf = this.values.length;
    for (let r = 0; r < n; r++) {
      this.bump(this.pkts, 1);
      this.bump(this.octets, 1);
      if (this.flows >= 0) this.bump(this.flows, 2);
      const base = r * size;
      for (let i = 0; i < nf; i++) {
        const v = this.values[i]!;
        if (v === 0) continue;
        const o = base + this.fieldOffsets[i]!;
        const s = this.fieldSizes[i]!;
        if (s === 4) dv.setUint32(o, v, littleEndian); else if (s === 2) dv.setUint16(o, v, littleEndian); else dv.setUint8(o, v);
      }
      for (let i = 0; i < this.after.length; i++) this.bump(this.after[i]!, 1);
    }
  }
}
