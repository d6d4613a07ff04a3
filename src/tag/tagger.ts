/**
 * A tag-definition compiled for the records (fttag_def_eval()): for each term in order, a flow
 * that passes the term's input-filter, output-filter and exporter runs the term's actions in
 * order. An action looks its key up (two-sided types: the source side, then the destination side)
 * and a matching entry sets or ORs the destination tag, then the source tag. The tags start as the
 * record has them (0 for a record translated to v1005; the input's for v1005 input).
 */
import { layoutFor } from '../format/layouts.ts';
import { OR_DST, OR_SRC, prefixOf, SET_DST, SET_SRC, storageOf, tableSize, type TagAction, type TagConfig, type TagDefinition, type TagEntry } from './types.ts';

/** The fields of a v1005 record a tag-definition reads, and the two it writes. */
export interface TagFlow {
  exaddr: number; srcaddr: number; dstaddr: number; nexthop: number;
  input: number; output: number; srcport: number; dstport: number;
  prot: number; tos: number; src_as: number; dst_as: number;
  src_tag: number; dst_tag: number;
}

export const emptyFlow = (): TagFlow => ({
  exaddr: 0, srcaddr: 0, dstaddr: 0, nexthop: 0, input: 0, output: 0, srcport: 0, dstport: 0,
  prot: 0, tos: 0, src_as: 0, dst_as: 0, src_tag: 0, dst_tag: 0,
});

function apply(e: TagEntry, f: TagFlow): void {
  const flags = e.flags;
  if (flags & SET_DST) f.dst_tag = e.dst;
  else if (flags & OR_DST) f.dst_tag = (f.dst_tag | e.dst) >>> 0;
  if (flags & SET_SRC) f.src_tag = e.src;
  else if (flags & OR_SRC) f.src_tag = (f.src_tag | e.src) >>> 0;
}

type Key = (f: TagFlow) => number;
type Step = (f: TagFlow) => void;

/** The flow field(s) each type looks up, in order, and the protocol a port type needs. */
const KEYS: Readonly<Record<string, { keys: Key[]; prot?: number }>> = {
  'src-prefix': { keys: [(f) => f.srcaddr] }, 'dst-prefix': { keys: [(f) => f.dstaddr] },
  'prefix': { keys: [(f) => f.srcaddr, (f) => f.dstaddr] },
  'src-as': { keys: [(f) => f.src_as] }, 'dst-as': { keys: [(f) => f.dst_as] },
  'as': { keys: [(f) => f.src_as, (f) => f.dst_as] },
  'tcp-src-port': { keys: [(f) => f.srcport], prot: 6 }, 'tcp-dst-port': { keys: [(f) => f.dstport], prot: 6 },
  'tcp-port': { keys: [(f) => f.srcport, (f) => f.dstport], prot: 6 },
  'udp-src-port': { keys: [(f) => f.srcport], prot: 17 }, 'udp-dst-port': { keys: [(f) => f.dstport], prot: 17 },
  'udp-port': { keys: [(f) => f.srcport, (f) => f.dstport], prot: 17 },
  'tos': { keys: [(f) => f.tos] }, 'any': { keys: [() => 0] },
  'next-hop': { keys: [(f) => f.nexthop] }, 'exporter': { keys: [(f) => f.exaddr] },
  'src-ip': { keys: [(f) => f.srcaddr] }, 'dst-ip': { keys: [(f) => f.dstaddr] },
  'ip': { keys: [(f) => f.srcaddr, (f) => f.dstaddr] },
  'input-interface': { keys: [(f) => f.input] }, 'output-interface': { keys: [(f) => f.output] },
  'interface': { keys: [(f) => f.input, (f) => f.output] },
};

