/**
 * A resolved definition → JavaScript source of one record predicate for one record layout, plus
 * the lookup tables it closes over. The source is built only from validated numbers and table
 * references (E0, E1, ...), never from config text, and field reads have their offsets baked in.
 */
import type { FieldName } from '../format/fields.ts';
import type { Layout } from '../format/layouts.ts';
import { readerSource } from '../format/record.ts';
import type { Op, Primitive } from './ast.ts';
import { lenToMask } from './address.ts';
import { ClockDay, ftsecs, recordHash } from './runtime.ts';
import { bucketTable, exactExceptions, I32Set, prefixRoutes, PrefixTrie } from './lookups.ts';
import type { MatchKind } from './match-types.ts';
import type { ResolvedDefinition, ResolvedItem } from './validate.ts';

export interface Generated {
  /** body of `function (E0, E1, ...) { ... return predicate; }` */
  source: string;
  env: unknown[];
  /** one line per match item, for --dump */
  plan: string[][];
}

export interface CodegenOptions {
  /** reproducible random-sample: hash of the record and this seed instead of Math.random() */
  seed?: number;
}

const OPSRC: Record<Op, string> = { lt: '<', gt: '>', eq: '===', ne: '!==', le: '<=', ge: '>=' };

/** Below this many exceptions/routes, tests are written inline instead of through a table. */
const INLINE_MAX = 8;
/** A match line shared by several groups is remembered per flow when it costs at least this much. */
const MEMO_COST = 100;
/** Bucket tests: at most this many value runs are compared inline. */
const INLINE_RUNS = 4;

const FIELD_OF: Partial<Record<MatchKind, FieldName>> = {
  'src-as': 'src_as', 'dst-as': 'dst_as', 'src-addr': 'srcaddr', 'dst-addr': 'dstaddr', 'exporter-addr': 'exaddr',
  'nexthop-addr': 'nexthop', 'shortcut-addr': 'router_sc', 'protocol': 'prot', 'src-prefix-len': 'src_mask',
  'dst-prefix-len': 'dst_mask', 'tos': 'tos', 'marked-tos': 'marked_tos', 'tcp-flags': 'tcp_flags',
  'src-port': 'srcport', 'dst-port': 'dstport', 'input-if': 'input', 'output-if': 'output',
  'engine-id': 'engine_id', 'engine-type': 'engine_type', 'flows': 'dFlows', 'octets': 'dOctets',
  'packets': 'dPkts', 'extra-packets': 'extra_pkts', 'src-tag': 'src_tag', 'dst-tag': 'dst_tag',
};

/** A 32-bit constant as the int32 literal an int32 field read compares with. */
const i32 = (n: number): string => String(n | 0);
/** Fields compared as int32 (getInt32): no heap numbers for addresses and tags over 2^31. */
const INT32_FIELDS: ReadonlySet<FieldName> = new Set(['srcaddr', 'dstaddr', 'exaddr', 'nexthop', 'router_sc', 'src_tag', 'dst_tag']);
const num = (n: number): string => (Object.is(n, -0) ? '0' : Number.isNaN(n) ? 'NaN' : String(n));

class Gen {
  readonly env: unknown[] = [];
  readonly helpers: string[] = [];
  constructor(readonly layout: Layout, readonly opts: CodegenOptions) {}

  ref(value: unknown): string {
    this.env.push(value);
    return `E${this.env.length - 1}`;
  }

  read(f: FieldName): string {
    const src = readerSource(this.layout, f, 'dv', 'p', 'le');
    return INT32_FIELDS.has(f) ? src.replace('getUint32', 'getInt32') : src;
  }

