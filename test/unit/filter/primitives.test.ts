// One table per primitive type: config lines, a hand-built record, the verdict flow-tools gives.
import { describe, expect, it } from 'vitest';
import { compile, rec, single } from './helpers.ts';
import type { FieldName } from '../../../src/format/fields.ts';

process.env.TZ = 'UTC';

type Row = [lines: string[], match: string, fields: Partial<Record<FieldName, number>>, expected: boolean, layout?: string];

// unix seconds of 2005-07-06 16:55:00 UTC; with sysUpTime = First = 0 a flow starts at unix_secs
const T0 = 1120668900;
const at = (secs: number, extra: Partial<Record<FieldName, number>> = {}): Partial<Record<FieldName, number>> =>
  ({ unix_secs: secs, unix_nsecs: 0, sysUpTime: 0, First: 0, Last: 0, ...extra });
const ip = (s: string): number => s.split('.').reduce((a, o) => a * 256 + Number(o), 0);

const TABLES: Record<string, Row[]> = {
  'as': [
    [['permit 15169'], 'source-as', { src_as: 15169 }, true],
    [['permit 15169'], 'source-as', { src_as: 15168 }, false],
    [['permit 1-1000'], 'dst-as', { dst_as: 1000 }, true],
    [['permit 1-1000'], 'dst-as', { dst_as: 1001 }, false],
    // "!" gives the listed values the opposite mode; the rest take the default (deny)
    [['permit !7'], 'src-as', { src_as: 7 }, false],
    [['permit !7'], 'src-as', { src_as: 8 }, false],
    [['deny 7', 'default permit'], 'src-as', { src_as: 8 }, true],
    [['deny 7', 'default permit'], 'src-as', { src_as: 7 }, false],
    // flow-tools looks AS names up in tag.sym (OSU = 1)
    [['permit OSU'], 'src-as', { src_as: 1 }, true],
  ],
  'ip-address-prefix': [
    [['permit 10.0.0.0/8', 'deny 10.1.0.0/16', 'permit 10.1.2.0/24'], 'src-ip-addr', { srcaddr: ip('10.9.9.9') }, true],
    [['permit 10.0.0.0/8', 'deny 10.1.0.0/16', 'permit 10.1.2.0/24'], 'src-ip-addr', { srcaddr: ip('10.1.9.9') }, false],
    [['permit 10.0.0.0/8', 'deny 10.1.0.0/16', 'permit 10.1.2.0/24'], 'src-ip-addr', { srcaddr: ip('10.1.2.3') }, true],
    [['permit 10.0.0.0/8', 'deny 10.1.0.0/16', 'permit 10.1.2.0/24'], 'src-ip-addr', { srcaddr: ip('11.0.0.1') }, false],
    [['permit 10.1/16'], 'ip-source-address', { srcaddr: ip('10.1.200.1') }, true],
    [['permit 0.0.0.0/0'], 'dst-ip-addr', { dstaddr: ip('203.0.113.9') }, true],
    [['deny 192.168.0.0/16', 'default permit'], 'dst-ip-addr', { dstaddr: ip('192.168.4.4') }, false],
    // no "/len": the class gives it (10 is class A: /8)
    [['permit 10'], 'dst-ip-addr', { dstaddr: ip('10.200.0.1') }, true],
  ],
  'ip-address': [
    [['permit 10.1.0.8', 'permit 1.1.1.1'], 'dst-ip-addr', { dstaddr: ip('10.1.0.8') }, true],
    [['permit 10.1.0.8', 'permit 1.1.1.1'], 'dst-ip-addr', { dstaddr: ip('10.1.0.9') }, false],
    // the same address twice: the later line replaces the earlier one (hash update)
    [['permit 1.2.3.4', 'deny 1.2.3.4'], 'dst-ip-addr', { dstaddr: ip('1.2.3.4') }, false],
    [['deny 10.1.0.1', 'default permit'], 'dst-ip-addr', { dstaddr: ip('10.1.0.2') }, true],
    // a prefix here is one odd host: "0/24" reads digit by digit as 180
    [['permit 192.168.88.0/24'], 'dst-ip-addr', { dstaddr: ip('192.168.88.180') }, true],
    [['permit 192.168.88.0/24'], 'dst-ip-addr', { dstaddr: ip('192.168.88.1') }, false],
  ],
  'ip-address-mask': [
    [['deny 10.1.0.8 255.255.255.255', 'permit 10.0.0.0 255.0.0.0'], 'dst-ip-addr', { dstaddr: ip('10.1.0.8') }, false],
    [['deny 10.1.0.8 255.255.255.255', 'permit 10.0.0.0 255.0.0.0'], 'dst-ip-addr', { dstaddr: ip('10.1.0.9') }, true],
    [['deny 10.1.0.8 255.255.255.255', 'permit 10.0.0.0 255.0.0.0'], 'dst-ip-addr', { dstaddr: ip('11.0.0.0') }, false],
    // first match wins, even over a longer mask later
    [['permit 10.0.0.0 255.0.0.0', 'deny 10.1.0.8 255.255.255.255'], 'dst-ip-addr', { dstaddr: ip('10.1.0.8') }, true],
    [['permit 224.0.0.0 240.0.0.0'], 'nexthop-ip-addr', { nexthop: ip('239.1.1.1') }, true],
  ],
  'ip-protocol': [
    [['permit tcp'], 'ip-protocol', { prot: 6 }, true],
    [['permit tcp'], 'ip-protocol', { prot: 17 }, false],
    [['permit 17', 'permit icmp'], 'ip-protocol', { prot: 1 }, true],
    [['deny 6,17,1', 'default permit'], 'ip-protocol', { prot: 47 }, true],
    [['deny 6,17,1', 'default permit'], 'ip-protocol', { prot: 6 }, false],
    [['permit 40-60'], 'ip-protocol', { prot: 50 }, true],
    [['permit 40-60'], 'ip-protocol', { prot: 61 }, false],
  ],
  'ip-port': [
    [['permit 80', 'permit https', 'permit 8080,8443'], 'ip-destination-port', { dstport: 443 }, true],
    [['permit 80', 'permit https', 'permit 8080,8443'], 'dst-ip-port', { dstport: 8443 }, true],
    [['permit 80', 'permit https', 'permit 8080,8443'], 'dst-ip-port', { dstport: 22 }, false],
    // "permit !53,123" denies 53 and 123 and leaves the rest to the default: nothing passes
    [['permit !53,123'], 'dst-ip-port', { dstport: 53 }, false],
    [['permit !53,123'], 'dst-ip-port', { dstport: 80 }, false],
    [['permit 0-1023'], 'src-ip-port', { srcport: 1023 }, true],
    [['permit 0-1023'], 'ip-source-port', { srcport: 1024 }, false],
    [['deny 22', 'default permit'], 'src-ip-port', { srcport: 23 }, true],
    [['permit 0x50'], 'dst-ip-port', { dstport: 80 }, true],
  ],
  'ip-address-prefix-len': [
    [['permit 16-20'], 'dst-ip-addr-prefix-len', { dst_mask: 18 }, true],
    [['permit 16-20'], 'ip-destination-address-prefix-len', { dst_mask: 21 }, false],
    [['permit 0'], 'src-ip-addr-prefix-len', { src_mask: 0 }, true],
    [['permit 24'], 'ip-source-address-prefix-len', { src_mask: 25 }, false],
  ],
  'ip-tos': [
    [['mask 0xfc', 'permit 0xb8'], 'ip-tos', { tos: 0xb9 }, true],
    [['mask 0xfc', 'permit 0xb8'], 'ip-tos', { tos: 0xa8 }, false],
    [['deny 0x0', 'default permit'], 'ip-tos', { tos: 0x10 }, true],
    [['mask 0x03', 'permit 0x01-0x03'], 'ip-tos', { tos: 0xb2 }, true],
    [['deny 0x0', 'default permit'], 'ip-marked-tos', { marked_tos: 0 }, false, '8.6'],
  ],
  'ip-tcp-flags': [
    [['mask 0x02', 'permit 0x02'], 'ip-tcp-flags', { tcp_flags: 0x12 }, true],
    [['mask 0x02', 'permit 0x02'], 'ip-tcp-flags', { tcp_flags: 0x10 }, false],
    [['mask 0x3f', 'permit 0x02'], 'ip-tcp-flags', { tcp_flags: 0x12 }, false],
    [['mask 0x05', 'permit 0x01,0x04,0x05'], 'ip-tcp-flags', { tcp_flags: 0x04 }, true],
  ],
  'ifindex': [
    [['permit 1,2,3'], 'input-interface', { input: 2 }, true],
    [['permit 1,2,3'], 'src-ifindex', { input: 4 }, false],
    [['permit 100'], 'output-interface', { output: 100 }, true],
    [['deny 0', 'default permit'], 'dst-ifindex', { output: 0 }, false],
  ],
  'counter': [
    [['permit gt 10000'], 'octets', { dOctets: 10001 }, true],
    [['permit gt 10000'], 'octets', { dOctets: 10000 }, false],
    [['permit lt 5', 'permit gt 10', 'default deny'], 'packets', { dPkts: 4 }, true],
    [['permit lt 5', 'permit gt 10', 'default deny'], 'packets', { dPkts: 7 }, false],
    [['deny lt 100', 'deny gt 100000', 'default permit'], 'octets', { dOctets: 5000 }, true],
    [['permit eq 1'], 'packets', { dPkts: 1 }, true],
    [['permit ne 1'], 'packets', { dPkts: 1 }, false],
    [['permit le 2'], 'packets', { dPkts: 2 }, true],
    [['permit ge 100'], 'packets', { dPkts: 99 }, false],
    [['permit eq 0x10'], 'packets', { dPkts: 16 }, true],
    [['permit eq 1'], 'flows', { dFlows: 1 }, true, '8.1'],
    [['permit eq 1'], 'extra-packets', { extra_pkts: 1 }, true, '8.6'],
    // duration is Last - First in ms, u32
    [['permit ge 60000'], 'duration', { First: 1000, Last: 61000 }, true],
    [['permit ge 60000'], 'duration', { First: 1000, Last: 60999 }, false],
  ],
  'time-date': [
    [['permit gt July 6, 2005 16:57:00 GMT'], 'start-time', at(T0 + 121), true],
    [['permit gt July 6, 2005 16:57:00 GMT'], 'start-time', at(T0 + 120), false],
    [['permit lt July 6, 2005 16:58:00 GMT'], 'end-time', at(T0), true],
    [['permit ge July 6, 2005 16:56:00 GMT', 'deny ge July 6, 2005 16:59:00 GMT'], 'start-time', at(T0 + 300), true],
    // relative phrases are read against "now" (here T0)
    [['permit gt yesterday'], 'start-time', at(T0 - 3600), true],
    [['permit gt 2 hours ago'], 'start-time', at(T0 - 3 * 3600), false],
  ],
  'engine': [
    [['permit 1'], 'engine-type', { engine_type: 1 }, true],
    [['permit 1'], 'engine-type', { engine_type: 0 }, false],
    [['permit 2'], 'engine-id', { engine_id: 2 }, true],
  ],
  'tag': [
    [['permit 0x00010001', 'permit 0x00020003'], 'source-tag', { src_tag: 0x10001 }, true, '1005'],
    [['permit 0x00010001', 'permit 0x00020003'], 'src-tag', { src_tag: 0x10002 }, false, '1005'],
    [['deny 0x00FF0000', 'default permit'], 'destination-tag', { dst_tag: 0xff0000 }, false, '1005'],
    [['permit OSU'], 'dst-tag', { dst_tag: 1 }, true, '1005'],
  ],
  'tag-mask': [
    [['permit 0x00010000 0x00FF0000'], 'source-tag', { src_tag: 0x00010005 }, true, '1005'],
    [['permit 0x00010000 0x00FF0000'], 'source-tag', { src_tag: 0x00020005 }, false, '1005'],
    [['permit 0x01000000 0x03000000', 'permit 0x02000000 0x03000000'], 'dst-tag', { dst_tag: 0x02000000 }, true, '1005'],
  ],
  'time': [
    [['permit gt 16:57:00'], 'start-time', at(T0 + 121), true],
    [['permit gt 16:57:00'], 'start-time', at(T0 + 120), false],
    [['permit lt 16:58'], 'end-time', at(T0 + 179), true],
    [['permit eq 16:56:30'], 'start-time', at(T0 + 90), true],
    // first match wins: "permit ge 16:56" already covers 17:30
    [['permit ge 16:56:00', 'deny ge 16:59:00', 'default deny'], 'start-time', at(T0 + 2100), true],
    [['permit ge 16:56:00', 'deny ge 16:59:00', 'default deny'], 'start-time', at(T0 - 300), false],
  ],
  'double': [
    [['permit gt 100.0'], 'pps', { dPkts: 1000, First: 0, Last: 5000 }, true],
    [['permit gt 100.0'], 'pps', { dPkts: 1000, First: 0, Last: 20000 }, false],
    // zero duration: the rate is 0
    [['permit gt 100.0'], 'pps', { dPkts: 1000, First: 5, Last: 5 }, false],
    [['permit lt 1000.0'], 'bps', { dOctets: 100, First: 0, Last: 1000 }, true],
    [['permit ge 10000', 'permit le 5'], 'bps', { dOctets: 10000, First: 0, Last: 1000 }, true],
  ],
};

