/**
 * The text and record ops over runs of small files read as one task each (flowsift print and cat):
 * the bytes, record counts and faults (each under its own file and offset) are those of a task per
 * file, at 1 and 3 threads, with damaged files inside a run and runs cut by byte order and size.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expandInputs } from '../../../src/engine/inputs.ts';
import { closePools } from '../../../src/engine/pool.ts';
import { scan } from '../../../src/engine/scan.ts';
import type { OpSpec } from '../../../src/ops/types.ts';
import { flowFile, someRecords, tmpDir, writeFlowFile } from '../../helpers/flowfile.ts';

afterAll(() => closePools());

describe('small files read as one task: bytes as a task a file gives them', () => {
  const dir = tmpDir();
  for (let k = 0; k < 30; k++) {
    const spec = k === 11 ? { littleEndian: false } : { zLevel: k % 3 === 0 ? 0 : 6 };
    writeFlowFile(path.join(dir, `ft-v05.${String(k).padStart(3, '0')}`), someRecords(50 + k * 3, k * 500), { ...spec, capStart: 1_700_000_000 + k * 300 });
  }
  writeFlowFile(path.join(dir, 'ft-v05.big'), someRecords(30_000, 90_000), { capStart: 1_700_000_000 + 15 * 300 + 1 });
  // a zlib file cut short and a raw one ending in a partial record, among the others
  const cut = writeFlowFile(path.join(dir, 'ft-v05.007x'), someRecords(400, 50_000), { zLevel: 6, capStart: 1_700_000_000 + 7 * 300 + 1 });
  fs.truncateSync(cut, fs.statSync(cut).size - 500);
  fs.writeFileSync(path.join(dir, 'ft-v05.020x'), Buffer.concat([Buffer.from(flowFile(someRecords(90, 70_000), { capStart: 1_700_000_000 + 20 * 300 + 1 })), Buffer.alloc(13, 9)]));

  const ops: Array<[string, OpSpec]> = [
    ['print -f 5', { kind: 'print', format: 5, wide: false, names: false, symDir: '' }],
    ['records', { kind: 'records', byteOrder: 1 }],
    ['ndjson', { kind: 'export', format: 'ndjson', header: false }],
  ];
  for (const [name, op] of ops) {
    for (const threads of [1, 3]) {
      it(`${name}, ${threads} thread(s)`, async () => {
        const { inputs, problems } = await expandInputs([dir]);
        expect(problems).toEqual([]);
        const run = async (groupSmall: boolean): Promise<{ bytes: string; records: number; faults: string[]; tasks: number }> => {
          const parts: Buffer[] = [];
          const faults: string[] = [];
          let records = 0, tasks = 0;
          for await (const ev of scan(inputs, { op, threads, groupSmall, inProcessBelow: threads > 1 ? 0 : undefined })) {
            const fs = ev.kind === 'result' ? ev.result.faults : ev.faults;
            for (const f of fs) faults.push(`${path.basename(f.file)} ${f.offset} ${f.code}`);
            if (ev.kind !== 'result') continue;
            tasks++;
            records += ev.result.records;
            if (ev.result.payload.kind === 'bytes') parts.push(Buffer.from(ev.result.payload.data));
          }
          return { bytes: Buffer.concat(parts).toString('latin1'), records, faults, tasks };
        };
        const want = await run(false);
        const got = await run(true);
        expect(want.faults.length).toBe(2);
        expect(got.tasks).toBeLessThan(want.tasks / 4);
        expect(got.faults).toEqual(want.faults);
        expect(got.records).toBe(want.records);
        expect(got.bytes.length).toBeGreaterThan(1000);
        expect(got.bytes === want.bytes).toBe(true);
      }, 60_000);
    }
  }
});
