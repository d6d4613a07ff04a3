/**
 * `flowsift stat --top N` in text: the report's first N rows, formatted alone for tables (the whole
 * text of a big report does not fit in one string), cut flow by flow (blocks of lines) for the plot
 * reports f13/f14.
 */
import { describe, expect, it } from 'vitest';
import { PlotCut, renderTop, topApplies } from '../../../src/stat/render-top.ts';
import { renderBody } from '../../../src/stat/render.ts';
import type { StatResult } from '../../../src/stat/accumulate.ts';
import type { StatOptions } from '../../../src/stat/options.ts';
import { FORMATS } from '../../../src/stat/formats.ts';
import { encodeRecords } from '../../helpers/flowfile.ts';
import { layoutOf, merge, options, partials } from './harness.ts';

const text = (b: string | Uint8Array): string => (typeof b === 'string' ? b : Buffer.from(b).toString('latin1'));

/** The old way: the whole body, then comment and empty lines and the first `top` others. */
function cutWhole(r: StatResult, o: StatOptions, top: number): string {
  let whole = '';
  for (const t of r.text ?? []) whole += text(t);
  renderBody(r, o, (b) => { whole += text(b); }, () => {});
  let data = 0;
  return whole.split('\n').filter((l) => l === '' || l.startsWith(o.cc) || data++ < top).join('\n');
}

function top(r: StatResult, o: StatOptions, n: number): { out: string; err: string } {
  let out = '', err = '';
  renderTop(r, o, n, (b) => { out += text(b); }, (l) => { err += l; });
  return { out, err };
}

describe('PlotCut', () => {
  it('keeps comment lines and the first N blocks whole, whatever the chunks', () => {
    const doc = '# head\n#\n1 a\n1 b\n\n2 a\n2 b\n\n3 a\n3 b\n\n# trailer\n';
    for (const step of [1, 2, 3, 5, 7, doc.length]) {
      for (const [n, want] of [
        [0, '# head\n#\n# trailer\n'],
        [2, '# head\n#\n1 a\n1 b\n\n2 a\n2 b\n\n# trailer\n'],
        [3, doc],
        [9, doc],
      ] as const) {
        let out = '';
        const cut = new PlotCut('#', n, (s) => { out += s; });
        for (let i = 0; i < doc.length; i += step) cut.write(doc.slice(i, i + step));
        cut.end();
        expect(out).toBe(want);
      }
    }
  });
  it('passes a last line without a newline, and takes bytes', () => {
    let out = '';
    const cut = new PlotCut('#', 5, (s) => { out += s; });
    cut.write(Buffer.from('a\nb'));
    cut.end();
    expect(out).toBe('a\nb');
  });
});

describe('renderTop', () => {
  const recs = encodeRecords(Array.from({ length: 400 }, (_, i) => ({
    srcaddr: 0x0a000001 + (i % 37), dstaddr: 0x0b000001 + (i % 11), dPkts: 1 + (i % 5), dOctets: 100 * (i % 13), First: 0, Last: i,
    prot: i % 3 === 0 ? 17 : 6, srcport: 1000 + (i % 29), dstport: 20 + (i % 17),
  })), '5');
  const report = (format: number): StatResult => merge(format, partials(recs, layoutOf('5'), format, [[0, 150], [150, 400]]).map((p, seq) => ({ seq, p })));

  it('prints a hash table\'s first N rows as the whole report cut there', () => {
    for (const [format, sortOrder] of [[10, 0], [10, 3], [10, -2], [11, 1], [8, 2]] as const) {
      const r = report(format), o = options(format, { sortOrder });
      for (const n of [0, 1, 5, 100, 10_000]) expect(top(r, o, n).out).toBe(cutWhole(r, o, n));
    }
  });

  it('prints an array table\'s first N rows, -w and -P alike', () => {
    for (const o of [options(5, { sortOrder: 1 }), options(5, { wide: true }), options(7, { percent: true, sortOrder: -3 })]) {
      const r = report(o.format);
      for (const n of [0, 3, 16, 1000]) expect(top(r, o, n).out).toBe(cutWhole(r, o, n));
    }
  });

  it('prints -t tally lines only between the rows it prints', () => {
    const o = options(5, { percent: true, tally: 2 });
    const r = report(5);
    const out = top(r, o, 5).out;
    expect(out.split('\n').filter((l) => l.startsWith('#SUB'))).toHaveLength(2);
    expect(out.split('\n').filter((l) => l !== '' && !l.startsWith('#'))).toHaveLength(5);
  });

  it('prints a plot report\'s first N flows whole, then its trailer', () => {
    for (const format of [13, 14]) {
      const r = report(format), o = options(format);
      let whole = '';
      for (const t of r.text ?? []) whole += text(t);
      renderBody(r, o, (b) => { whole += text(b); }, () => {});
      const blocks = whole.split('\n\n');
      const trailer = blocks.pop()!;
      expect(blocks).toHaveLength(400);
      for (const n of [0, 1, 7, 400, 1000]) {
        const want = blocks.slice(0, n).map((b) => `${b}\n\n`).join('') + trailer;
        expect(top(r, o, n).out).toBe(want);
      }
    }
  });

  it('applies to tables and plots only, and reports a bad sort field as flow-stat does', () => {
    expect(FORMATS.filter((f) => !topApplies(f)).map((f) => f.id)).toEqual([0, 4, 15]);
    expect(top(report(10), options(10, { sortOrder: 9 }), 3)).toEqual({ out: '', err: "# can't sort on field 9.\n" });
  });
});
