// One row per match type: its long and short names read the same field, and only that field.
import { describe, expect, it } from 'vitest';
import { compile, rec, single } from './helpers.ts';
import type { FieldName } from '../../../src/format/fields.ts';
import { MATCH_NAMES, matchType } from '../../../src/filter/match-types.ts';

process.env.TZ = 'UTC';

type F = Partial<Record<FieldName, number>>;
type Row = [names: string[], type: string, lines: string[], layout: string, pass: F, fail: F];

const T = 1120668900;
const times = (secs: number): F => ({ unix_secs: secs, unix_nsecs: 0, sysUpTime: 0, First: 0, Last: 0 });

const ROWS: Row[] = [
  [['source-as', 'src-as'], 'as', ['permit 5'], '5', { src_as: 5 }, { src_as: 6, dst_as: 5 }],
  [['destination-as', 'dst-as'], 'as', ['permit 5'], '5', { dst_as: 5 }, { dst_as: 6, src_as: 5 }],
  [['ip-source-address', 'src-ip-addr'], 'ip-address', ['permit 1.2.3.4'], '5', { srcaddr: 0x01020304 }, { dstaddr: 0x01020304 }],
  [['ip-destination-address', 'dst-ip-addr'], 'ip-address', ['permit 1.2.3.4'], '5', { dstaddr: 0x01020304 }, { srcaddr: 0x01020304 }],
  [['ip-exporter-address', 'exporter-ip-addr'], 'ip-address-mask', ['permit 1.2.0.0 255.255.0.0'], '5', { exaddr: 0x01020304 }, { nexthop: 0x01020304 }],
  [['ip-nexthop-address', 'nexthop-ip-addr'], 'ip-address-prefix', ['permit 1.2.0.0/16'], '5', { nexthop: 0x01020304 }, { exaddr: 0x01020304 }],
  [['ip-shortcut-address', 'shortcut-ip-addr'], 'ip-address', ['permit 1.2.3.4'], '7', { router_sc: 0x01020304 }, { nexthop: 0x01020304 }],
  [['ip-protocol'], 'ip-protocol', ['permit 6'], '5', { prot: 6 }, { prot: 17, tos: 6 }],
  [['ip-source-address-prefix-len', 'src-ip-addr-prefix-len'], 'ip-address-prefix-len', ['permit 24'], '5', { src_mask: 24 }, { dst_mask: 24 }],
  [['ip-destination-address-prefix-len', 'dst-ip-addr-prefix-len'], 'ip-address-prefix-len', ['permit 24'], '5', { dst_mask: 24 }, { src_mask: 24 }],
  [['ip-tos'], 'ip-tos', ['permit 8'], '5', { tos: 8 }, { tcp_flags: 8 }],
  [['ip-marked-tos'], 'ip-tos', ['permit 8'], '8.6', { marked_tos: 8 }, { tos: 8 }],
  [['ip-tcp-flags'], 'ip-tcp-flags', ['permit 2'], '5', { tcp_flags: 2 }, { tos: 2 }],
  [['ip-source-port', 'src-ip-port'], 'ip-port', ['permit 80'], '5', { srcport: 80 }, { dstport: 80 }],
  [['ip-destination-port', 'dst-ip-port'], 'ip-port', ['permit 80'], '5', { dstport: 80 }, { srcport: 80 }],
  [['input-interface', 'src-ifindex'], 'ifindex', ['permit 3'], '5', { input: 3 }, { output: 3 }],
  [['output-interface', 'dst-ifindex'], 'ifindex', ['permit 3'], '5', { output: 3 }, { input: 3 }],
  [['engine-id'], 'engine', ['permit 2'], '5', { engine_id: 2 }, { engine_type: 2 }],
  [['engine-type'], 'engine', ['permit 2'], '5', { engine_type: 2 }, { engine_id: 2 }],
  [['flows'], 'counter', ['permit eq 3'], '8.1', { dFlows: 3 }, { dPkts: 3 }],
  [['octets'], 'counter', ['permit eq 3'], '5', { dOctets: 3 }, { dPkts: 3 }],
  [['packets'], 'counter', ['permit eq 3'], '5', { dPkts: 3 }, { dOctets: 3 }],
  [['extra-packets'], 'counter', ['permit eq 3'], '8.6', { extra_pkts: 3 }, { dPkts: 3 }],
  [['duration'], 'counter', ['permit eq 3'], '5', { First: 10, Last: 13 }, { First: 10, Last: 14 }],
  [['start-time'], 'time-date', ['permit eq July 6, 2005 16:55:00 GMT'], '5', times(T), { ...times(T), First: 1000, Last: 0 }],
  [['end-time'], 'time-date', ['permit eq July 6, 2005 16:55:01 GMT'], '5', { ...times(T), Last: 1000 }, { ...times(T), First: 1000 }],
  [['source-tag', 'src-tag'], 'tag', ['permit 9'], '1005', { src_tag: 9 }, { dst_tag: 9 }],
  [['destination-tag', 'dst-tag'], 'tag', ['permit 9'], '1005', { dst_tag: 9 }, { src_tag: 9 }],
  [['pps'], 'double', ['permit eq 2'], '5', { dPkts: 2, First: 0, Last: 1000 }, { dOctets: 2, First: 0, Last: 1000 }],
  [['bps'], 'double', ['permit eq 16'], '5', { dOctets: 2, First: 0, Last: 1000 }, { dPkts: 2, First: 0, Last: 1000 }],
  [['random-sample'], 'rate', ['permit 1'], '5', {}, {}],
];

