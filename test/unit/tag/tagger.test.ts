// fttag_def_eval() on hand-built flows: the tags each action type sets, with the expected values
// worked out from fttag.c's rules (not from this implementation): per entry the destination tag
// then the source tag, a set replacing and an OR adding; two-sided types look up the source side
// then the destination side; ports only for their protocol; terms and actions in file order.
import { describe, expect, it } from 'vitest';
import { parseTagConfig } from '../../../src/tag/parser.ts';
import { emptyFlow, Tagger, type TagFlow } from '../../../src/tag/tagger.ts';
import { layoutFor } from '../../../src/format/layouts.ts';

const ip = (s: string): number => s.split('.').reduce((a, o) => a * 256 + Number(o), 0);

function tagger(text: string, def = 'D'): Tagger {
  const r = parseTagConfig(text, { hosts: () => undefined });
  if (r.failed) throw new Error(r.diagnostics.map((d) => d.message).join('\n'));
  return new Tagger(r.config, r.config.definitions.find((d) => d.name === def)!);
}

/** One action of `type` with `matches`, run by a one-term definition. */
const single = (type: string, ...matches: string[]): Tagger =>
  tagger(`tag-action A\n type ${type}\n${matches.map((m) => ` match ${m}\n`).join('')}tag-definition D\n term\n  action A\n`);

/** The [src_tag, dst_tag] a tagger leaves on a flow. */
function tags(t: Tagger, fields: Partial<TagFlow>): [number, number] {
  const f = { ...emptyFlow(), ...fields };
  t.tag(f);
  return [f.src_tag, f.dst_tag];
}

describe('action types', () => {
  it('prefixes: longest match, 0/0 the default, unmatched flows untouched', () => {
    const t = single('src-prefix', '10/8 set-src 1', '10.1/16 set-src 2', '10.1.2.0/24 set-dst 3', '0/0 set-src 9');
    expect(tags(t, { srcaddr: ip('10.1.2.3') })).toEqual([0, 3]); // the /24 carries only a destination tag
    expect(tags(t, { srcaddr: ip('10.1.3.3') })).toEqual([2, 0]);
    expect(tags(t, { srcaddr: ip('10.200.0.1') })).toEqual([1, 0]);
    expect(tags(t, { srcaddr: ip('11.0.0.1'), dstaddr: ip('10.1.2.3') })).toEqual([9, 0]);
    const d = single('destination-prefix', '192.168/16 set-dst 5');
    expect(tags(d, { srcaddr: ip('192.168.1.1'), dstaddr: ip('8.8.8.8') })).toEqual([0, 0]);
    expect(tags(d, { dstaddr: ip('192.168.1.1'), src_tag: 7, dst_tag: 7 })).toEqual([7, 5]);
  });

  it('prefix (both sides): the source address first, then the destination address, same table', () => {
    const t = single('prefix', '10/8 set-src 1', '192.168/16 set-src 2', '172.16/12 or-dst 0x100', '10.1/16 or-dst 0x200');
    // source 10.x sets 1; destination 192.168.x then sets 2 over it
    expect(tags(t, { srcaddr: ip('10.0.0.1'), dstaddr: ip('192.168.0.1') })).toEqual([2, 0]);
    expect(tags(t, { srcaddr: ip('192.168.0.1'), dstaddr: ip('10.0.0.1') })).toEqual([1, 0]);
    // ORs from both sides add up; 10.1/16, the longest match, hides 10/8 and its set-src
    expect(tags(t, { srcaddr: ip('172.16.0.1'), dstaddr: ip('10.1.0.1'), dst_tag: 1 })).toEqual([0, 0x301]);
  });

  it('AS: source, destination, both (source side first)', () => {
    expect(tags(single('src-as', '100 set-src 1', '200 set-dst 2'), { src_as: 100, dst_as: 200 })).toEqual([1, 0]);
    expect(tags(single('dst-as', '100 set-src 1', '200 set-dst 2'), { src_as: 100, dst_as: 200 })).toEqual([0, 2]);
    expect(tags(single('as', '100 set-dst 1', '200 set-dst 2'), { src_as: 100, dst_as: 200 })).toEqual([0, 2]);
    expect(tags(single('as', '100 set-dst 1', '200 set-dst 2'), { src_as: 200, dst_as: 100 })).toEqual([0, 1]);
    expect(tags(single('as', '100 or-src 1', '200 or-src 4'), { src_as: 100, dst_as: 200 })).toEqual([5, 0]);
  });

  it('TCP and UDP ports: only flows of that protocol', () => {
    const tcp = single('tcp-dst-port', '80 set-dst 0x80');
    expect(tags(tcp, { prot: 6, dstport: 80 })).toEqual([0, 0x80]);
    expect(tags(tcp, { prot: 17, dstport: 80 })).toEqual([0, 0]);
    expect(tags(tcp, { prot: 6, srcport: 80 })).toEqual([0, 0]);
    expect(tags(single('tcp-src-port', '22 set-src 1'), { prot: 6, srcport: 22 })).toEqual([1, 0]);
    expect(tags(single('tcp-port', '22 or-src 1', '80 or-src 2'), { prot: 6, srcport: 22, dstport: 80 })).toEqual([3, 0]);
    const udp = single('udp-src-port', '53 set-src 0x35');
    expect(tags(udp, { prot: 17, srcport: 53 })).toEqual([0x35, 0]);
    expect(tags(udp, { prot: 6, srcport: 53 })).toEqual([0, 0]);
    expect(tags(single('udp-dst-port', '53 set-dst 1'), { prot: 17, dstport: 53 })).toEqual([0, 1]);
    expect(tags(single('udp-port', '53 set-dst 1', '123 set-dst 2'), { prot: 17, srcport: 123, dstport: 53 })).toEqual([0, 1]);
  });

  it('ToS, next hop, exporter, addresses, interfaces, any', () => {
    expect(tags(single('tos', '16 set-src 1'), { tos: 16 })).toEqual([1, 0]);
    expect(tags(single('tos', '16 set-src 1'), { tos: 17 })).toEqual([0, 0]);
    expect(tags(single('next-hop', '10.0.0.254 set-dst 4'), { nexthop: ip('10.0.0.254') })).toEqual([0, 4]);
    expect(tags(single('next-hop', '10.0.0.254 set-dst 4'), { nexthop: ip('10.0.0.253') })).toEqual([0, 0]);
    expect(tags(single('exporter', '192.0.2.1 set-src 8'), { exaddr: ip('192.0.2.1') })).toEqual([8, 0]);
    expect(tags(single('src-ip', '10.0.0.1 set-src 1'), { srcaddr: ip('10.0.0.1'), dstaddr: ip('10.0.0.2') })).toEqual([1, 0]);
    expect(tags(single('dst-ip', '10.0.0.1 set-src 1'), { srcaddr: ip('10.0.0.1'), dstaddr: ip('10.0.0.2') })).toEqual([0, 0]);
    expect(tags(single('ip', '10.0.0.1 set-src 1', '10.0.0.2 set-src 2'), { srcaddr: ip('10.0.0.1'), dstaddr: ip('10.0.0.2') })).toEqual([2, 0]);
    expect(tags(single('input-interface', '3 set-src 3'), { input: 3, output: 4 })).toEqual([3, 0]);
    expect(tags(single('output-interface', '3 set-src 3'), { input: 3, output: 4 })).toEqual([0, 0]);
    expect(tags(single('interface', '3 or-dst 1', '4 or-dst 2'), { input: 3, output: 4 })).toEqual([0, 3]);
    expect(tags(single('any', 'any set-src 0xffffffff', 'any or-dst 0x80000000'), { dst_tag: 1 })).toEqual([0xffffffff, 0x80000001]);
  });

  it('an entry with both sides: a set on one side, an OR on the other', () => {
    const t = single('as', '5 set-dst 0x10', '5 or-src 0x01');
    expect(tags(t, { src_as: 5, src_tag: 0x100, dst_tag: 0x100 })).toEqual([0x101, 0x10]);
  });
});

