/**
 * Plain data that crosses threads: what a worker is asked to scan (ScanTask) and what it returns
 * (TaskResult). Everything here survives structured clone; big results travel as transferred
 * ArrayBuffers, stdin chunks as SharedArrayBuffers.
 */
import type { MessagePort } from 'node:worker_threads';
import type { OpSpec, OpPayload } from '../ops/types.ts';
import type { FilterSpec } from '../ops/filter-spec.ts';

/** raw records of a file in [start, end); `eof` when end is the end of the file */
export interface FileRef { kind: 'file'; path: string; fd?: number; start: number; end: number; eof: boolean }
/** a compressed data section: one zlib stream from `start` to the end of the file */
export interface ZFileRef { kind: 'zfile'; path: string; fd?: number; start: number }
/** one small file of a group, and its name for messages */
export interface GroupPart { file: string; data: FileRef | ZFileRef }

/** Where a task's records are. */
export type DataRef =
  | FileRef
  | ZFileRef
  /** decoded records already in shared memory (stdin, read by the coordinator) */
  | { kind: 'shared'; buffer: SharedArrayBuffer; start: number; end: number }
  /** whole small files, consecutive in input order and of one record layout, read one after another */
  | { kind: 'group'; parts: GroupPart[] };

export interface ScanTask {
  /** position of this task in input order; results are merged/written in this order */
  seq: number;
  /** the input's name for messages */
  file: string;
  /** byte offset of the first record of the data section in the original input (for messages) */
  dataStart: number;
  data: DataRef;
  /** layout id ("5", "8.3") of the records; sVersion 1 records are translated first */
  layoutId: string;
  littleEndian: boolean;
  sVersion: number;
  op: OpSpec;
  filter?: FilterSpec;
  /** shared counters [records, bytes] (BigInt64) the task adds to as it goes (progress display) */
  progress?: SharedArrayBuffer;
  /**
   * this attempt's own share of `progress`, added to alike: taken back out when the attempt fails,
   * so a task run again after its worker died is not counted twice
   */
  progressOwn?: SharedArrayBuffer;
  /** emptied result buffers moved back to the thread for reuse (see spares.ts) */
  spares?: ArrayBuffer[];
  /**
   * fault injection for tests: throw when this task runs, kill its thread, kill it once its records
   * are counted, or kill it after its first piece of streamed output (the first attempt only)
   */
  injectFault?: 'throw' | 'exit' | 'exit-late' | 'exit-streamed';
  /** a bytes op's output goes here in pieces of `streamChunk` bytes as the task runs (see task-stream.ts) */
  stream?: MessagePort;
  streamChunk?: number;
  /** pieces the task may have out, not yet acknowledged, before it waits (default STREAM_AHEAD) */
  streamAhead?: number;
  /** records of the op's whose output an earlier attempt of the task already sent in pieces */
  skip?: number;
}

/** Something wrong with an input that did not stop the run. */
export interface Fault {
  file: string;
  /** byte offset in the file (or in the decompressed data for zlib errors, see `inData`) */
  offset: number;
  /** true when `offset` counts decompressed data bytes, not file bytes */
  inData?: boolean;
  code: 'PARTIAL_RECORD' | 'PARTIAL_INFLATED' | 'INFLATE_FAILED' | 'TRAILING_GARBAGE' | 'READ_ERROR' | 'HEADER' | 'OPEN' | 'VERSION_CHANGED' | 'WORKER' | 'SHRUNK';
  /** flow-tools' own message text */
  message: string;
  /** flow-tools prints this warning (false: the read() path of flow-tools is silent here) */
  quietInFlowTools?: boolean;
}

export interface TaskResult {
  seq: number;
  /** records read from the data */
  records: number;
  /** records that passed the filter */
  matched: number;
  /** input bytes consumed */
  bytes: number;
  faults: Fault[];
  /** extra stderr lines the op asks to print (flow-tools warnings per record) */
  warnings?: string;
  payload: OpPayload;
  /** pieces of output this attempt sent on the task's stream before the payload (the rest) */
  pieces?: number;
}
