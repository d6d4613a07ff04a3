/**
 * The counter columns written into a row already filled with spaces give the same bytes as the
 * padded writer, for every width rule (last column padded or not, -w with duration).
 */
import { describe, expect, it } from 'vitest';
import { dec, padTo } from '../../../src/print/cfmt.ts';
import { filledCounters } from '../../../src/stat/row-tail.ts';
import { rng } from './harness.ts';

/** The reference: every column padded as it is written. */
function plainCounters(b: Uint8Array, p: number, fl: number, oc: number, pk: number, du: number, wide: boolean, padLast: number): number {
  let s = p; p = padTo(b, dec(b, p, fl), s, 20); b[p++] = 32; b[p++] = 32;
  s = p; p = padTo(b, dec(b, p, oc), s, 20); b[p++] = 32; b[p++] = 32;
  s = p; p = padTo(b, dec(b, p, pk), s, wide ? 20 : padLast);
  if (wide) { b[p++] = 32; b[p++] = 32; p = dec(b, p, du); }
  b[p++] = 10;
  return p;
}

describe('filledCounters', () => {
  it('matches plainCounters byte for byte', () => {
    const r = rng(41);
    const pick = (): number => [0, 9, 10, 99, 4294967295, 2 ** 53 - 1][Math.floor(r() * 6)]!;
    for (let i = 0; i < 2000; i++) {
      const v = [0, 1, 2, 3].map(() => (r() < 0.3 ? pick() : Math.floor(r() * 2 ** (1 + Math.floor(r() * 32)))));
      for (const wide of [false, true]) {
        for (const padLast of [0, 20]) {
          const a = new Uint8Array(200).fill(0xff);
          const b = new Uint8Array(200).fill(32);
          const ea = plainCounters(a, 3, v[0]!, v[1]!, v[2]!, v[3]!, wide, padLast);
          const eb = filledCounters(b, 3, v[0]!, v[1]!, v[2]!, v[3]!, wide, padLast);
          expect(eb).toBe(ea);
          expect(Buffer.from(b.subarray(3, eb)).toString('latin1')).toBe(Buffer.from(a.subarray(3, ea)).toString('latin1'));
        }
      }
    }
  });
});

