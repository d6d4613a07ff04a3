/**
 * The output of a bytes op (print, records, export, dump) handed over in pieces while its task
 * runs: a compressed file is one task however big, and its whole output held until the task ends
 * made `print` of one zlib file of 4M flows peak at 630-730 MB. A streamed task hands over what it
 * has written whenever that reaches the chunk size; its result then carries only the rest.
 */
import type { TextBuf } from '../util/textbuf.ts';
import type { BytesPayload, Op } from './types.ts';

/** Counts a bytes op's records in the pieces handed over so far. */
export class Chunker {
  /** records whose bytes went out in earlier pieces */
  private taken = 0;

  constructor(private readonly out: TextBuf) {}

  /**
   * The bytes written so far if they are `min` or more (and `n` records in all so far), else null;
   * the output goes on in `spare` if it is big enough (a piece written and given back).
   */
  take(min: number, n: number, spare?: Uint8Array): BytesPayload | null {
    if (this.out.len < min || this.out.len === 0) return null;
    // the next piece's buffer sized for a piece: growing from 1 KiB would copy it a dozen times
    const data = this.out.handOver(min + (min >>> 3), spare);
    const records = n - this.taken;
    this.taken = n;
    return { kind: 'bytes', data, records };
  }

  /** The records since the last piece (the final result's share). */
  rest(n: number): number {
    return n - this.taken;
  }
}

/**
 * The op without its first `skip` records: an earlier attempt of the task (its worker died) sent
 * their output in pieces already.
 */
export function skipping(op: Op, skip: number, size: number): Op {
  let left = skip;
  const out: Op = {
    record(v) {
      if (left > 0) { left--; return; }
      op.record(v);
    },
    finish: () => op.finish(),
  };
  if (op.take) out.take = (min, spare) => op.take!(min, spare);
  const run = op.records;
  if (run) {
    out.records = (dv, from, to) => {
      if (left > 0) {
        const k = Math.min(left, (to - from) / size);
        left -= k;
        from += k * size;
      }
      if (from < to) run(dv, from, to);
    };
  }
  return out;
}
