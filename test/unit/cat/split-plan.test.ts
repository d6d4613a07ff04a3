// flow-split's routing (src/cat/split-plan.ts): which file each record goes to, and the header
// values each file closes with, flow-split's quirks included.
import { describe, expect, it } from 'vitest';
import { SplitPlan, type SplitClose } from '../../../src/cat/split-plan.ts';

interface Trace { files: Array<{ tag: number; id: number; records: number[] }>; closes: Array<SplitClose & { tag: number }> }

/** Route records [secs, tag] through a plan; the files in the order they opened, and every close. */
function trace(plan: SplitPlan, recs: Array<[number, number]>): Trace {
  const t: Trace = { files: [], closes: [] };
  const current = new Map<number, { tag: number; id: number; records: number[] }>();
  recs.forEach(([secs, tag], i) => {
    const o = plan.route(secs, tag);
    if (plan.closing) t.closes.push({ ...plan.closing, tag: o.tag });
    if (plan.opening >= 0) {
      const f = { tag: o.tag, id: plan.opening, records: [] as number[] };
      t.files.push(f);
      current.set(o.tag, f);
    }
    current.get(o.tag)!.records.push(i);
  });
  for (const { output, close } of plan.finish()) t.closes.push({ ...close, tag: output.tag });
  return t;
}

describe('flow-split routing', () => {
  it('-N: a new file after every N records; each file closes with its first and last unix_secs', () => {
    const t = trace(new SplitPlan(3, 0, false), [[10, 0], [11, 0], [12, 0], [13, 0], [9, 0], [15, 0], [16, 0]]);
    expect(t.files.map((f) => f.records)).toEqual([[0, 1, 2], [3, 4, 5], [6]]);
    expect(t.files.map((f) => f.id)).toEqual([0, 1, 2]);
    // the second file's end is its last record's time (15), not the latest; its start its first's
    expect(t.closes).toEqual([
      { id: 0, capStart: 10, capEnd: 12, flows: 3, tag: 0 },
      { id: 1, capStart: 13, capEnd: 15, flows: 3, tag: 0 },
      { id: 2, capStart: 16, capEnd: 16, flows: 1, tag: 0 },
    ]);
  });

  it('-T: the record more than T seconds after the start still goes to the file, and its time becomes that file\'s start', () => {
    const t = trace(new SplitPlan(0, 60, false), [[100, 0], [130, 0], [160, 0], [161, 0], [170, 0], [50, 0], [222, 0], [300, 0]]);
    // 161 - 100 > 60: 161 is the last record of file 0, which closes with start 161 (flow-split's
    // bookkeeping); an earlier record (50) is not counted against a start; 300 - 170 > 60 ends
    // file 1 with 300 in it, and with no record after it no file 2 is opened
    expect(t.files.map((f) => f.records)).toEqual([[0, 1, 2, 3], [4, 5, 6, 7]]);
    expect(t.closes).toEqual([
      { id: 0, capStart: 161, capEnd: 161, flows: 4, tag: 0 },
      { id: 1, capStart: 300, capEnd: 300, flows: 4, tag: 0 },
    ]);
  });

  it('-T and -N together, and a file that starts at 0 keeps 0 as its start', () => {
    const t = trace(new SplitPlan(2, 5, false), [[0, 0], [3, 0], [4, 0], [20, 0], [21, 0]]);
    expect(t.files.map((f) => f.records)).toEqual([[0, 1], [2, 3], [4]]);
    expect(t.closes.map((c) => [c.capStart, c.capEnd, c.flows])).toEqual([[0, 3, 2], [20, 20, 2], [21, 21, 1]]);
  });

  it('-g/-G: each tag has its own files, numbered from 0, and its own counts', () => {
    const t = trace(new SplitPlan(2, 0, true), [[1, 7], [2, 9], [3, 7], [4, 7], [5, 9], [6, 9], [7, 7]]);
    expect(t.files.map((f) => [f.tag, f.id, f.records])).toEqual([
      [7, 0, [0, 2]], [9, 0, [1, 4]], [7, 1, [3, 6]], [9, 1, [5]],
    ]);
    expect(t.closes.filter((c) => c.tag === 7)).toEqual([
      { id: 0, capStart: 1, capEnd: 3, flows: 2, tag: 7 }, { id: 1, capStart: 4, capEnd: 7, flows: 2, tag: 7 },
    ]);
  });

  it('no limits: one file; no records: no file', () => {
    expect(trace(new SplitPlan(0, 0, false), [[5, 0], [1, 0], [9, 0]]).closes).toEqual([{ id: 0, capStart: 5, capEnd: 9, flows: 3, tag: 0 }]);
    expect(trace(new SplitPlan(5, 5, true), []).files).toEqual([]);
  });
});
