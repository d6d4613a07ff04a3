/**
 * Standard input that is a pipe: the coordinator reads it (and inflates it when compressed) into
 * SharedArrayBuffer chunks of whole records, and hands each chunk to a worker as a task, zero-copy.
 * Chunks are recycled when their task is done, so memory stays bounded however long the stream.
 */
import { inflateRecords } from '../io/inflate.ts';
import { inflateFaults } from './inflate-faults.ts';
import { readSome } from '../io/fd-read.ts';
import type { OpenedInput } from './open.ts';
import type { Fault } from './types.ts';

export const FEED_CHUNK = 4 << 20;

export interface FeedChunk {
  buffer: SharedArrayBuffer;
  start: number;
  end: number;
}

/** Free list of chunk buffers. */
export class ChunkPool {
  private readonly free: SharedArrayBuffer[] = [];
  constructor(readonly size: number) {}
  get(): SharedArrayBuffer {
    return this.free.pop() ?? new SharedArrayBuffer(this.size);
  }
  release(b: SharedArrayBuffer): void {
    if (b.byteLength === this.size && this.free.length < 64) this.free.push(b);
  }
}

/** Raw records from a pipe, in chunks of whole records. Reports a trailing partial record. */
export async function* feedRaw(inp: OpenedInput, pool: ChunkPool, faults: Fault[]): AsyncGenerator<FeedChunk> {
  const rec = inp.inRecSize;
  const cap = pool.size - (pool.size % rec);
  let buf = pool.get();
  let u8 = new Uint8Array(buf);
  let have = 0;
  let offset = inp.dataStart;
  for (;;) {
    const n = readSome(inp.fd, u8, have, cap - have, null);
    if (n === 0) break;
    have += n;
    if (have === cap) {
      yield { buffer: buf, start: 0, end: cap };
      offset += cap;
      buf = pool.get();
      u8 = new Uint8Array(buf);
      have = 0;
      await new Promise<void>((r) => setImmediate(r)); // let finished tasks be collected
    }
  }
  const whole = have - (have % rec);
  if (whole > 0) yield { buffer: buf, start: 0, end: whole };
  else pool.release(buf);
  if (have > whole) {
    faults.push({
      file: inp.display, offset: offset + whole, code: 'PARTIAL_RECORD', message: 'Warning, partial record before EOF',
      quietInFlowTools: true,
    });
  }
}

/** A compressed pipe, inflated on the coordinator into chunks of whole records. */
export async function* feedCompressed(inp: OpenedInput, pool: ChunkPool, faults: Fault[]): AsyncGenerator<FeedChunk> {
  const queue: FeedChunk[] = [];
  let wake: (() => void) | null = null;
  let done = false;
  let buf = pool.get();
  let fill = 0;
  const cap = pool.size - (pool.size % inp.inRecSize);
  const raw: Uint8Array[] = [];
  let rawBytes = 0;

  const push = (c: FeedChunk): void => {
    queue.push(c);
    wake?.();
  };
  const onRecords = (bytes: Uint8Array): void => {
    let off = 0;
    while (off < bytes.length) {
      const n = Math.min(cap - fill, bytes.length - off);
      new Uint8Array(buf, fill, n).set(bytes.subarray(off, off + n));
      fill += n;
      off += n;
      if (fill === cap) {
        push({ buffer: buf, start: 0, end: fill });
        buf = pool.get();
        fill = 0;
      }
    }
  };
  // the compressed bytes are kept only as far as needed to recover from a corrupt stream
  async function* input(): AsyncGenerator<Uint8Array> {
    for (;;) {
      const b = new Uint8Array(1 << 20);
      const n = readSome(inp.fd, b, 0, b.length, null);
      if (n === 0) return;
      const chunk = b.subarray(0, n);
      if (rawBytes < 256 << 20) { raw.push(chunk); rawBytes += n; }
      yield chunk;
      await new Promise<void>((r) => setImmediate(r));
    }
  }
  const run = inflateRecords(input, inp.inRecSize, onRecords, async () => Buffer.concat(raw)).then((outcome) => {
    if (fill > 0) push({ buffer: buf, start: 0, end: fill });
    faults.push(...inflateFaults(outcome, inp.display, inp.dataStart));
  }).finally(() => {
    done = true;
    wake?.();
  });
  for (;;) {
    if (queue.length) { yield queue.shift()!; continue; }
    if (done) break;
    await new Promise<void>((r) => { wake = r; });
    wake = null;
  }
  await run;
}
