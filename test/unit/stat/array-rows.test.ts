/**
 * The plain rows of an array report (tbl_out1 without -n or -P), written into a buffer filled with
 * spaces ahead of them: each row against a row built from strings, across several 1 MB flushes,
 * with counters past 2^32 and 2^53 (the general writer) in between, plain and -w, cut by --top.
 */
import { describe, expect, it } from 'vitest';
import type { StatResult } from '../../../src/stat/accumulate.ts';
import { FORMATS } from '../../../src/stat/formats.ts';
import { renderTable } from '../../../src/stat/render-table.ts';
import { Totals } from '../../../src/stat/totals.ts';
import { options } from './harness.ts';

const TWO32 = 4294967296;

/** Ports with varied counters; every 997th port has high parts (counters past 2^32). */
function table(): StatResult {
  const vals = new Float64Array(65536 * 4), hi = new Float64Array(65536 * 4);
  const t = new Totals();
  for (let k = 0; k < 65536; k++) {
    if (k % 13 === 5) continue; // never seen: no row
    const f = 1 + ((k * 7919) % 100_003);
    // octets past 2^32 with no high part yet (a table carries only near 2^53)
    const row = [f, k % 1000 === 1 ? 2 ** 52 + k : f * 1499 + (k % 7), f * 11, (k * 104_729) % TWO32];
    for (let c = 0; c < 4; c++) vals[k * 4 + c] = row[c]!;
    if (k % 997 === 0) { hi[k * 4 + 1] = 1 + (k % 5); hi[k * 4 + 3] = k === 0 ? 3_000_000 : 0; }
    t.f += row[0]!; t.o += row[1]!; t.p += row[2]!; t.d += row[3]!;
  }
  t.normalize();
  return { fmt: FORMATS[5]!, totals: t, array: { vals, hi }, records: 0 } as unknown as StatResult;
}

/** The row as flow-stat prints it, from strings. */
function expected(r: StatResult, k: number, wide: boolean): string {
  const { vals, hi } = r.array!;
  const n = (c: number): string => (BigInt(hi![k * 4 + c]!) * BigInt(TWO32) + BigInt(vals[k * 4 + c]!)).toString();
  const cells = [n(0).padEnd(20), n(1).padEnd(20), n(2).padEnd(20)];
  if (wide) cells.push(n(3));
  return `${String(k).padEnd(wide ? 15 : 10)}  ${cells.join('  ')}\n`;
}

function rendered(r: StatResult, wide: boolean, limit?: number): { text: string; chunks: number[] } {
  const chunks: Buffer[] = [];
  expect(renderTable(r, options(5, { wide }), (b) => { chunks.push(Buffer.from(b)); }, limit)).toBe(true);
  return { text: Buffer.concat(chunks).toString('latin1'), chunks: chunks.map((c) => c.length) };
}

describe('plain array rows', () => {
  const r = table();
  for (const wide of [false, true]) {
    it(`match rows built from strings across flushes${wide ? ' (-w)' : ''}`, () => {
      const { text, chunks } = rendered(r, wide);
      const lines = text.split('\n');
      const body = lines.slice(3).join('\n');
      let want = '';
      // unsorted, tbl_out1 prints from the highest port down
      for (let k = 65535; k >= 0; k--) if (k % 13 !== 5) want += expected(r, k, wide);
      expect(body === want).toBe(true);
      // several flushes, each (but the last) a chunk Output writes at once
      expect(chunks.length).toBeGreaterThan(3);
      for (const c of chunks.slice(1, -1)) expect(c).toBeGreaterThan(1 << 20);
    });
  }

  it('stop after --top rows', () => {
    const { text } = rendered(r, false, 20);
    const rows = text.split('\n').slice(3, -1);
    expect(rows).toHaveLength(20);
    // 65535 down, 65525 never seen
    expect(rows[19]).toBe(expected(r, 65515, false).slice(0, -1));
  });
});