describe('match types', () => {
  it('every name in the table is tested', () => {
    const tested = new Set(ROWS.flatMap((r) => r[0]));
    expect(MATCH_NAMES.filter((n) => !tested.has(n))).toEqual([]);
  });

  for (const [names, type, lines, layout, pass, fail] of ROWS) {
    it(names.join(' / '), () => {
      for (const name of [...names, names[0]!.toUpperCase()]) {
        const p = compile(single(type, lines, name), 'D', layout);
        expect(p(rec(pass, layout))).toBe(true);
        if (type !== 'rate') expect(p(rec(fail, layout))).toBe(false);
      }
      expect(matchType(names[names.length - 1]!)!.name).toBe(names[0]);
    });
  }
});

describe('definitions', () => {
  const cfg = `
filter-primitive tcp
  type ip-protocol
  permit tcp
filter-primitive web
  type ip-port
  permit 80,443
filter-primitive one
  type counter
  permit eq 1
filter-definition and
  match ip-protocol tcp
  match dst-ip-port web
filter-definition or
  match ip-protocol tcp
  or
  match dst-ip-port web
filter-definition inv
  match ip-protocol TCP
  match dst-ip-port web
  invert
filter-definition inv-first
  invert
  match packets one
filter-definition empty
filter-definition empty-inv
  invert
filter-definition or-or
  or
  or
  match packets one
  or
`;
  const r = (prot: number, dstport: number, dPkts = 5) => rec({ prot, dstport, dPkts });
  it('AND within a group, OR across groups, invert anywhere, empty definitions', () => {
    const and = compile(cfg, 'and');
    expect([and(r(6, 80)), and(r(6, 22)), and(r(17, 80))]).toEqual([true, false, false]);
    const or = compile(cfg, 'OR');
    expect([or(r(6, 22)), or(r(17, 443)), or(r(17, 22))]).toEqual([true, true, false]);
    const inv = compile(cfg, 'inv');
    expect([inv(r(6, 80)), inv(r(6, 22))]).toEqual([false, true]);
    const invFirst = compile(cfg, 'inv-first');
    expect([invFirst(r(6, 80, 1)), invFirst(r(6, 80, 2))]).toEqual([false, true]);
    expect(compile(cfg, 'empty')(r(6, 80))).toBe(false);
    expect(compile(cfg, 'empty-inv')(r(6, 80))).toBe(true);
    const orOr = compile(cfg, 'or-or');
    expect([orOr(r(6, 80, 1)), orOr(r(6, 80, 2))]).toEqual([true, false]);
  });
});
