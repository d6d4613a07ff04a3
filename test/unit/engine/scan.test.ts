import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expandInputs } from '../../../src/engine/inputs.ts';
import { scan, TASKS_PER_THREAD, type ScanEvent } from '../../../src/engine/scan.ts';
import type { LocalOp } from '../../../src/engine/scan-task.ts';
import { countOp } from '../../../src/ops/count.ts';
import { closePools } from '../../../src/engine/pool.ts';
import { ScanFailure } from '../../../src/engine/errors.ts';
import { encodeRecords, flowFile, someRecords, tmpDir, variedRecords, writeFlowFile } from '../../helpers/flowfile.ts';

afterAll(() => closePools());

async function collect(paths: string[], opts: Partial<Parameters<typeof scan>[1]> = {}): Promise<ScanEvent[]> {
  const { inputs } = await expandInputs(paths);
  const out: ScanEvent[] = [];
  for await (const ev of scan(inputs, { op: { kind: 'records', byteOrder: 1 }, threads: 1, ...opts })) out.push(ev);
  return out;
}

function records(evs: ScanEvent[]): Buffer {
  return Buffer.concat(evs.flatMap((e) => (e.kind === 'result' && e.result.payload.kind === 'bytes' ? [e.result.payload.data] : [])));
}

describe('scan engine', () => {
  const dir = tmpDir();
  const files = [0, 1, 2].map((k) => writeFlowFile(path.join(dir, `ft-v05.a${k}`), someRecords(3000, k * 10000), { capStart: 1_700_000_000 + k * 900 }));
  writeFlowFile(path.join(dir, 'ft-v05.z'), someRecords(2000, 50000), { capStart: 1_700_010_000, zLevel: 6 });

  it('a multi-threaded run equals a single-threaded run byte for byte, whatever the range size', async () => {
    const serial = records(await collect([dir], { threads: 1 }));
    expect(serial.length).toBe(11000 * 64);
    for (const rangeBytes of [640, 64 * 1001, 1 << 20]) {
      const parallel = records(await collect([dir], { threads: 3, inProcessBelow: 0, rangeBytes }));
      expect(parallel.equals(serial)).toBe(true);
    }
  });

  it('firstRangeBytes: the run starts with small tasks, doubling up to rangeBytes, same bytes', async () => {
    const serial = records(await collect([dir], { threads: 1 }));
    const evs = await collect([dir], { threads: 3, inProcessBelow: 0, rangeBytes: 64 * 1001, firstRangeBytes: 100 });
    expect(records(evs).equals(serial)).toBe(true);
    const sizes = evs.flatMap((e) => (e.kind === 'result' && e.result.payload.kind === 'bytes' ? [e.result.payload.data.length / 64] : []));
    // 100, 200, 400 ... bytes cut to whole records, then whole ranges; the ramp is the run's, not each file's
    expect(sizes.slice(0, 15)).toEqual([1, 3, 6, 12, 25, 50, 100, 200, 400, 800, 1001, 402, 1001, 1001, 998]);
  });

  it('results come in input order: files by capture start, ranges in file order', async () => {
    const evs = await collect([dir], { threads: 3, inProcessBelow: 0, rangeBytes: 6400 });
    const seen = evs.filter((e) => e.kind === 'end').map((e) => path.basename(e.input.display));
    expect(seen).toEqual(['ft-v05.a0', 'ft-v05.a1', 'ft-v05.a2', 'ft-v05.z']);
  });

  it('a worker that throws is reported with its file and range', async () => {
    await expect(collect([files[1]!], { threads: 2, inProcessBelow: 0, rangeBytes: 6400, mainThreadScans: false, injectFault: { seq: 1, kind: 'throw' } }))
      .rejects.toThrow(ScanFailure);
    await expect(collect([files[1]!], { threads: 2, inProcessBelow: 0, rangeBytes: 6400, mainThreadScans: false, injectFault: { seq: 1, kind: 'throw' } }))
      .rejects.toThrow(/ft-v05\.a1 \(bytes \d+-\d+\)/);
  });

  it('a worker that dies does not hang the run; --keep-going skips only its range', async () => {
    const evs = await collect([files[0]!], { threads: 2, inProcessBelow: 0, rangeBytes: 6400, mainThreadScans: false, keepGoing: true, injectFault: { seq: 2, kind: 'exit' } });
    const lost = evs.filter((e) => e.kind === 'fault');
    expect(lost).toHaveLength(1);
    // the dying worker held other tasks too: they are run again, only the culprit's range is lost
    const start = evs[0]!.input.dataStart + 2 * 6400;
    expect(lost[0]!.kind === 'fault' && lost[0]!.faults[0]).toMatchObject({ offset: start, code: 'WORKER', message: expect.stringContaining(`bytes ${start}-${start + 6400} (`) });
    const serial = records(await collect([files[0]!]));
    expect(records(evs).equals(Buffer.concat([serial.subarray(0, 2 * 6400), serial.subarray(3 * 6400)]))).toBe(true);
  });

  it('progress counts a task run again after its worker died once, and a lost range not at all', async () => {
    // the culprit dies after counting its records, alone in the isolation pool too
    const progress = new SharedArrayBuffer(16);
    const evs = await collect([files[0]!], { threads: 2, inProcessBelow: 0, rangeBytes: 6400, mainThreadScans: false, keepGoing: true, progress, injectFault: { seq: 2, kind: 'exit-late' } });
    expect(evs.filter((e) => e.kind === 'fault')).toHaveLength(1);
    const [recs, bytes] = new BigInt64Array(progress);
    expect(Number(recs)).toBe(records(evs).length / 64);
    expect(Number(bytes)).toBe(records(evs).length);
  });

  it('a worker that dies while inflating beside other files loses only its own file (--keep-going)', async () => {
    const zdir = path.join(dir, 'zmany');
    for (const k of [0, 1, 2, 3, 4, 5]) writeFlowFile(path.join(zdir, `ft-v05.z${k}`), someRecords(20000, k * 30000), { capStart: 1_700_100_000 + k * 900, zLevel: 6 });
    const serial = (await collect([zdir])).filter((e) => e.kind === 'result').map((e) => e.kind === 'result' && e.result.records);
    expect(serial).toEqual([20000, 20000, 20000, 20000, 20000, 20000]);
    // each file is a task and an end item: seq 4 is the third file's task
    const evs = await collect([zdir], { threads: 2, inProcessBelow: 0, mainThreadScans: false, keepGoing: true, injectFault: { seq: 4, kind: 'exit' } });
    const lost = evs.filter((e) => e.kind === 'fault');
    expect(lost.map((e) => path.basename(e.input.display))).toEqual(['ft-v05.z2']);
    expect(evs.filter((e) => e.kind === 'result').map((e) => path.basename(e.input.display))).toEqual(['ft-v05.z0', 'ft-v05.z1', 'ft-v05.z3', 'ft-v05.z4', 'ft-v05.z5']);
    fs.rmSync(zdir, { recursive: true });
  });

  it('without --keep-going the error names the range whose worker died, not a task it took with it', async () => {
    const { inputs } = await expandInputs([files[0]!]);
    const start = inputs[0]!.dataStart + 4 * 6400;
    await expect(collect([files[0]!], { threads: 2, inProcessBelow: 0, rangeBytes: 6400, mainThreadScans: false, injectFault: { seq: 4, kind: 'exit' } }))
      .rejects.toThrow(`(bytes ${start}-${start + 6400})`);
  });

  it('offsets beyond 4 GiB are read where they are (sparse file)', async () => {
    const big = path.join(dir, 'sparse', 'ft-v05.big');
    const header = flowFile([]);
    const rec = encodeRecords(someRecords(10, 777));
    fs.mkdirSync(path.dirname(big), { recursive: true });
    fs.writeFileSync(big, header);
    const fd = fs.openSync(big, 'r+');
    // records at 4 GiB + 64 KiB: header + zero records up to there, then 10 real records
    const at = header.length + Math.ceil(((2 ** 32) + 65536) / 64) * 64;
    fs.writeSync(fd, rec, 0, rec.length, at);
    fs.closeSync(fd);
    const { inputs } = await expandInputs([big]);
    expect(inputs[0]!.size).toBe(at + 640);
    // read only the last part: a range task starting beyond 2^32
    const { runScanTask, newWorkerState } = await import('../../../src/engine/scan-task.ts');
    const { result } = await runScanTask({
      seq: 0, file: big, dataStart: inputs[0]!.dataStart, layoutId: '5', littleEndian: true, sVersion: 3,
      op: { kind: 'records', byteOrder: 1 }, data: { kind: 'file', path: big, start: at, end: at + 640, eof: true },
    }, newWorkerState());
    expect(result.records).toBe(10);
    expect(result.payload.kind === 'bytes' && Buffer.from(result.payload.data).equals(rec)).toBe(true);
    fs.rmSync(path.join(dir, 'sparse'), { recursive: true });
  });

  it('a file that shrank after the run planned it keeps the records it still has and says where it ended', async () => {
    const f = writeFlowFile(path.join(dir, 'shrinking', 'ft-v05.a'), someRecords(100));
    const { inputs } = await expandInputs([f]);
    const start = inputs[0]!.dataStart, end = start + 100 * 64;
    // cut the file to 40 whole records and half of the 41st, as a rotation gone wrong would
    fs.truncateSync(f, start + 40 * 64 + 32);
    const { runScanTask, newWorkerState } = await import('../../../src/engine/scan-task.ts');
    const { result } = await runScanTask({
      seq: 0, file: f, dataStart: start, layoutId: '5', littleEndian: true, sVersion: 3,
      op: { kind: 'count' }, data: { kind: 'file', path: f, start, end, eof: true },
    }, newWorkerState());
    expect(result.records).toBe(40);
    expect(result.faults.map((x) => [x.code, x.offset])).toEqual([['PARTIAL_RECORD', start + 40 * 64], ['SHRUNK', start + 40 * 64 + 32]]);
    expect(result.faults[1]!.message).toContain(`before the ${end} bytes it had when the run began`);
  });
});