describe('primitive types: verdicts', () => {
  for (const [type, rows] of Object.entries(TABLES)) {
    it(type, () => {
      for (const [lines, match, fields, expected, layout = '5'] of rows) {
        const p = compile(single(type, lines, match), 'D', layout);
        expect({ lines, match, fields, verdict: p(rec(fields, layout)) }).toEqual({ lines, match, fields, verdict: expected });
      }
    });
  }

  it('rate: random-sample with a seed is reproducible and about 1 in N', () => {
    const permit = compile(single('rate', ['permit 10'], 'random-sample'), 'D', '5', { seed: 7 });
    const again = compile(single('rate', ['permit 10'], 'random-sample'), 'D', '5', { seed: 7 });
    const deny = compile(single('rate', ['deny 10'], 'random-sample'), 'D', '5', { seed: 7 });
    let n = 0;
    for (let i = 0; i < 10000; i++) {
      const r = rec({ srcaddr: i, dPkts: i * 7 });
      const v = permit(r);
      expect(again(r)).toBe(v);
      expect(deny(r)).toBe(!v);
      if (v) n++;
    }
    expect(n).toBeGreaterThan(800);
    expect(n).toBeLessThan(1200);
    const all = compile(single('rate', ['permit 1'], 'random-sample'), 'D');
    expect(all(rec({}))).toBe(true);
  });

  it('time reads the local clock of the flow (TZ)', () => {
    process.env.TZ = 'America/New_York';
    try {
      // 16:57:01 UTC is 12:57:01 EDT
      const p = compile(single('time', ['permit gt 12:57:00'], 'start-time'), 'D');
      expect(p(rec(at(T0 + 121)))).toBe(true);
      expect(p(rec(at(T0 + 120)))).toBe(false);
    } finally {
      process.env.TZ = 'UTC';
    }
  });

  it('big address sets use the hash and the trie with the same verdicts', () => {
    const hosts = Array.from({ length: 50 }, (_, i) => `10.${i}.${i * 3 % 256}.${i + 1}`);
    const p = compile(single('ip-address', hosts.map((h) => `permit ${h}`), 'src-ip-addr'), 'D');
    for (const h of hosts) expect(p(rec({ srcaddr: ip(h) }))).toBe(true);
    expect(p(rec({ srcaddr: ip('10.0.0.2') }))).toBe(false);
    const prefixes: Array<[string, boolean]> = [];
    for (let i = 0; i < 40; i++) prefixes.push([`${10 + (i % 3)}.${i}.0.0/${16 + (i % 9)}`, i % 2 === 0]);
    prefixes.push(['10.0.0.0/8', false], ['11.0.0.0/8', true]);
    const t = compile(single('ip-address-prefix', prefixes.map(([s, ok]) => `${ok ? 'permit' : 'deny'} ${s}`), 'dst-ip-addr'), 'D');
    // brute-force longest match
    const routes = prefixes.map(([s, ok]) => {
      const [a, l] = s.split('/');
      const len = Number(l);
      const mask = len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0;
      return { net: (ip(a!) & mask) >>> 0, mask, len, ok };
    });
    for (let k = 0; k < 3000; k++) {
      const a = ((10 + (k % 3)) * 2 ** 24 + ((k * 7919) % 50) * 65536 + ((k * 104729) % 65536)) >>> 0;
      let best: { len: number; ok: boolean } | undefined;
      for (const r of routes) if (((a & r.mask) >>> 0) === r.net && (!best || r.len > best.len)) best = r;
      expect(t(rec({ dstaddr: a }))).toBe(best ? best.ok : false);
    }
  });
});
