/**
 * Runs one ScanTask: reads the task's records (a raw file range, a whole zlib stream, or shared
 * memory filled by the coordinator), applies the filter and feeds the op. The same code runs inside
 * pool workers and in-process for small inputs. Buffers are reused across tasks (WorkerState).
 */
import fs from 'node:fs';
import { LAYOUTS, type Layout } from '../format/layouts.ts';
import { RecordView } from '../format/record.ts';
import { translateV1Records } from '../format/compat-v1.ts';
import { inflateRecords, inflateWhole } from '../io/inflate.ts';
import { inflateFaults } from './inflate-faults.ts';
import { readSome } from '../io/fd-read.ts';
import { createOp } from '../ops/registry.ts';
import type { Op, OpContext, OpSpec } from '../ops/types.ts';
import { compileFilter, type Predicate } from '../ops/filter-compile.ts';
import { skipping } from '../ops/chunks.ts';
import { Spares } from './spares.ts';
import { pieceSender, STREAM_CHUNK, type PieceSender } from './task-stream.ts';
import type { DataRef, Fault, ScanTask, TaskResult } from './types.ts';

/** Per-thread state kept between tasks: the read buffer, the compiled-filter cache, spare result buffers. */
export interface WorkerState {
  /** grown on demand up to READ_CHUNK, then reused (allocating shared memory per task is costly) */
  readBuffer: Uint8Array;
  /** a small compressed section's bytes, read whole and inflated in one call (reused: see readSmall) */
  smallBuffer: Uint8Array;
  filterCache: Map<string, Predicate>;
  /** result buffers the coordinator sent back, for the op's next results (see spares.ts) */
  spares: Spares;
}

const READ_CHUNK = 4 << 20;
const ZREAD_CHUNK = 1 << 20;
/** the read that looks past a compressed file's size (finds its end, or bytes written since) */
const PROBE_BYTES = 4096;
/** compressed sections up to this size are inflated in one call when clean (inflateWhole) */
const WHOLE_INFLATE_MAX = 1 << 20;

/** `spares`: the thread's store of reusable result buffers (the coordinator passes its own). */
export function newWorkerState(spares = new Spares()): WorkerState {
  return {
    // SharedArrayBuffer-backed so the same buffer can be handed to other threads without copying
    readBuffer: new Uint8Array(0),
    smallBuffer: new Uint8Array(0),
    filterCache: new Map(),
    spares,
  };
}

/**
 * The op of a task the coordinator runs itself, when the caller wants another than the workers'
 * (a report adding straight into its own table); undefined: the usual one.
 */
export type LocalOp = (spec: OpSpec, ctx: OpContext) => Op | undefined;

export async function runScanTask(task: ScanTask, state: WorkerState, localOp?: LocalOp): Promise<{ result: TaskResult; transfer: ArrayBuffer[]; busyMs: number }> {
  if (task.injectFault === 'throw') throw new Error(`injected fault in ${task.file} task ${task.seq}`);
  if (task.injectFault === 'exit') {
    // die a moment after starting, as a real crash would: the worker's other tasks are in flight
    await new Promise((r) => setTimeout(r, 10));
    process.exit(70);
  }
  for (const b of task.spares ?? []) state.spares.give(b);
  const layout = LAYOUTS.get(task.layoutId);
  if (!layout) throw new Error(`unknown record layout ${task.layoutId}`);
  const warnings: string[] = [];
  const d = task.data;
  const rawOf = (x: DataRef): number => (x.kind === 'zfile' ? 0 : x.kind === 'group' ? x.parts.reduce((t, q) => t + rawOf(q.data), 0) : x.end - x.start);
  const dataBytes = rawOf(d);
  const ctx: OpContext = {
    layout,
    littleEndian: task.littleEndian,
    file: task.file,
    warn: (line) => warnings.push(line),
    expectedRecords: Math.ceil(dataBytes / layout.size),
    alloc: (bytes) => state.spares.take(bytes),
  };
  const made = localOp?.(task.op, ctx) ?? await createOp(task.op, ctx);
  const op = task.skip ? skipping(made, task.skip, layout.size) : made;
  // a whole compressed file's output in pieces as it is read (see task-stream.ts)
  const sender = task.stream && op.take ? pieceSender(task.stream, task.streamAhead) : null;
  try {
    return await runTask(task, state, op, ctx, sender, warnings);
  } finally {
    if (sender) sender.close(); else task.stream?.close();
  }
}