describe('tasks a thread holds at once', () => {
  const dir = tmpDir();
  // four zlib files of 2.6 MB of records each (past 1 MiB compressed: inflated in rounds, not whole)
  for (let k = 0; k < 4; k++) writeFlowFile(path.join(dir, `ft-v05.z${k}`), variedRecords(40_000, k), { capStart: 1_700_000_000 + k * 900, zLevel: 6 });

  /** the most tasks the main thread had open at once, scanning the zlib files alone */
  async function mostOpen(tasksPerThread?: number): Promise<number> {
    let open = 0, most = 0;
    const localOp: LocalOp = (_spec, ctx) => {
      open++;
      most = Math.max(most, open);
      const op = countOp(ctx.layout, ctx.littleEndian);
      return { ...op, finish: () => { open--; return op.finish(); } };
    };
    const { inputs } = await expandInputs([dir]);
    let n = 0;
    for await (const ev of scan(inputs, { op: { kind: 'count' }, threads: 1, localOp, groupSmall: false, ...(tasksPerThread ? { tasksPerThread } : {}) })) {
      if (ev.kind === 'result' && ev.result.payload.kind === 'count') n += ev.result.payload.flows;
    }
    expect(n).toBe(160_000);
    return most;
  }

  it('overlaps zlib tasks on a thread by default, and holds no more than tasksPerThread', async () => {
    expect(await mostOpen()).toBe(TASKS_PER_THREAD);
    expect(await mostOpen(2)).toBe(2);
    expect(await mostOpen(1)).toBe(1);
  });
});