  /** Test of `x` against a bucket table: constant, single value, one range, or a bitmap. */
  bucket(p: Primitive, x: string, size: number): { expr: string; plan: string } {
    const t = bucketTable(p, size);
    const permitted: number[] = [];
    for (let i = 0; i < size; i++) if (t[i]) permitted.push(i);
    if (permitted.length === 0) return { expr: 'false', plan: 'nothing permitted' };
    if (permitted.length === size) return { expr: 'true', plan: 'everything permitted' };
    // a few runs of permitted (or of denied) values: compare inline; otherwise index the bitmap
    const runs = (want: number): Array<[number, number]> => {
      const out: Array<[number, number]> = [];
      for (let i = 0; i < size; i++) {
        if (t[i] !== want) continue;
        const lo = i;
        while (i + 1 < size && t[i + 1] === want) i++;
        out.push([lo, i]);
      }
      return out;
    };
    const test = ([lo, hi]: [number, number]): string => (lo === hi ? `${x} === ${lo}` : `${x} - ${lo} >>> 0 <= ${hi - lo}`);
    const show = ([lo, hi]: [number, number]): string => (lo === hi ? `${lo}` : `${lo}-${hi}`);
    const yes = runs(1);
    if (yes.length <= INLINE_RUNS) return { expr: yes.map(test).join(' || '), plan: `permit ${yes.map(show).join(',')}` };
    const no = runs(0);
    if (no.length <= INLINE_RUNS) return { expr: `!(${no.map(test).join(' || ')})`, plan: `deny ${no.map(show).join(',')}` };
    return { expr: `${this.ref(t)}[${x}] !== 0`, plan: `bitmap of ${size} (${permitted.length} permitted, ${size - permitted.length} denied)` };
  }

  /** Exact values (hash): the default verdict, flipped for the exceptions. */
  exact(p: Primitive, x: string): { expr: string; plan: string } {
    const ex = exactExceptions(p);
    const pos = p.defaultMode === 'permit' ? '!' : '';
    if (ex.length === 0) return { expr: p.defaultMode === 'permit' ? 'true' : 'false', plan: `${p.defaultMode} all` };
    if (ex.length <= INLINE_MAX) {
      return { expr: `${pos}(${ex.map((v) => `${x} === ${i32(v)}`).join(' || ')})`, plan: `${ex.length} exact value(s), inline` };
    }
    return { expr: `${pos}${this.ref(new I32Set(ex))}.has(${x})`, plan: `hash set of ${ex.length} values` };
  }

  /** First-match list: (x & mask) == value. */
  masked(p: Primitive, x: string): { expr: string; plan: string } {
    const list = p.entries.flatMap((e) => (e.kind === 'masked' ? [e] : []));
    let expr = p.defaultMode === 'permit' ? 'true' : 'false';
    for (let i = list.length - 1; i >= 0; i--) {
      const e = list[i]!;
      expr = `((${x} & ${i32(e.mask)}) === ${i32(e.value)} ? ${e.mode === 'permit'} : ${expr})`;
    }
    return { expr, plan: `${list.length} masked entr${list.length === 1 ? 'y' : 'ies'}, first match` };
  }

  /** Longest-prefix match: a length-ordered mask chain when small, the radix trie otherwise. */
  prefix(p: Primitive, x: string): { expr: string; plan: string } {
    const routes = prefixRoutes(p);
    const def = p.defaultMode === 'permit';
    if (routes.length <= INLINE_MAX) {
      const seen = new Set<string>();
      const sorted = routes.filter((r) => !seen.has(`${r.addr}/${r.len}`) && seen.add(`${r.addr}/${r.len}`))
        .map((r, i) => ({ r, i })).sort((a, b) => b.r.len - a.r.len || a.i - b.i).map((o) => o.r);
      let expr = String(def);
      for (let i = sorted.length - 1; i >= 0; i--) {
        const r = sorted[i]!;
        const test = `(${x} & ${i32(lenToMask(r.len))}) === ${i32(r.addr)}`;
        expr = r.len === 0 ? String(r.permit) : `(${test} ? ${r.permit} : ${expr})`;
      }
      return { expr, plan: `${routes.length} prefix(es), longest first, inline` };
    }
    // the trie walk written out for this trie: at most four slot reads, no method call
    const trie = new PrefixTrie(routes);
    const { child, verdict, root } = trie.tables();
    const c = this.ref(child);
    const v = this.ref(verdict);
    const fn = `lpm${this.helpers.length}`;
    const level = (shift: number, last: boolean): string => `s = (n << 8) | ((a >>> ${shift}) & 255); v = ${v}[s]; if (v !== 0) b = v;`
      + (last ? '' : ` n = ${c}[s]; if (n === 0) return b;`);
    this.helpers.push(`function ${fn}(a) { let b = ${root}, s = a >>> 24, v = ${v}[s], n = ${c}[s]; if (v !== 0) b = v; if (n === 0) return b; `
      + `${level(16, false)} ${level(8, false)} ${level(0, true)} return b; }`);
    return { expr: def ? `${fn}(${x}) !== 2` : `${fn}(${x}) === 1`, plan: `radix-256 trie of ${routes.length} prefixes (${trie.size} nodes)` };
  }