/** Longest-prefix match over the action's prefixes: one exact map per length, longest first. */
function prefixLookup(a: TagAction): (addr: number) => TagEntry | undefined {
  const byLen = new Map<number, Map<number, TagEntry>>();
  for (const [key, e] of a.entries) {
    const { addr, len } = prefixOf(key);
    let m = byLen.get(len);
    if (!m) byLen.set(len, (m = new Map()));
    m.set(addr, e);
  }
  const lens = [...byLen.keys()].sort((x, y) => y - x);
  const masks = lens.map((l) => (l === 0 ? 0 : (0xffffffff << (32 - l)) >>> 0));
  const maps = lens.map((l) => byLen.get(l)!);
  return (addr) => {
    for (let i = 0; i < maps.length; i++) {
      const e = maps[i]!.get((addr & masks[i]!) >>> 0);
      if (e) return e;
    }
    return undefined;
  };
}

/** The lookup of an action: a flow key to its entry. */
function lookupOf(a: TagAction): (key: number) => TagEntry | undefined {
  switch (storageOf(a.type!)) {
    case 'prefix': return prefixLookup(a);
    case 'number': {
      const table: Array<TagEntry | undefined> = new Array(tableSize(a.type!));
      for (const [k, e] of a.entries) table[k] = e;
      return (k) => table[k];
    }
    default: return (k) => a.entries.get(k);
  }
}

function compileAction(a: TagAction): Step {
  const { keys, prot } = KEYS[a.type!]!;
  const look = lookupOf(a);
  const sides = keys.map((key): Step => (f) => {
    const e = look(key(f));
    if (e) apply(e, f);
  });
  const run: Step = sides.length === 1 ? sides[0]! : (f) => { for (const s of sides) s(f); };
  return prot === undefined ? run : (f) => { if (f.prot === prot) run(f); };
}

interface CompiledTerm {
  input?: Uint8Array;
  output?: Uint8Array;
  exporter?: number;
  actions: Step[];
}

const V1005 = layoutFor(1005)!;
const O = V1005.offsets;

export class Tagger {
  private readonly terms: CompiledTerm[];
  private readonly flow = emptyFlow();

  constructor(config: TagConfig, def: TagDefinition) {
    const byName = new Map(config.actions.map((a) => [a.name.toLowerCase(), a]));
    const compiled = new Map<TagAction, Step>();
    const step = (a: TagAction): Step => {
      let s = compiled.get(a);
      if (!s) compiled.set(a, (s = compileAction(a)));
      return s;
    };
    this.terms = def.terms.map((t) => ({
      input: t.input, output: t.output, exporter: t.exporter,
      actions: t.actions.map((r) => step(byName.get(r.name.toLowerCase())!)),
    }));
  }

  /** Tag one flow in place (its src_tag and dst_tag). */
  tag(f: TagFlow): void {
    for (const t of this.terms) {
      if (t.input && !t.input[f.input]) continue;
      if (t.output && !t.output[f.output]) continue;
      if (t.exporter !== undefined && t.exporter !== f.exaddr) continue;
      for (const a of t.actions) a(f);
    }
  }

  /** Tag the v1005 record at `at` of `dv` (byte order `le`) in place. */
  tagRecord(dv: DataView, at: number, le: boolean): void {
    const f = this.flow;
    f.exaddr = dv.getUint32(at + O.exaddr, le);
    f.srcaddr = dv.getUint32(at + O.srcaddr, le);
    f.dstaddr = dv.getUint32(at + O.dstaddr, le);
    f.nexthop = dv.getUint32(at + O.nexthop, le);
    f.input = dv.getUint16(at + O.input, le);
    f.output = dv.getUint16(at + O.output, le);
    f.srcport = dv.getUint16(at + O.srcport, le);
    f.dstport = dv.getUint16(at + O.dstport, le);
    f.prot = dv.getUint8(at + O.prot);
    f.tos = dv.getUint8(at + O.tos);
    f.src_as = dv.getUint16(at + O.src_as, le);
    f.dst_as = dv.getUint16(at + O.dst_as, le);
    f.src_tag = dv.getUint32(at + O.src_tag, le);
    f.dst_tag = dv.getUint32(at + O.dst_tag, le);
    this.tag(f);
    dv.setUint32(at + O.src_tag, f.src_tag, le);
    dv.setUint32(at + O.dst_tag, f.dst_tag, le);
  }
}
