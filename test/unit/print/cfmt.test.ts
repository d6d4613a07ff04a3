/** The printf-style writers behind flow-print's columns. */
import { describe, expect, it } from 'vitest';
import { dec, decCol, decLeft, decRight, dec0, hex0, hexLeft, ipv4, ipv4Left, ipv4Words, prefix, symCol } from '../../../src/print/cfmt.ts';

type Writer = (b: Uint8Array, p: number) => number;
const run = (w: Writer): string => {
  const b = new Uint8Array(64);
  return Buffer.from(b.subarray(0, w(b, 0))).toString('latin1');
};

describe('numbers', () => {
  it.each([0, 7, 10, 99, 100, 65535, 4294967295, 4294967296, 18446744073709])('dec %d', (n) => {
    expect(run((b, p) => dec(b, p, n))).toBe(String(n));
  });

  it('pads and cuts like printf', () => {
    expect(run((b, p) => decLeft(b, p, 42, 5))).toBe('42   ');
    expect(run((b, p) => decLeft(b, p, 123456, 5))).toBe('123456');
    expect(run((b, p) => decRight(b, p, 42, 5))).toBe('   42');
    expect(run((b, p) => decCol(b, p, 123456, 5))).toBe('12345');
    expect(run((b, p) => dec0(b, p, 7, 3))).toBe('007');
    expect(run((b, p) => hex0(b, p, 10, 4))).toBe('000a');
    expect(run((b, p) => hex0(b, p, 0x12345, 4))).toBe('12345');
    expect(run((b, p) => hexLeft(b, p, 255, 4))).toBe('ff  ');
  });
});

describe('addresses', () => {
  it('dotted quad padded to 15', () => {
    expect(run((b, p) => ipv4Left(b, p, 0x0a000001, 15))).toBe('10.0.0.1       ');
  });

  it.each([
    [0x0a010000, 16, '10.1/16'], [0x0a000001, 8, '10.0.0.1/8'], [0, 0, '0/0'], [0xc0a80100, 24, '192.168.1/24'],
    [0x0a000000, 33, '10/0'], [0x00000100, 24, '0.0.1/24'],
  ] as const)('prefix %i/%i', (a, len, s) => {
    expect(run((b, p) => prefix(b, p, a, len))).toBe(s);
  });
});

describe('symCol', () => {
  const names = { get: (v: number) => (v === 20 ? Buffer.from('ftp-data') : undefined) };
  it('cuts a name to max-1 then to the column', () => {
    expect(run((b, p) => symCol(b, p, names, 20, 5, 5))).toBe('ftp- ');
    expect(run((b, p) => symCol(b, p, names, 20, 16, 7))).toBe('ftp-dat');
    expect(run((b, p) => symCol(b, p, names, 20, 16, 16))).toBe('ftp-data        ');
  });

  it('prints the number when there is no name', () => {
    expect(run((b, p) => symCol(b, p, names, 21, 16, 7))).toBe('21     ');
    expect(run((b, p) => symCol(b, p, null, 20, 16, 7))).toBe('20     ');
  });
});

describe('ipv4Words', () => {
  it('writes the same dotted quad as ipv4, with only spaces past its end', () => {
    // every octet value in every position, and addresses of every length from 7 to 15 characters
    const addrs: number[] = [0, 0xffffffff, 0x0a000001, 0xc0a80019, 0x64000a09];
    for (let o = 0; o < 256; o++) addrs.push((o << 24) | 0x010203, (0x01 << 24) | (o << 16) | 0x0203, 0x01020003 | (o << 8), (0x01020300 | o) >>> 0);
    const want = new Uint8Array(40), got = new Uint8Array(40);
    const dv = new DataView(got.buffer);
    const text = (b: Uint8Array, from: number, to: number): string => Buffer.from(b.subarray(from, to)).toString('latin1');
    for (const a of addrs) {
      want.fill(42); got.fill(42);
      const e1 = ipv4(want, 3, a >>> 0), e2 = ipv4Words(dv, 3, a >>> 0);
      expect(e2).toBe(e1);
      expect(text(got, 0, e2)).toBe(text(want, 0, e1));
      // what follows: at most three spaces, then the buffer as it was
      expect(text(got, e2, 40)).toMatch(/^ {0,3}\*+$/);
    }
  });
});