  /** First-match comparison list (counter, time-date, double). */
  compare(p: Primitive, x: string): { expr: string; plan: string } {
    const list = p.entries.flatMap((e) => (e.kind === 'compare' ? [e] : []));
    let expr = p.defaultMode === 'permit' ? 'true' : 'false';
    for (let i = list.length - 1; i >= 0; i--) {
      const e = list[i]!;
      expr = `(${x} ${OPSRC[e.op]} ${num(e.value)} ? ${e.mode === 'permit'} : ${expr})`;
    }
    return { expr, plan: `${list.map((e) => `${e.mode} ${e.op} ${e.value}`).join(', ') || 'no entries'}; default ${p.defaultMode}` };
  }

  /** Start/end time in unix seconds (ftltime().secs). */
  secs(f: 'First' | 'Last'): string {
    const ft = this.ref(ftsecs);
    return `${ft}(${this.read('sysUpTime')}, ${this.read('unix_secs')}, ${this.read('unix_nsecs')}, ${this.read(f)})`;
  }

  /** One match line: statements computing its inputs and the test (true = permit), for a block of its own. */
  item(it: ResolvedItem): { pre: string; test: string; plan: string; cost: number } {
    const p = it.primitive;
    const k = it.match.kind;
    let pre = '';
    let test: string;
    let plan: string;
    const field = FIELD_OF[k];
    const ret = (r: { expr: string; plan: string }, before: string): void => { pre = before; test = r.expr; plan = r.plan; };
    switch (p.type) {
      case 'as': case 'ip-protocol': case 'ip-port': case 'ip-address-prefix-len': case 'ifindex': case 'engine': {
        const size = p.type === 'as' || p.type === 'ip-port' || p.type === 'ifindex' ? 65536 : 256;
        ret(this.bucket(p, 'x', size), `const x = ${this.read(field!)}; `);
        break;
      }
      case 'ip-tos': case 'ip-tcp-flags':
        ret(this.bucket(p, 'x', 256), `const x = ${this.read(field!)} & ${p.mask}; `);
        break;
      case 'ip-address': case 'tag':
        ret(this.exact(p, 'x'), `const x = ${this.read(field!)}; `);
        break;
      case 'ip-address-mask': case 'tag-mask':
        ret(this.masked(p, 'x'), `const x = ${this.read(field!)}; `);
        break;
      case 'ip-address-prefix':
        ret(this.prefix(p, 'x'), `const x = ${this.read(field!)}; `);
        break;
      case 'counter': case 'time-date': {
        let x: string;
        if (k === 'duration') x = `(${this.read('Last')} - ${this.read('First')}) >>> 0`;
        else if (k === 'start-time' || k === 'end-time') x = this.secs(k === 'start-time' ? 'First' : 'Last');
        else x = this.read(field!);
        ret(this.compare(p, 'x'), `const x = ${x}; `);
        break;
      }
      case 'double': {
        const top = k === 'pps' ? this.read('dPkts') : `${this.read('dOctets')} * 8`;
        const pre = `const d = (${this.read('Last')} - ${this.read('First')}) >>> 0; const x = d !== 0 ? ${top} / (d / 1000.0) : 0; `;
        ret(this.compare(p, 'x'), pre);
        break;
      }
      case 'time': {
        const clk = this.ref(new ClockDay());
        const list = p.entries.flatMap((e) => (e.kind === 'clock' ? [e] : []));
        let expr = p.defaultMode === 'permit' ? 'true' : 'false';
        for (let i = list.length - 1; i >= 0; i--) {
          const e = list[i]!;
          expr = `(t ${OPSRC[e.op]} b + ${e.hour * 3600 + e.min * 60 + e.sec} ? ${e.mode === 'permit'} : ${expr})`;
        }
        pre = `const t = ${this.secs(k === 'start-time' ? 'First' : 'Last')}; const b = ${clk}.dayStart(t); `;
        test = expr;
        plan = `${list.map((e) => `${e.mode} ${e.op} ${e.hour}:${e.min}:${e.sec}`).join(', ')}; default ${p.defaultMode} (local time)`;
        break;
      }
      case 'rate': {
        const r = p.entries.filter((e) => e.kind === 'rate').pop()!;
        const rate = Math.abs(r.rate);
        const hit = this.opts.seed === undefined
          ? `Math.floor(Math.random() * ${rate}) === 0`
          : `${this.ref(recordHash)}(dv, p, ${this.layout.size}, ${this.opts.seed >>> 0}) % ${rate} === 0`;
        test = `${r.mode === 'permit' ? '' : '!'}(${hit})`;
        plan = `1 in ${rate} ${r.mode === 'permit' ? 'passes' : 'fails'}${this.opts.seed === undefined ? '' : ` (seed ${this.opts.seed >>> 0})`}`;
        break;
      }
      default:
        throw new Error(`internal: primitive ${p.name} has no type`);
    }
    // a rough cost, to test cheap lines of an AND group first (the verdict does not depend on the order)
    const body = pre + test!;
    const cost = body.length + (/lpm\d/.test(body) ? 60 : 0) + (/\.has\(/.test(body) ? 40 : 0)
      + (k === 'start-time' || k === 'end-time' ? 100 : 0) + (p.type === 'time' ? 200 : 0) + (p.type === 'rate' ? 10000 : 0);
    return { pre, test: test!, plan: `${it.match.name} ${p.name} (${p.type}): ${plan!}`, cost };
  }
}

/** Generate the predicate source of a definition for a layout. */
export function generate(def: ResolvedDefinition, layout: Layout, opts: CodegenOptions = {}): Generated {
  const g = new Gen(layout, opts);
  const plan: string[][] = [];
  const pass = !def.invert;
  // the same match line in several groups is evaluated once per record (random-sample excepted)
  const keyOf = (it: ResolvedItem): string | undefined =>
    (it.primitive.type === 'rate' ? undefined : `${it.match.kind} ${it.primitive.name.toLowerCase()}`);
  const uses = new Map<string, number>();
  for (const it of def.groups.flat()) {
    const k = keyOf(it);
    if (k) uses.set(k, (uses.get(k) ?? 0) + 1);
  }
  const made = new Map<string, { id: number; pre: string; test: string; cost: number }>();
  const memo = new Set<number>();
  const blocks: string[] = [];
  let n = 0;
  def.groups.forEach((group, gi) => {
    const items: Array<{ id: number; pre: string; test: string; cost: number }> = [];
    const gplan: string[] = [];
    for (const it of group) {
      const k = keyOf(it);
      let m = k === undefined ? undefined : made.get(k);
      if (m === undefined) {
        const r = g.item(it);
        m = { id: n++, pre: r.pre, test: r.test, cost: r.cost };
        gplan.push(`m${m.id} ${r.plan}`);
        if (k !== undefined) made.set(k, m);
        if (k !== undefined && uses.get(k)! > 1 && m.cost >= MEMO_COST) memo.add(m.id);
      } else {
        gplan.push(`m${m.id} ${it.match.name} ${it.primitive.name}: as above${memo.has(m.id) ? ', computed once per flow' : ''}`);
      }
      items.push(m);
    }
    plan.push(gplan);
    // each line in its own block; a failing line leaves the group (labelled block), a passing group decides
    const lines = [...items].sort((a, b) => a.cost - b.cost).map((m) => (memo.has(m.id)
      ? `    if (c${m.id} === 0) { ${m.pre}c${m.id} = (${m.test}) ? 1 : 2; } if (c${m.id} !== 1) break g${gi}; // m${m.id}`
      : `    { ${m.pre}if (!(${m.test})) break g${gi}; } // m${m.id}`));
    blocks.push(`  g${gi}: {\n${lines.join('\n')}\n    return ${pass};\n  }`);
  });
  const source = [
    '"use strict";',
    ...g.helpers,
    'return function nfilter(v) {',
    '  const dv = v.dv, p = v.p, le = v.le;',
    ...(memo.size ? [`  let ${[...memo].map((i) => `c${i} = 0`).join(', ')};`] : []),
    ...blocks,
    `  return ${!pass};`,
    '};',
  ].join('\n');
  return { source, env: g.env, plan };
}
