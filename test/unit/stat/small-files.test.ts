// Small files sharing tasks (src/engine/groups.ts) give the report each file in a task of its own
// gives: for every shape of report, with groups cut by a change of record layout (v5/v7), byte order,
// a file too big to join one, and on the pool (threads 3) as on the main thread alone.
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expandInputs } from '../../../src/engine/inputs.ts';
import { closePools } from '../../../src/engine/pool.ts';
import { collectStat } from '../../../src/stat/collect.ts';
import { someRecords, tmpDir, writeFlowFile } from '../../helpers/flowfile.ts';
import { options, render, rng } from './harness.ts';

afterAll(() => closePools());

describe('small files in shared tasks', () => {
  const dir = tmpDir();
  const r = rng(3);
  for (let k = 0; k < 60; k++) {
    const recs = someRecords(100 + Math.floor(r() * 200), Math.floor(r() * 4000)).map((x, i) => ({ ...x, dstaddr: 0xc0a80000 + ((i * 7 + k) % 300), dstport: 20 + (i % 50) }));
    const spec = k % 19 === 7 ? { version: '7' } : k % 13 === 5 ? { littleEndian: false } : { zLevel: k % 4 === 0 ? 0 : 6 };
    writeFlowFile(path.join(dir, `ft-v05.${String(k).padStart(3, '0')}`), recs, { ...spec, capStart: 1_700_000_000 + k * 300 });
  }
  writeFlowFile(path.join(dir, 'ft-v05.big'), someRecords(20_000, 70_000), { capStart: 1_700_000_000 + 31 * 300 + 1 });

  for (const [format, sort] of [[0, 0], [5, 2], [8, 0], [10, -3], [11, 0], [11, 2], [13, 0], [23, 0]] as const) {
    for (const threads of [1, 3]) {
      it(`report ${format}${sort ? ` -S ${sort - 1}` : ''}, ${threads} thread(s): grouped as ungrouped`, async () => {
        const { inputs, problems } = await expandInputs([dir]);
        expect(problems).toEqual([]);
        const o = options(format, { sortOrder: sort });
        const text = async (groupSmall: boolean): Promise<string> => {
          const lines: string[] = [];
          const res = await collectStat(inputs, format, { threads, groupSmall, inProcessBelow: threads > 1 ? 0 : undefined, textSink: (t) => lines.push(Buffer.from(t).toString('latin1')) });
          return lines.join('') + render(res, o).out;
        };
        const want = await text(false);
        expect(want.split("\n").length).toBeGreaterThan(format === 0 || format === 23 ? 5 : 30);
        expect(await text(true)).toBe(want);
      }, 60_000);
    }
  }
});
