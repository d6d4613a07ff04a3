/**
 * The scan's tasks in input order, as the coordinator plans them: record-aligned ranges of a raw
 * file (the first ones ramping up from firstRangeBytes, so that results start early), one task per
 * zlib stream, shared-memory chunks of a piped input, and (with groupSmall) consecutive small files
 * of one record layout in one task (groups.ts). Each input's end follows its tasks.
 */
import type { OpenedInput } from './open.ts';
import type { ScanOptions } from './scan.ts';
import { ChunkPool, FEED_CHUNK, feedCompressed, feedRaw } from './stdin-feed.ts';
import type { Fault, ScanTask } from './types.ts';
import { groupable, groupPart, rawBytes, sameRecords } from './groups.ts';

/** A task or an input's end; a group's task carries its files' ends (one item: the window counts tasks). */
export type Item = { seq: number; task?: ScanTask; end?: { input: OpenedInput; faults: Fault[] }; ends?: OpenedInput[]; input: OpenedInput; release?: () => void };

export class TaskPlan {
  /** bytes of piped input fed so far (the scan's pool decision counts them) */
  fed = 0;
  private seq = 0;
  /** the size of the next ramp-up task (firstRangeBytes, doubled each task) until it reaches rangeBytes */
  private ramp: number;
  private readonly chunks = new ChunkPool(FEED_CHUNK);
  /** small files gathered so far, and the raw bytes they count as */
  private group: OpenedInput[] = [];
  private groupBytes = 0;

  constructor(private readonly inputs: OpenedInput[], private readonly opts: ScanOptions, private readonly rangeBytes: number) {
    this.ramp = opts.firstRangeBytes ?? rangeBytes;
  }

  async *items(): AsyncGenerator<Item> {
    for (const input of this.inputs) {
      if (this.opts.groupSmall && groupable(input)) {
        const est = rawBytes(input);
        if (this.group.length && (!sameRecords(this.group[0]!, input) || this.groupBytes + est > this.rangeBytes)) yield* this.flushGroup();
        this.group.push(input);
        this.groupBytes += est;
        continue;
      }
      yield* this.flushGroup();
      yield* this.oneInput(input);
    }
    yield* this.flushGroup();
  }

  private baseOf(input: OpenedInput): Omit<ScanTask, 'seq' | 'data'> {
    const o = this.opts;
    return {
      file: input.display, dataStart: input.dataStart, layoutId: input.layout.id,
      littleEndian: input.header.littleEndian, sVersion: input.header.sVersion, op: o.op, filter: o.filter,
      progress: o.progress,
    };
  }

  /** One input's tasks (ranges, a zlib stream, or stdin chunks), then its end. */
  private async *oneInput(input: OpenedInput): AsyncGenerator<Item> {
    const base = this.baseOf(input);
    const faults: Fault[] = [];
    const rangeBytes = this.rangeBytes;
    if (input.seekable) {
      const fd = input.path === '' ? 0 : undefined;
      if (input.compressed) {
        const seq = this.seq++;
        yield { seq, input, task: { ...base, seq, data: { kind: 'zfile', path: input.path, fd, start: input.dataStart } } };
      } else {
        const rec = input.inRecSize;
        const full = Math.max(rec, rangeBytes - (rangeBytes % rec));
        for (let s = input.dataStart; ;) {
          let step = full;
          if (this.ramp < rangeBytes) { step = Math.max(rec, Math.min(full, this.ramp - (this.ramp % rec))); this.ramp *= 2; }
          const e = Math.min(input.size, s + step);
          // a trailing partial record belongs to the last range
          const end = e === input.size || input.size - e >= rec ? e : input.size;
          const seq = this.seq++;
          yield { seq, input, task: { ...base, seq, data: { kind: 'file', path: input.path, fd, start: s, end, eof: end === input.size } } };
          if (end === input.size) break;
          s = end;
        }
      }
    } else {
      const chunks = this.chunks;
      const feed = input.compressed ? feedCompressed(input, chunks, faults) : feedRaw(input, chunks, faults);
      for await (const c of feed) {
        this.fed += c.end - c.start;
        const seq = this.seq++;
        yield { seq, input, release: () => chunks.release(c.buffer), task: { ...base, seq, data: { kind: 'shared', buffer: c.buffer, start: c.start, end: c.end } } };
      }
    }
    yield { seq: this.seq++, input, end: { input, faults } };
  }

  /** The small files gathered so far: one task (a single file: its own tasks), carrying their ends. */
  private async *flushGroup(): AsyncGenerator<Item> {
    const g = this.group;
    this.group = [];
    this.groupBytes = 0;
    if (g.length === 0) return;
    if (g.length === 1) { yield* this.oneInput(g[0]!); return; }
    const seq = this.seq++;
    yield { seq, input: g[0]!, ends: g, task: { ...this.baseOf(g[0]!), seq, data: { kind: 'group', parts: g.map(groupPart) } } };
  }
}