async function runTask(task: ScanTask, state: WorkerState, op: Op, ctx: OpContext, sender: PieceSender | null, warnings: string[]): Promise<{ result: TaskResult; transfer: ArrayBuffer[]; busyMs: number }> {
  const layout = ctx.layout;
  const d = task.data;
  const faults: Fault[] = [];
  const pred = task.filter ? await compileFilter(task.filter, layout, state.filterCache) : null;
  const view = new RecordView(layout, new DataView(new ArrayBuffer(0)), task.littleEndian);
  const inSize = task.sVersion === 1 ? 60 : layout.size;
  let records = 0;
  let matched = 0;
  let bytes = 0;
  const progress = task.progress ? new BigInt64Array(task.progress) : null;
  const own = task.progressOwn ? new BigInt64Array(task.progressOwn) : null;

  let busyMs = 0;
  // the section being read (a group reads several), for messages that name a record
  let cur: { file: string; d: DataRef; bytesBefore: number } = { file: task.file, d, bytesBefore: 0 };
  const consume = (buf: Uint8Array): void => {
    const t0 = performance.now();
    let data = buf;
    if (task.sVersion === 1) data = translateV1Records(buf, layout, task.littleEndian);
    const dv = new DataView(data.buffer, data.byteOffset, data.byteLength);
    view.dv = dv;
    const size = layout.size;
    const end = data.byteLength - (data.byteLength % size);
    let n = 0;
    if (pred === null) {
      if (op.records) op.records(dv, 0, end);
      else for (let p = 0; p < end; p += size) { view.p = p; op.record(view); }
      n = end / size;
      matched += n;
    } else {
      let p = 0;
      try {
        if (op.records) {
          // kept records in runs go to the op's whole-buffer loop: a time window keeps whole
          // files and long stretches, and even scattered matches come in runs
          let run = -1;
          for (; p < end; p += size) {
            view.p = p;
            if (pred(view)) { if (run < 0) run = p; }
            else if (run >= 0) { op.records(dv, run, p); matched += (p - run) / size; run = -1; }
          }
          if (run >= 0) { op.records(dv, run, end); matched += (end - run) / size; }
          n = end / size;
        } else {
          for (; p < end; p += size) {
            view.p = p;
            n++;
            if (pred(view)) { matched++; op.record(view); }
          }
        }
      } catch (e) {
        // name the record (a --where expression can fail at run time: Illegal division by zero)
        const c = cur.d, into = bytes - cur.bytesBefore + p;
        const at = c.kind === 'file' ? `byte ${c.start + into}` : c.kind === 'zfile' ? `data byte ${into}` : `byte ${p}`;
        throw new Error(`${d.kind === 'group' ? `${cur.file}: ` : ''}${at}: the filter failed on this record: ${(e as Error).message}`);
      }
    }
    records += n;
    busyMs += performance.now() - t0;
    bytes += buf.byteLength;
    if (progress) {
      Atomics.add(progress, 0, BigInt(n));
      Atomics.add(progress, 1, BigInt(buf.byteLength));
      if (own) { Atomics.add(own, 0, BigInt(n)); Atomics.add(own, 1, BigInt(buf.byteLength)); }
    }
  };

  // consume, then send the output so far when it makes a piece (and wait when pieces are out)
  const piece = task.streamChunk ?? STREAM_CHUNK;
  const streamed = (buf: Uint8Array): Promise<void> | undefined => {
    consume(buf);
    const p = op.take!(piece, sender!.spare());
    if (!p) return undefined;
    const wait = sender!.send(p);
    if (task.injectFault === 'exit-streamed') process.exit(70);
    return wait;
  };

  /** Read one data section of `file` through consume, noting its faults. */
  const readData = async (file: string, d: Exclude<DataRef, { kind: 'group' }>): Promise<void> => {
    if (d.kind === 'shared') {
      consume(new Uint8Array(d.buffer, d.start, d.end - d.start));
    } else if (d.kind === 'file') {
      const stop = readRange(d.path, d.fd, d.start, d.end, inSize, readBuffer(state, d.end - d.start, inSize), consume, (tail, at) => {
        if ((d.eof || at < d.end) && tail > 0) {
          faults.push({ file, offset: at - tail, code: 'PARTIAL_RECORD', message: 'Warning, partial record before EOF' });
        }
      });
      if (stop < d.end) {
        // the file is shorter than when the run planned it: it shrank (or was replaced) while being read
        faults.push({ file, offset: stop, code: 'SHRUNK', message: `file ended here, before the ${d.end} bytes it had when the run began (it changed while being read)` });
      }
    } else {
      const fd = d.fd ?? fs.openSync(d.path, 'r');
      try {
        const size = sizeOf(fd);
        const small = size > d.start && size - d.start <= WHOLE_INFLATE_MAX;
        const whole = small ? inflateWhole(readSmall(state, fd, d.start, size), inSize) : null;
        if (whole) {
          // a clean small section, inflated in one call
          if (whole.length) consume(whole);
        } else {
          const outcome = await inflateRecords(
            () => readChunks(fd, d.start, size),
            inSize,
            sender ? streamed : consume,
            async () => readRest(fd, d.start, size),
            Math.max(0, size - d.start),
          );
          faults.push(...inflateFaults(outcome, file, d.start));
        }
      } finally {
        if (d.fd === undefined) fs.closeSync(fd);
      }
    }
  };

  if (d.kind === 'group') {
    // a group's files one after another: its parts' own names in faults and messages
    for (const part of d.parts) {
      cur = { file: part.file, d: part.data, bytesBefore: bytes };
      await readData(part.file, part.data);
    }
  } else {
    await readData(task.file, d);
  }

  if (task.injectFault === 'exit-late') process.exit(70); // a crash after the records were counted
  const tf = performance.now();
  const { payload, transfer } = op.finish();
  busyMs += performance.now() - tf;
  const result: TaskResult = { seq: task.seq, records, matched, bytes, faults, payload };
  if (sender) result.pieces = sender.sent;
  if (warnings.length) result.warnings = warnings.join('');
  return { result, transfer, busyMs };
}

