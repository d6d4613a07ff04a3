/**
 * Streaming inflate of a flow-tools data section (one zlib stream, FORMAT.md 5.2), delivering
 * record-aligned chunks. Node's inflate drops the output of the call that fails, so after a
 * corrupt-data error the exact tail flow-tools would still have produced is recovered by inflating
 * the longest error-free prefix of the input (rare, only on damaged files).
 */
import { lazyZlib } from '../util/lazy-zlib.ts';

export interface InflateOutcome {
  /** decompressed bytes delivered (whole records only) */
  delivered: number;
  /** bytes of a partial record left at the end (flow-tools: "partial inflated record") */
  partial: number;
  /** corrupt data: "inflate(): failed" */
  failed: boolean;
  /** decompressed offset where the failure was detected */
  failedAt: number;
  /** compressed bytes left after the end of the zlib stream (flow-tools' read() path loops on them) */
  trailing: number;
  /** compressed bytes the zlib stream took */
  consumed: number;
}

const CHUNK = 1 << 20;
/** the smallest output chunk asked of zlib for a small compressed section */
const MIN_CHUNK = 64 << 10;

/**
 * zlib's output chunk for `compressed` input bytes (0: unknown): about what it inflates to (flow
 * data deflates 1.5-2x), at most CHUNK. zlib takes a new buffer of this size for every chunk it
 * fills, so 1 MiB per stream made 10,000 small files allocate 10 GB and collect it.
 */
function chunkFor(compressed: number): number {
  if (compressed <= 0) return CHUNK;
  let c = MIN_CHUNK;
  while (c < CHUNK && c < compressed * 4) c *= 2;
  return c;
}

/**
 * Inflate `input` chunks (async iterable of compressed bytes) and call `onRecords(bytes)` with
 * buffers holding whole records of `recSize` bytes. `input` may be re-read from the start by
 * `reread` for exact error recovery. `compressedBytes`, when known, sizes zlib's output chunks.
 */
export async function inflateRecords(
  input: () => AsyncIterable<Uint8Array>,
  recSize: number,
  onRecords: (bytes: Uint8Array) => void | Promise<void>,
  readAll: () => Promise<Uint8Array>,
  compressedBytes = 0,
): Promise<InflateOutcome> {
  const zlib = lazyZlib();
  const inf = zlib.createInflate({ chunkSize: chunkFor(compressedBytes) });
  let carry: Uint8Array | null = null;
  let delivered = 0;
  let seen = 0; // decompressed bytes received
  const deliver = async (c: Uint8Array): Promise<void> => {
    seen += c.length;
    let data = c;
    if (carry) {
      const joined = new Uint8Array(carry.length + c.length);
      joined.set(carry);
      joined.set(c, carry.length);
      data = joined;
      carry = null;
    }
    const whole = data.length - (data.length % recSize);
    if (whole < data.length) carry = data.slice(whole);
    if (whole > 0) {
      delivered += whole;
      await onRecords(data.subarray(0, whole));
    }
  };

  let fedBytes = 0;
  let streamError = false;
  inf.once('error', () => { streamError = true; });
  const feed = (async () => {
    try {
      for await (const chunk of input()) {
        fedBytes += chunk.length;
        // the deflate stream ended before the input: go on reading only to count the trailing bytes
        if (inf.destroyed) { if (streamError) return; continue; }
        if (!inf.write(chunk)) {
          // a stream that fails while we wait never drains: wake on close too
          await new Promise<void>((r) => {
            const wake = (): void => { inf.off('drain', wake); inf.off('close', wake); r(); };
            inf.once('drain', wake);
            inf.once('close', wake);
          });
        }
      }
      if (!inf.destroyed) inf.end();
    } catch (e) {
      inf.destroy(e as Error);
    }
  })();

  let failed = false;
  let errored = false;
  // an error of the records' consumer (a filter that throws, say) is not corrupt data: it is passed on
  let consumerError: { e: unknown } | null = null;
  try {
    for await (const out of inf) {
      try { await deliver(out as Buffer); } catch (e) { consumerError = { e }; break; }
    }
  } catch (e) {
    errored = true;
    const code = (e as NodeJS.ErrnoException).code;
    // Z_BUF_ERROR at the end = the stream is simply truncated: no inflate failure in flow-tools' sense
    if (code !== 'Z_BUF_ERROR') failed = true;
  }
  await feed.catch(() => undefined);
  if (consumerError) throw consumerError.e;

  if (errored) {
    // recover the records decoded before the error point, which Node's inflate discarded
    const all = await readAll();
    const good = longestGoodPrefixOutput(all);
    if (good && good.length > seen) await deliver(good.subarray(seen));
  }
  const trailing = errored ? 0 : Math.max(0, fedBytes - inf.bytesWritten);
  return { delivered, partial: carry ? (carry as Uint8Array).length : 0, failed, failedAt: seen, trailing, consumed: inf.bytesWritten };
}

/** Output of the longest prefix of `input` that inflates without a data error. */
function longestGoodPrefixOutput(input: Uint8Array): Uint8Array | null {
  const zlib = lazyZlib();
  const opts = { finishFlush: zlib.constants.Z_SYNC_FLUSH };
  const attempt = (k: number): Buffer | null => {
    try {
      return zlib.inflateSync(input.subarray(0, k), opts);
    } catch {
      return null;
    }
  };
  const whole = attempt(input.length);
  if (whole) return whole;
  let lo = 0;
  let hi = input.length;
  let best: Buffer | null = null;
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    const r = attempt(mid);
    if (r) { lo = mid; best = r; } else hi = mid;
  }
  return best;
}

/**
 * The output chunk of a section of n compressed bytes inflated in one call: room for four times
 * them (flow records compress 1.2-5 times: the bench archive's 1.23), so one chunk holds the
 * records. The default 16 KiB took three buffers a small file (two chunks and their concatenation).
 */
function wholeChunk(n: number): number {
  let c = 16 << 10;
  while (c < n * 4 && c < 4 << 20) c *= 2;
  return c;
}

/**
 * A small compressed section inflated in one call, or null when it is not clean (corrupt, cut short,
 * ending in a partial record, or followed by more bytes): inflateRecords then reads it again and
 * reports exactly what flow-tools would. A stream per file cost an archive of 10,000 small files
 * about 0.4 ms a file in stream machinery alone.
 */
export function inflateWhole(data: Uint8Array, recSize: number): Uint8Array | null {
  const zlib = lazyZlib();
  let r: { buffer: Buffer; engine: { bytesWritten: number } };
  try {
    r = zlib.inflateSync(data, { info: true, chunkSize: wholeChunk(data.length) }) as unknown as typeof r;
  } catch {
    return null;
  }
  if (r.engine.bytesWritten !== data.length || r.buffer.length % recSize !== 0) return null;
  return r.buffer;
}
