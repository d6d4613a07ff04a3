/**
 * The operations a scan performs on each record, as data (OpSpec, sent to workers) and as code (Op,
 * built in the worker from the spec). Each op turns the records of one task into a payload the
 * coordinator merges or writes in input order.
 */
import type { Layout } from '../format/layouts.ts';
import type { RecordView } from '../format/record.ts';
import type { PrintSpec } from '../print/spec.ts';
import type { DumpStyle } from '../dump/formats.ts';
import type { StatPayload, StatSpec } from '../stat/partial.ts';
import type { StatJob } from '../stat/jobs.ts';

/** Count records and sum packets/octets: the raw scan. */
export interface CountSpec { kind: 'count' }
/** Return the matching records themselves, in byte order `byteOrder` (1 little, 2 big): flow-cat. */
export interface RecordsSpec { kind: 'records'; byteOrder: number }
/** Machine-readable records: one JSON object per line, or CSV rows. */
export interface ExportSpec { kind: 'export'; format: 'ndjson' | 'csv'; header: boolean }

/** flowdumper's per-flow dump (long, -s, -S or -r raw records). */
export interface DumpSpec { kind: 'dump'; style: DumpStyle }

export type OpSpec = CountSpec | RecordsSpec | PrintSpec | ExportSpec | DumpSpec | StatSpec;

export interface CountPayload { kind: 'count'; flows: number; packets: number; octets: number }
/** Bytes to write to the output in task order (text, or records). */
export interface BytesPayload { kind: 'bytes'; data: Uint8Array; records: number }
export type OpPayload = CountPayload | BytesPayload | StatPayload;

export interface OpContext {
  layout: Layout;
  littleEndian: boolean;
  file: string;
  /** queue a line for stderr (flow-tools warnings), printed in order with the task's output */
  warn(line: string): void;
  /** records the task will see, 0 when unknown (compressed): size output buffers from it */
  expectedRecords: number;
  /**
   * Memory for a result that will be transferred: a reused buffer when the thread has one (its
   * contents are stale: write every byte you hand on), else a new one.
   */
  alloc(bytes: number): ArrayBuffer;
}

export interface Op {
  /** called for every record that passed the filter */
  record(v: RecordView): void;
  /**
   * When there is no filter, called instead of record() with a run of whole records (from, from +
   * size, ... before `to`): an op whose loop is generated for the layout reads them in one call.
   */
  records?(dv: DataView, from: number, to: number): void;
  /**
   * Bytes ops: the output written so far when it is `min` bytes or more (the task streams it; see
   * chunks.ts), else null; the output goes on in `spare` when given (a written piece's buffer).
   * finish() then hands over the rest.
   */
  take?(min: number, spare?: Uint8Array): BytesPayload | null;
  /** the payload, plus the ArrayBuffers to transfer instead of copy */
  finish(): { payload: OpPayload; transfer: ArrayBuffer[] };
}

/**
 * Work of an op beyond scanning that can run on pool workers and the main thread alike (the
 * parallel merge and printing of a big report); all its data is plain or shared memory.
 */
export type JobSpec = StatJob;

/** A job's result, plus the ArrayBuffers to transfer instead of copy. */
export interface JobOutput { result: unknown; transfer: ArrayBuffer[] }
