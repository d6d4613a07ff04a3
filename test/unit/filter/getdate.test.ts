// getdate phrases (lib/getdate.y) and the C-level readings of config words (scan_ip, strtoul, .sym).
import { describe, expect, it } from 'vitest';
import { parseGetdate } from '../../../src/util/getdate.ts';
import { scanIp, scanIpPrefix } from '../../../src/filter/address.ts';
import { strtoul, atoi, strtod } from '../../../src/filter/cnum.ts';
import { parseSymbolFile } from '../../../src/filter/symbols.ts';

const NOW = 1120668900; // Wed 2005-07-06 16:55:00 UTC
const utc = (s: string): number => Date.parse(s) / 1000;

describe('parseGetdate', () => {
  const withTz = <T>(tz: string, f: () => T): T => {
    const old = process.env.TZ;
    process.env.TZ = tz;
    try { return f(); } finally { process.env.TZ = old; }
  };
  const cases: Array<[string, number | undefined]> = [
    ['July 6, 2005 17:00:00 GMT', utc('2005-07-06T17:00:00Z')],
    ['July 6, 2005 16:57:00 GMT', utc('2005-07-06T16:57:00Z')],
    ['Jul 6, 2005 5pm', utc('2005-07-06T17:00:00Z')],
    ['6 Jul 2005', utc('2005-07-06T00:00:00Z')],
    ['2005-07-06', utc('2005-07-06T00:00:00Z')],
    ['7/6/2005 12:00', utc('2005-07-06T12:00:00Z')],
    ['2005/07/06', utc('2005-07-06T00:00:00Z')],
    ['20050706', utc('2005-07-06T00:00:00Z')],
    ['12:00 -0400', utc('2005-07-06T16:00:00Z')],
    ['Wed Jul 6 12:00:00 EDT 2005', utc('2005-07-06T16:00:00Z')],
    ['yesterday', NOW - 86400],
    ['today', NOW],
    ['now', NOW],
    ['', utc('2005-07-06T00:00:00Z')],
    ['10 minutes ago', NOW - 600],
    ['2 hours ago', NOW - 7200],
    ['3 days ago', NOW - 3 * 86400],
    ['1 week', NOW + 7 * 86400],
    ['last tuesday', utc('2005-07-05T00:00:00Z')],
    ['1 month ago', utc('2005-06-06T16:55:00Z')],
    // "July 6 2005" without the comma: 2005 is read as the time 20:05 (getdate's own rule)
    ['July 6 2005', utc('2005-07-06T20:05:00Z')],
    ['garbage', undefined],
    ['25:00', undefined],
    ['Feb 30, 2005', undefined],
    ['2 hours ago ago', undefined],
    ['17:00 18:00', undefined],
  ];
  for (const [text, want] of cases) {
    it(JSON.stringify(text), () => {
      expect(withTz('UTC', () => parseGetdate(text, NOW))).toBe(want);
    });
  }
  it('local time without a zone (TZ), daylight saving included', () => {
    expect(withTz('America/New_York', () => parseGetdate('July 6, 2005 17:00:00', NOW))).toBe(utc('2005-07-06T21:00:00Z'));
    expect(withTz('America/New_York', () => parseGetdate('January 6, 2005 17:00:00', NOW))).toBe(utc('2005-01-06T22:00:00Z'));
    expect(withTz('Europe/Berlin', () => parseGetdate('2005-07-06', NOW))).toBe(utc('2005-07-05T22:00:00Z'));
  });
});

describe('C readings of config words', () => {
  it('scan_ip: partial quads, "/" as a digit, letters as digits', () => {
    expect(scanIp('10.1').addr).toBe(0x0a010000);
    expect(scanIp('192.168.88.0/24').addr).toBe(0xc0a858b4);
    expect(scanIp('1.2.3.4').clean).toBe(true);
    expect(scanIp('1.2.3.300').clean).toBe(false);
    expect(scanIp('1.2.3.4.5').addr).toBe(0x02030405);
  });
  it('scan_ip_prefix: classful lengths, clamping', () => {
    expect(scanIpPrefix('10')).toMatchObject({ addr: 0x0a000000, len: 8, classful: true });
    expect(scanIpPrefix('10.1')).toMatchObject({ len: 32 });
    expect(scanIpPrefix('172.16.0.0')).toMatchObject({ len: 16 });
    expect(scanIpPrefix('192.168.1.0')).toMatchObject({ len: 24 });
    expect(scanIpPrefix('10.0.0.0/40')).toMatchObject({ len: 32 });
    expect(scanIpPrefix('10.1/16')).toMatchObject({ addr: 0x0a010000, len: 16 });
  });
  it('strtoul, atoi, strtod', () => {
    expect(strtoul('0x1F')).toMatchObject({ value: 31, used: 4 });
    expect(strtoul('010')).toMatchObject({ value: 8, used: 3 });
    expect(strtoul('80abc')).toMatchObject({ value: 80, used: 2 });
    expect(strtoul('-1').value).toBe(0xffffffff);
    expect(strtoul('4294967296').value).toBe(0);
    expect(strtoul('').used).toBe(0);
    expect(atoi(' -12x')).toMatchObject({ value: -12, used: 4 });
    expect(strtod('1e3')).toMatchObject({ value: 1000, used: 3 });
    expect(strtod('.5x')).toMatchObject({ value: 0.5, used: 2 });
  });
  it('.sym files: a later line for a value replaces its name; names are case-insensitive', () => {
    const t = parseSymbolFile('# c\n0 ip\n0 hopopt\n6 tcp\n17\tUDP\n')!;
    expect(t.get('hopopt')).toBe(0);
    expect(t.get('ip')).toBeUndefined();
    expect(t.get('udp')).toBe(17);
    expect(parseSymbolFile('6')).toBeNull();
  });
});
