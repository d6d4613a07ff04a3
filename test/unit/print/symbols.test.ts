/** Symbol files read as ftsym_new() reads them, and looked up by value. */
import { describe, expect, it } from 'vitest';
import { parseSymbols, strtoul32, SymbolTable } from '../../../src/print/symbols.ts';

const enc = (s: string): Uint8Array => Buffer.from(s, 'latin1');
const dec = (b: Uint8Array | undefined): string | undefined => (b ? Buffer.from(b).toString('latin1') : undefined);

function table(text: string): SymbolTable {
  const t = parseSymbols(enc(text));
  if (!(t instanceof SymbolTable)) throw new Error(t.error);
  return t;
}

describe('parseSymbols', () => {
  it('reads "value name" lines, skipping blank lines and comments', () => {
    const t = table(' \n# comment 1 x\n\n80 http\n  443\tssl over tcp\n');
    expect(t.size).toBe(2);
    expect(dec(t.get(80))).toBe('http');
    expect(dec(t.get(443))).toBe('ssl over tcp');
    expect(t.get(1)).toBeUndefined();
  });

  it('keeps trailing blanks of a name (ftsym_new does not cut them)', () => {
    expect(dec(table('7 echo  \r\n').get(7))).toBe('echo  \r');
  });

  it('a later line for the same value wins', () => {
    expect(dec(table('0 ip\n0 hopopt\n').get(0))).toBe('hopopt');
  });

  it('values are strtoul(.., 0): hex, octal and decimal', () => {
    const t = table('0x000A OHIOU\n010 eight\n12abc twelve\n');
    expect(dec(t.get(10))).toBe('OHIOU');
    expect(dec(t.get(8))).toBe('eight');
    expect(dec(t.get(12))).toBe('twelve');
  });

  it('a value at the end of a line takes the next line as its name', () => {
    expect(dec(table('5\nfive\n').get(5))).toBe('five');
  });

  it('a value with nothing after it fails the whole table', () => {
    expect(parseSymbols(enc('1 one\n2'))).toEqual({ error: 'Missing field' });
    expect(parseSymbols(enc('1 one\n2 '))).toEqual({ error: 'Missing field' });
  });

  it('stops at a NUL byte', () => {
    expect(table('1 one\n\u00002 two\n').size).toBe(1);
  });
});

describe('strtoul32', () => {
  const v = (s: string): number => strtoul32(enc(s), 0, s.length);
  it.each([
    ['0', 0], ['42', 42], ['0x1f', 31], ['0X1F', 31], ['017', 15], ['0x', 0], ['09', 0],
    ['-1', 0xffffffff], ['4294967297', 1], ['99999999999999999999999', 0xffffffff],
  ] as const)('%s -> %d', (s, n) => {
    expect(v(s)).toBe(n);
  });
});
