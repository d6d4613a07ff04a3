// The seed walk-through's filter.cfg (test/fixtures/filter/seed-filter.cfg): its primitives and
// definitions against hand-built flows that must and must not match.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compile, rec } from './helpers.ts';

const SEED = fs.readFileSync(new URL('../../fixtures/filter/seed-filter.cfg', import.meta.url), 'latin1');

const ip = (s: string): number => s.split('.').reduce((a, o) => a * 256 + Number(o), 0);
const flow = (src: string, dst: string, dstport: number, prot = 6) => rec({ srcaddr: ip(src), dstaddr: ip(dst), dstport, prot });

const MAIL = '192.168.88.33';
const WEB = '192.168.88.230';
const OUT = '161.243.176.154';

// definition → flows that pass, flows that do not
const CASES: Record<string, { pass: ReturnType<typeof flow>[]; fail: ReturnType<typeof flow>[] }> = {
  inboundmail: {
    pass: [flow(OUT, MAIL, 25)],
    fail: [flow(OUT, MAIL, 25, 17), flow(OUT, MAIL, 587), flow(OUT, WEB, 25), flow(MAIL, OUT, 25)],
  },
  inboundmail_article: {
    pass: [flow(OUT, MAIL, 25)],
    fail: [flow(OUT, MAIL, 25, 17), flow(OUT, WEB, 25)],
  },
  outboundmail: {
    pass: [flow(MAIL, OUT, 25)],
    fail: [flow(OUT, MAIL, 25), flow(MAIL, OUT, 80), flow(MAIL, OUT, 25, 17)],
  },
  allmail: {
    pass: [flow(OUT, MAIL, 25), flow(MAIL, OUT, 25)],
    fail: [flow(OUT, WEB, 25), flow(MAIL, OUT, 443), flow(OUT, MAIL, 25, 17)],
  },
  redflags: {
    pass: [flow(OUT, WEB, 23), flow(OUT, '192.168.88.243', 1433), flow(OUT, '192.168.88.0', 23)],
    fail: [flow(OUT, WEB, 22), flow(OUT, '192.168.89.1', 23), flow(OUT, WEB, 23, 17), flow(WEB, OUT, 1433)],
  },
  // the article's version: the "192.168.88.0/24" in an ip-address primitive is the one host .180
  inboundmail_false: {
    pass: [flow(OUT, '192.168.88.180', 25)],
    fail: [flow(OUT, '192.168.88.77', 25), flow(OUT, MAIL, 25), flow(OUT, '192.168.88.180', 80)],
  },
  inboundmail_false_mask: {
    pass: [flow(OUT, '192.168.88.180', 25), flow(OUT, '192.168.88.77', 25), flow(OUT, '192.168.88.243', 25)],
    fail: [flow(OUT, MAIL, 25), flow(OUT, '10.0.0.1', 25), flow(OUT, '192.168.88.77', 25, 17)],
  },
  badguys: {
    pass: [flow(OUT, WEB, 23), flow(OUT, '192.168.88.180', 25)],
    fail: [flow(OUT, '192.168.88.77', 25), flow(OUT, MAIL, 25), flow(OUT, WEB, 80)],
  },
  badguys_mask: {
    pass: [flow(OUT, WEB, 1433), flow(OUT, '192.168.88.77', 25)],
    fail: [flow(OUT, MAIL, 25), flow(OUT, WEB, 80), flow(OUT, '8.8.8.8', 23)],
  },
};

describe('seed filter.cfg: definitions', () => {
  for (const [name, { pass, fail }] of Object.entries(CASES)) {
    it(name, () => {
      const p = compile(SEED, name);
      expect(pass.map((r) => p(r))).toEqual(pass.map(() => true));
      expect(fail.map((r) => p(r))).toEqual(fail.map(() => false));
    });
  }
});

describe('seed filter.cfg: primitives', () => {
  // each primitive under a one-line definition appended to the seed config
  const one = (match: string, prim: string) => compile(`${SEED}\nfilter-definition t\n  match ${match} ${prim}\n`, 't');
  it('TCP (ip-protocol tcp; the name matches case-insensitively)', () => {
    for (const name of ['TCP', 'tcp', 'Tcp']) {
      const p = one('ip-protocol', name);
      expect([p(rec({ prot: 6 })), p(rec({ prot: 17 })), p(rec({ prot: 1 }))]).toEqual([true, false, false]);
    }
  });
  it('smtpports and redflags (ip-port)', () => {
    const smtp = one('dst-ip-port', 'smtpports');
    expect([smtp(rec({ dstport: 25 })), smtp(rec({ dstport: 26 }))]).toEqual([true, false]);
    const red = one('src-ip-port', 'redflags');
    expect([red(rec({ srcport: 23 })), red(rec({ srcport: 1433 })), red(rec({ srcport: 1434 }))]).toEqual([true, true, false]);
  });
  it('hostingnet (ip-address-prefix 192.168.88.0/24)', () => {
    const p = one('src-ip-addr', 'hostingnet');
    expect([p(rec({ srcaddr: ip('192.168.88.255') })), p(rec({ srcaddr: ip('192.168.87.255') }))]).toEqual([true, false]);
  });
  it('local_mailservers (ip-address .33)', () => {
    const p = one('dst-ip-addr', 'local_mailservers');
    expect([p(rec({ dstaddr: ip(MAIL) })), p(rec({ dstaddr: ip('192.168.88.34') }))]).toEqual([true, false]);
  });
  it('local_not_mailservers (the hole: deny .33, "permit 192.168.88.0/24" = .180 only)', () => {
    const p = one('dst-ip-addr', 'local_not_mailservers');
    expect([p(rec({ dstaddr: ip(MAIL) })), p(rec({ dstaddr: ip('192.168.88.180') })), p(rec({ dstaddr: ip(WEB) }))])
      .toEqual([false, true, false]);
  });
  it('local_not_mailservers_mask (deny .33/32 first, then the /24)', () => {
    const p = one('dst-ip-addr', 'local_not_mailservers_mask');
    expect([p(rec({ dstaddr: ip(MAIL) })), p(rec({ dstaddr: ip(WEB) })), p(rec({ dstaddr: ip('192.168.89.1') }))])
      .toEqual([false, true, false]);
  });
});
