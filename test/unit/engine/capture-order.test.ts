// byCaptureStart: a list's files in flow-cat's order, computed at the end of the list, against the
// insertion flow-cat does as each header is read (each before the first entry with a later capture
// start; standard input appended where it is named). Random lists with many ties, starts past 2^31.
import { describe, expect, it } from 'vitest';
import { byCaptureStart, type Opened } from '../../../src/engine/inputs.ts';

/** The insertion as the files come: the reference. */
function inserted(list: Opened[], kept: ReadonlySet<Opened>): Opened[] {
  const out: Opened[] = [];
  for (const inp of list) {
    if (kept.has(inp)) { out.push(inp); continue; }
    const start = inp.header.capStart >>> 0;
    let i = out.length;
    for (let j = 0; j < out.length; j++) if ((out[j]!.header.capStart >>> 0) > start) { i = j; break; }
    out.splice(i, 0, inp);
  }
  return out;
}

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

const entry = (capStart: number, id: number): Opened => ({ header: { capStart }, display: `f${id}` }) as unknown as Opened;

describe('byCaptureStart', () => {
  it('gives the insertion order for random lists, with ties, unsigned starts and appended entries', () => {
    const r = rng(20261128);
    for (let round = 0; round < 400; round++) {
      const n = Math.floor(r() * 60);
      // few distinct starts: many ties; some past 2^31 (stored signed in a header read as int32)
      const starts = [0, 5, 900, 0x7fffffff, 0x80000000 | 0, 0xfffffff0 | 0];
      const list = Array.from({ length: n }, (_, i) => entry(starts[Math.floor(r() * starts.length)]!, i));
      const kept = new Set<Opened>();
      if (round % 3 === 0 && n > 0) kept.add(list[Math.floor(r() * n)]!);
      const want = inserted(list, kept).map((e) => e.display);
      expect(byCaptureStart([...list], kept).map((e) => e.display), `round ${round}`).toEqual(want);
    }
  });
});
