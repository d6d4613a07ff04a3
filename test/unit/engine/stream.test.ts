import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expandInputs } from '../../../src/engine/inputs.ts';
import { scan, type ScanEvent, type ScanOptions, type ScanStats } from '../../../src/engine/scan.ts';
import { closePools } from '../../../src/engine/pool.ts';
import { tmpDir, variedRecords, writeFlowFile } from '../../helpers/flowfile.ts';
import { MessageChannel } from 'node:worker_threads';
import { pieceSender, TaskStream } from '../../../src/engine/task-stream.ts';
import { pieceShare } from '../../../src/engine/streamed.ts';
import type { BytesPayload } from '../../../src/ops/types.ts';

afterAll(() => closePools());


async function collect(paths: string[], opts: Partial<ScanOptions> = {}): Promise<ScanEvent[]> {
  const { inputs } = await expandInputs(paths);
  const out: ScanEvent[] = [];
  for await (const ev of scan(inputs, { op: { kind: 'records', byteOrder: 1 }, threads: 1, ...opts })) out.push(ev);
  return out;
}

/** The bytes written, in event order: chunks and results alike. */
function bytes(evs: ScanEvent[]): Buffer {
  return Buffer.concat(evs.flatMap((e) => {
    if (e.kind === 'chunk') return [e.payload.data];
    return e.kind === 'result' && e.result.payload.kind === 'bytes' ? [e.result.payload.data] : [];
  }));
}

/** Records the chunks and results say they hold. */
function counted(evs: ScanEvent[]): number {
  let n = 0;
  for (const e of evs) {
    if (e.kind === 'chunk') n += e.payload.records;
    else if (e.kind === 'result' && e.result.payload.kind === 'bytes') n += e.result.payload.records;
  }
  return n;
}