/** The thread's read buffer, grown (in SharedArrayBuffer memory) to fit `want` bytes, at most READ_CHUNK. */
function readBuffer(state: WorkerState, want: number, recSize: number): Uint8Array {
  const need = Math.min(READ_CHUNK, Math.max(recSize * 2, want + recSize));
  if (state.readBuffer.length < need) {
    const size = Math.min(READ_CHUNK, Math.max(need, state.readBuffer.length * 2));
    state.readBuffer = new Uint8Array(new SharedArrayBuffer(size));
  }
  return state.readBuffer;
}

/**
 * Read raw records in [start, end) through the reused buffer; report a trailing partial record and
 * where the reading stopped. Returns that offset: `end`, or less when the file ended early.
 */
function readRange(
  path: string, givenFd: number | undefined, start: number, end: number, recSize: number,
  buffer: Uint8Array, consume: (b: Uint8Array) => void, onTail: (tailBytes: number, at: number) => void,
): number {
  const fd = givenFd ?? fs.openSync(path, 'r');
  try {
    const cap = buffer.length - (buffer.length % recSize);
    let pos = start;
    let carry = 0;
    while (pos < end) {
      const want = Math.min(cap - carry, end - pos);
      const n = readSome(fd, buffer, carry, want, pos);
      if (n === 0) break;
      pos += n;
      const have = carry + n;
      const whole = have - (have % recSize);
      if (whole > 0) consume(buffer.subarray(0, whole));
      carry = have - whole;
      if (carry) buffer.copyWithin(0, whole, have);
    }
    onTail(carry, pos);
    return pos;
  } finally {
    if (givenFd === undefined) fs.closeSync(fd);
  }
}

/**
 * A compressed section's bytes from `start` on, in new buffers (the inflater may hold a chunk after
 * it is handed on). Each is sized to what the file still holds, at most ZREAD_CHUNK, and left
 * unzeroed (only the bytes read are handed on): a 1 MiB zeroed buffer per read made an archive of
 * 10,000 small files allocate 20 GB, half of it for the read that finds the end.
 */
function* chunksFrom(fd: number, start: number, size: number): Generator<Uint8Array> {
  let pos = start;
  for (;;) {
    // past the size the file had, a small read finds the end (or what was written since)
    const room = Math.min(ZREAD_CHUNK, Math.max(PROBE_BYTES, size - pos));
    const buf = Buffer.allocUnsafeSlow(room);
    const n = readSome(fd, buf, 0, room, pos);
    if (n === 0) return;
    pos += n;
    yield buf.subarray(0, n);
  }
}

async function* readChunks(fd: number, start: number, size: number): AsyncGenerator<Uint8Array> {
  yield* chunksFrom(fd, start, size);
}

function readRest(fd: number, start: number, size: number): Uint8Array {
  return Buffer.concat([...chunksFrom(fd, start, size)]);
}

/**
 * A small compressed section's bytes from `start` to the end of the file, read until a read returns
 * 0 (as chunksFrom reads: the file may have grown), into the thread's reused buffer: the caller
 * inflates them in one call before the next read. New buffers per file (three: the read, the read
 * finding the end, their concatenation) cost an archive of 10,000 small files 0.65 s of CPU in
 * allocation, on memory the collector freed late.
 */
export function readSmall(state: WorkerState, fd: number, start: number, size: number): Uint8Array {
  let buf = state.smallBuffer, n = 0;
  for (;;) {
    // room for what the file holds and a probe past it
    const want = n + Math.max(PROBE_BYTES, size - start - n);
    if (buf.length < want) {
      const grown = Buffer.allocUnsafeSlow(Math.max(want, Math.min(buf.length * 2, WHOLE_INFLATE_MAX + PROBE_BYTES)));
      grown.set(buf.subarray(0, n));
      buf = state.smallBuffer = grown;
    }
    const got = readSome(fd, buf, n, buf.length - n, start + n);
    if (got === 0) return buf.subarray(0, n);
    n += got;
  }
}

/** The file's size now, 0 when unknown (a pipe, an odd file: then it is read until a read returns 0). */
function sizeOf(fd: number): number {
  try { return fs.fstatSync(fd).size; } catch { return 0; }
}

export type { Layout };