describe('plain rows (spaces laid first) against the padded writer', () => {
  // every dumper, widest and narrowest keys, counters at 0 and 2^32 - 1, with and without -w
  it('print the same bytes for every dumper, with rows at their widest', async () => {
    const { RefTable } = await import('../../../src/stat/ref-table.ts');
    const { writeHashRows, TextBuf } = await import('../../../src/stat/hash-rows.ts');
    const dumpers = ['ip', 'ip2', 'as2', 'if2', 'pre', 'pre2', 'c32', 'c322'] as const;
    const r = rng(7);
    const big = 4294967295;
    for (const dumper of dumpers) {
      const w = dumper === 'pre2' ? 3 : dumper === 'ip' || dumper === 'c32' || dumper === 'as2' || dumper === 'if2' ? 1 : 2;
      const stride = w + 4, n = 300;
      const ent = new Uint32Array(new SharedArrayBuffer(n * stride * 4));
      for (let e = 0; e < n; e++) {
        const extreme = e % 3;
        for (let k = 0; k < w; k++) ent[e * stride + k] = extreme === 0 ? big : extreme === 1 ? 0 : Math.floor(r() * 2 ** 32);
        if (dumper === 'pre') ent[e * stride + 1] = [32, 0, 8, 24][e % 4]!;
        if (dumper === 'pre2') ent[e * stride + 2] = [32 | (32 << 8), 0, 8 | (16 << 8)][e % 3]!;
        for (let c = 0; c < 4; c++) ent[e * stride + w + c] = extreme === 0 ? big : extreme === 1 ? 0 : Math.floor(r() * 2 ** (1 + Math.floor(r() * 32)));
      }
      const t = new RefTable(w, 0, [{ n, ent: ent.buffer as SharedArrayBuffer, hi: null, pos: new SharedArrayBuffer(n * 4), wide: false, most: n - 1 }]);
      const rows = new Uint32Array(n).map((_, i) => (i * 7) % n);
      for (const wide of [false, true]) {
        const o = { percent: false, wide, names: false, symDir: '' };
        const plain = new TextBuf(16), padded = new TextBuf(16);
        writeHashRows(t, dumper, rows, 0, n, o, undefined, [1, 1, 1, 1], plain);
        // names that are never found take the padded writer's path and print numbers
        writeHashRows(t, dumper, rows, 0, n, o, () => undefined, [1, 1, 1, 1], padded);
        expect(Buffer.from(plain.buf.subarray(0, plain.len)).toString('latin1')).toBe(Buffer.from(padded.buf.subarray(0, padded.len)).toString('latin1'));
      }
    }
  });

  it('print the high parts of the rows that carry, found by their bit in the carried bitmap', async () => {
    const { RefTable } = await import('../../../src/stat/ref-table.ts');
    const { writeHashRows, TextBuf } = await import('../../../src/stat/hash-rows.ts');
    const { SegmentBuilder, carriedBefore } = await import('../../../src/stat/segment-builder.ts');
    const w = 1, stride = 5, n = 200;
    const ent = new Uint32Array(new SharedArrayBuffer(n * stride * 4));
    // the high parts of the entries that carry, four each in entry order, and their bits
    const carriers: number[] = [];
    const highs: number[] = [];
    const bits = new Int32Array(new SharedArrayBuffer(Math.ceil(n / 32) * 4));
    for (let e = 0; e < n; e++) {
      ent[e * stride] = e * 16777259;
      for (let c = 0; c < 4; c++) ent[e * stride + w + c] = (e * 7919 + c) % 100000;
      // every 37th entry carries, in one of its counters
      if (e % 37 === 5) {
        carriers.push(e);
        const h = [0, 0, 0, 0];
        h[e % 4] = 3 + e;
        highs.push(...h);
        bits[e >>> 5]! |= 1 << (e & 31);
      }
    }
    const hi = new Float64Array(new SharedArrayBuffer(highs.length * 8));
    hi.set(highs);
    const desc = {
      n, ent: ent.buffer as SharedArrayBuffer, hi: hi.buffer as SharedArrayBuffer, hiMask: 15, carried: bits.buffer as SharedArrayBuffer,
      pos: new SharedArrayBuffer(n * 4), wide: false, most: n - 1,
    };
    const rows = new Uint32Array(n).map((_, i) => (i * 13) % n);
    const o = { percent: false, wide: true, names: false, symDir: '' };
    const text = (t: InstanceType<typeof RefTable>, names?: () => undefined): string => {
      const out = new TextBuf(16);
      writeHashRows(t, 'ip', rows, 0, n, o, names, [1, 1, 1, 1], out);
      return Buffer.from(out.buf.subarray(0, out.len)).toString('latin1');
    };
    const padded = text(new RefTable(w, 0, [desc]), () => undefined);
    // entry 5 carries 8 x 2^32 in its octets; entry 153 (the fifth that carries) 156 x 2^32 in its octets too
    expect(padded).toContain(String(8 * 2 ** 32 + ((5 * 7919 + 1) % 100000)));
    expect(padded).toContain(String(156 * 2 ** 32 + ((153 * 7919 + 1) % 100000)));
    expect(text(new RefTable(w, 0, [desc]))).toBe(padded);
    // the bits before each word, as the merge ships them, or counted by the table
    const shipped = new RefTable(w, 0, [{ ...desc, carriedBefore: carriedBefore(bits) }]);
    expect(text(shipped)).toBe(padded);
    for (const [k, e] of carriers.entries()) expect(shipped.highsAt(0, e)).toBe(k * 4);
    expect(shipped.highsAt(0, 6)).toBe(-1);
    expect(shipped.high(carriers[4]!, 1)).toBe(156);
    expect(shipped.high(carriers[4]!, 2)).toBe(0);
    // the bitmap, not the high parts, says which rows carry: an empty one prints low words only
    const none = new Int32Array(new SharedArrayBuffer(bits.length * 4));
    const blind = new RefTable(w, 0, [{ ...desc, carried: none.buffer as SharedArrayBuffer }]);
    expect(text(blind)).not.toBe(padded);
    expect(text(blind, () => undefined)).not.toBe(padded);
    expect(() => new RefTable(w, 0, [{ ...desc, carried: null }])).toThrow(/no carried bitmap/);
    // a segment as the merge writes it: the bits and high parts of the entries that carry only
    const seg = new SegmentBuilder(stride, n, false);
    seg.reserve(n, n);
    seg.ent.set(ent);
    for (const [k, e] of carriers.entries()) seg.addHighs(e, highs[k * 4]!, highs[k * 4 + 1]!, highs[k * 4 + 2]!, highs[k * 4 + 3]!);
    seg.n = n;
    // out of entry order, a bit's rank would name another entry's high parts
    expect(() => seg.addHighs(carriers[2]!, 1, 0, 0, 0)).toThrow(/out of order/);
    const made = seg.finish();
    expect(new Int32Array(made.carried!)).toEqual(bits);
    expect([...new Float64Array(made.hi!).subarray(0, highs.length)]).toEqual(highs);
    expect(text(new RefTable(w, 0, [{ ...made, hiMask: 15 }]))).toBe(padded);
  });
});