describe('streamed output of whole compressed files', () => {
  const dir = tmpDir();
  const zfiles = [0, 1, 2].map((k) => writeFlowFile(path.join(dir, `ft-v05.z${k}`), variedRecords(60_000, k + 1), { capStart: 1_700_000_000 + k * 900, zLevel: 6 }));
  const N = 180_000;

  it('the files are big enough to stream (over 1 MiB compressed: not inflated in one call)', () => {
    for (const f of zfiles) expect(fs.statSync(f).size).toBeGreaterThan(1 << 20);
  });

  it('chunks come before each file\'s result, in order, and add up to the same bytes as whole results', async () => {
    const whole = await collect([dir], { threads: 1 });
    expect(whole.some((e) => e.kind === 'chunk')).toBe(false);
    const serial = bytes(whole);
    expect(serial.length).toBe(N * 64);
    for (const threads of [1, 2, 3]) {
      const evs = await collect([dir], { threads, inProcessBelow: 0, stream: true, streamChunk: 64 << 10 });
      expect(bytes(evs).equals(serial)).toBe(true);
      expect(counted(evs)).toBe(N);
      // every chunk of a file comes before that file's result and end, and holds whole records
      // (a piece is what one inflate round gave, once that reaches the chunk size)
      const chunks = evs.filter((e) => e.kind === 'chunk');
      expect(chunks.length).toBeGreaterThanOrEqual(3 * 2);
      for (const c of chunks) if (c.kind === 'chunk') expect(c.payload.data.length % 64).toBe(0);
      const order = evs.map((e) => `${e.kind === 'chunk' ? 'chunk' : e.kind}:${path.basename(e.input.display)}`)
        .filter((x, i, a) => i === 0 || x !== a[i - 1]);
      expect(order).toEqual(['z0', 'z1', 'z2'].flatMap((z) => [`chunk:ft-v05.${z}`, `result:ft-v05.${z}`, `end:ft-v05.${z}`]));
    }
  });

  it('the pool and the main thread both take streamed files: a narrow window does not leave either out', async () => {
    const serial = bytes(await collect([dir], { threads: 1 }));
    const stats: ScanStats = { localTasks: 0, poolTasks: 0, localMs: 0 };
    const evs = await collect([dir], { threads: 2, inProcessBelow: 0, stream: true, streamChunk: 64 << 10, stats });
    expect(bytes(evs).equals(serial)).toBe(true);
    // three files, the first taken by the main thread while the worker boots, one at least by the worker
    expect(stats.localTasks).toBeGreaterThanOrEqual(1);
    expect(stats.poolTasks).toBeGreaterThanOrEqual(1);
    expect(stats.localTasks + stats.poolTasks).toBe(3);
  });

  it('a task behind the one being written runs on until its share of the piece budget is out', async () => {
    const { port1, port2 } = new MessageChannel();
    const sender = pieceSender(port1, 5);
    const piece = (): BytesPayload => ({ kind: 'bytes', data: new Uint8Array(64), records: 1 });
    // four pieces go out without a wait, the fifth makes the task wait for an acknowledgement
    for (let i = 0; i < 4; i++) expect(sender.send(piece())).toBeUndefined();
    const wait = sender.send(piece());
    expect(wait).toBeInstanceOf(Promise);
    let woke = false;
    void wait!.then(() => { woke = true; });
    port2.postMessage('ack');
    await wait;
    expect(woke).toBe(true);
    expect(sender.sent).toBe(5);
    sender.close();
    port2.close();
    // the share: the budget over the window, never below STREAM_AHEAD
    expect(pieceShare(4)).toBe(8);
  });

  it('a streamed file whose worker dies after its first chunk is read again without the records already written, its rest in pieces too', async () => {
    const serial = bytes(await collect([dir], { threads: 1 }));
    for (const seq of [0, 2, 4]) {
      const stats: ScanStats = { localTasks: 0, poolTasks: 0, localMs: 0 };
      const evs = await collect([dir], { threads: 2, inProcessBelow: 0, mainThreadScans: false, stream: true, streamChunk: 64 << 10, injectFault: { seq, kind: 'exit-streamed' }, stats });
      expect(evs.some((e) => e.kind === 'fault')).toBe(false);
      // the worker did die, and the task run again (on the isolation pool, once its turn to be
      // written came) sent its rest in pieces too, not whole: the killed file's result counts
      // pieces, and no result holds a piece's worth of output (a file that died with it may have
      // sent all its pieces before: its rerun has nothing left to send)
      expect(stats.reruns).toBeGreaterThanOrEqual(1);
      const results = evs.filter((e) => e.kind === 'result');
      expect(results.length).toBe(3);
      // each file is a task and an end item: task seq 2k is file k
      const killed = results.find((e) => path.basename(e.input.display) === `ft-v05.z${seq / 2}`);
      expect(killed?.kind === 'result' && killed.result.pieces).toBeGreaterThan(0);
      for (const e of results) {
        if (e.kind === 'result' && e.result.payload.kind === 'bytes') expect(e.result.payload.data.length).toBeLessThan(64 << 10);
      }
      expect(bytes(evs).equals(serial)).toBe(true);
      expect(counted(evs)).toBe(N);
      // the records read are counted once: the first attempt's are not in the results
      expect(evs.reduce((t, e) => t + (e.kind === 'result' ? e.result.records : 0), 0)).toBe(N);
    }
  });

  it('a consumer that stops after the first chunk ends the scan; the next scan runs normally', async () => {
    const { inputs } = await expandInputs([dir]);
    let seen = 0;
    for await (const ev of scan(inputs, { op: { kind: 'records', byteOrder: 1 }, threads: 2, inProcessBelow: 0, stream: true, streamChunk: 64 << 10 })) {
      if (ev.kind === 'chunk') { seen++; break; }
    }
    expect(seen).toBe(1);
    const serial = bytes(await collect([dir], { threads: 1 }));
    expect(bytes(await collect([dir], { threads: 2, inProcessBelow: 0, stream: true, streamChunk: 64 << 10 })).equals(serial)).toBe(true);
  });

  it('a consumer that stops while a task waits to be run again: the task gives up, the next scan runs normally', async () => {
    const { inputs } = await expandInputs([dir]);
    let seen = 0;
    // the third file's worker dies after its first chunk; its rerun waits for its turn, which never comes
    for await (const ev of scan(inputs, { op: { kind: 'records', byteOrder: 1 }, threads: 2, inProcessBelow: 0, mainThreadScans: false, stream: true, streamChunk: 64 << 10, injectFault: { seq: 4, kind: 'exit-streamed' } })) {
      if (ev.kind === 'chunk') { seen++; break; }
    }
    expect(seen).toBe(1);
    const serial = bytes(await collect([dir], { threads: 1 }));
    expect(bytes(await collect([dir], { threads: 2, inProcessBelow: 0, stream: true, streamChunk: 64 << 10 })).equals(serial)).toBe(true);
  });

  it('a recycling consumer gives each written piece\'s buffer back to the thread that made it', async () => {
    for (const recycle of [true, false]) {
      const stream = new TaskStream(recycle);
      const sender = pieceSender(stream.open(), 4);
      const buf = new Uint8Array(1000);
      // the piece is a view of the first bytes of its task's buffer
      expect(sender.send({ kind: 'bytes', data: buf.subarray(0, 640).fill(7), records: 10 })).toBeUndefined();
      let finish: (n: number) => void = () => undefined;
      const done = new Promise<number>((r) => { finish = r; });
      const it = stream.pieces(done, (n) => n);
      const first = await it.next();
      expect(first.value?.data.length).toBe(640);
      // asking for the next piece says the first is written
      finish(1);
      expect((await it.next()).done).toBe(true);
      await new Promise((r) => setTimeout(r, 20));
      const spare = sender.spare();
      if (recycle) {
        // the whole buffer, and the consumer's view of it is gone
        expect(spare?.length).toBe(1000);
        expect(spare?.[0]).toBe(7);
        expect(first.value?.data.length).toBe(0);
      } else {
        expect(spare).toBeUndefined();
        expect(first.value?.data.length).toBe(640);
      }
      sender.close();
    }
  });

  it('pieces recycled as they are written: the same bytes, the pieces after the first made in buffers given back', async () => {
    const serial = bytes(await collect([dir], { threads: 1 }));
    for (const threads of [1, 2]) {
      const { inputs } = await expandInputs([dir]);
      const got: Buffer[] = [];
      let chunks = 0;
      for await (const ev of scan(inputs, { op: { kind: 'records', byteOrder: 1 }, threads, inProcessBelow: 0, stream: true, streamChunk: 64 << 10, recycleChunks: true })) {
        // a recycling consumer copies (or writes) a chunk before it asks for the next event
        if (ev.kind === 'chunk') { got.push(Buffer.from(ev.payload.data)); chunks++; }
        else if (ev.kind === 'result' && ev.result.payload.kind === 'bytes') got.push(Buffer.from(ev.result.payload.data));
      }
      expect(chunks).toBeGreaterThanOrEqual(6);
      expect(Buffer.concat(got).equals(serial)).toBe(true);
    }
  });

  it('print text streams too: the same text as whole results', async () => {
    const op: ScanOptions['op'] = { kind: 'print', format: 5, wide: false, names: false };
    const whole = bytes(await collect([zfiles[0]!], { threads: 1, op }));
    const evs = await collect([zfiles[0]!], { threads: 2, inProcessBelow: 0, op, stream: true, streamChunk: 64 << 10 });
    expect(evs.filter((e) => e.kind === 'chunk').length).toBeGreaterThanOrEqual(2);
    expect(bytes(evs).equals(whole)).toBe(true);
  });
});