describe('terms', () => {
  const cfg = (term2: string): string => [
    'tag-action SET', ' type any', ' match any set-src 1',
    'tag-action OR', ' type any', ' match any or-src 2',
    'tag-action DST', ' type any', ' match any set-dst 7',
    'tag-definition D',
    ' term', '  action SET', '  action OR',
    ' term', ...term2.split('\n').map((l) => `  ${l}`), '  action DST',
  ].join('\n');

  it('run in order, each action in order: a later set replaces, a later OR adds', () => {
    expect(tags(tagger(cfg('')), {})).toEqual([3, 7]);
    const reversed = tagger('tag-action SET\n type any\n match any set-src 1\ntag-action OR\n type any\n match any or-src 2\ntag-definition D\n term\n  action OR\n  action SET\n');
    expect(tags(reversed, { src_tag: 4 })).toEqual([1, 0]);
  });

  it('input-filter, output-filter and exporter gate a term', () => {
    const t = tagger(cfg('input-filter 1,5-6\noutput-filter !9\nexporter 10.0.0.1'));
    expect(tags(t, { input: 5, output: 2, exaddr: ip('10.0.0.1') })).toEqual([3, 7]);
    expect(tags(t, { input: 2, output: 2, exaddr: ip('10.0.0.1') })).toEqual([3, 0]);
    expect(tags(t, { input: 6, output: 9, exaddr: ip('10.0.0.1') })).toEqual([3, 0]);
    expect(tags(t, { input: 6, output: 8, exaddr: ip('10.0.0.2') })).toEqual([3, 0]);
  });

  it('a definition with no terms leaves the tags; the one asked for is the one run', () => {
    const t = tagger('tag-action A\n type any\n match any set-src 1\ntag-definition E\ntag-definition D\n term\n  action A\n', 'E');
    expect(tags(t, { src_tag: 5, dst_tag: 6 })).toEqual([5, 6]);
  });
});

describe('records', () => {
  it('tagRecord reads a v1005 record in either byte order and writes its two tags', () => {
    const L = layoutFor(1005)!;
    const t = single('tcp-port', '443 set-dst 0x01020304', '1025 or-src 0x10');
    for (const le of [true, false]) {
      const dv = new DataView(new ArrayBuffer(L.size * 2));
      const at = L.size;
      dv.setUint8(at + L.offsets.prot, 6);
      dv.setUint16(at + L.offsets.srcport, 1025, le);
      dv.setUint16(at + L.offsets.dstport, 443, le);
      dv.setUint32(at + L.offsets.src_tag, 0x100, le);
      t.tagRecord(dv, at, le);
      expect([dv.getUint32(at + L.offsets.src_tag, le), dv.getUint32(at + L.offsets.dst_tag, le)]).toEqual([0x110, 0x01020304]);
      // nothing else moved, the record before untouched
      expect(dv.getUint16(at + L.offsets.dstport, le)).toBe(443);
      expect(new Uint8Array(dv.buffer, 0, L.size).every((b) => b === 0)).toBe(true);
    }
  });
});
