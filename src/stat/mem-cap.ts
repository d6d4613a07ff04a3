/**
 * The aggregation memory cap (--max-memory): every thread that allocates a table's typed arrays
 * (workers' stages and partials, merge jobs' segments) charges their bytes to one shared counter
 * before allocating, and gets MemCapExceeded instead of the memory when the charge would pass the
 * cap. The thread that hits the cap records it (and the distinct keys it had reached) in the shared
 * memory too, so the coordinator can tell a cap from any other failure of a task. The drop-in
 * flow-stat has the same default cap (80% of the memory the process may use), set by the
 * FLOWSIFT_MAX_MEMORY environment variable since it cannot take an option flow-tools lacks.
 */
import os from 'node:os';

/** Shared state of one capped run (crosses threads with the op spec or job). */
export interface MemCapRef {
  /**
   * Int32 slots: KiB in use, cap hit (0/1), distinct keys at the hit, distinct keys merged so far,
   * the most distinct keys one task's partial held (a lower bound while the scan runs)
   */
  buf: SharedArrayBuffer;
  /** the cap, KiB */
  capKiB: number;
}

const USED = 0, HIT = 1, HIT_KEYS = 2, MERGED_KEYS = 3, TASK_KEYS = 4;

export class MemCapExceeded extends Error {
  constructor(readonly keys: number) {
    super(`aggregation memory cap reached at ${keys} distinct keys`);
    this.name = 'MemCapExceeded';
  }
}

export function newMemCap(bytes: number): MemCapRef {
  return { buf: new SharedArrayBuffer(20), capKiB: Math.max(1, Math.floor(bytes / 1024)) };
}

/** Charges and releases bytes against a cap (no cap: does nothing). */
export class MemMeter {
  private readonly a: Int32Array | null;
  private readonly capKiB: number;
  /** bytes this meter charged and has not released */
  held = 0;

  constructor(ref: MemCapRef | undefined) {
    this.a = ref ? new Int32Array(ref.buf) : null;
    this.capKiB = ref ? ref.capKiB : 0;
  }

  /** Charge `bytes` about to be allocated; `keys`: distinct keys the table has reached (for the message). */
  charge(bytes: number, keys: number): void {
    if (!this.a || bytes <= 0) return;
    const kib = Math.ceil(bytes / 1024);
    const used = Atomics.add(this.a, USED, kib) + kib;
    if (used > this.capKiB) {
      Atomics.sub(this.a, USED, kib);
      const k = Math.max(keys, Atomics.load(this.a, MERGED_KEYS), Atomics.load(this.a, TASK_KEYS));
      if (Atomics.compareExchange(this.a, HIT, 0, 1) === 0) Atomics.store(this.a, HIT_KEYS, Math.min(k, 0x7fffffff));
      throw new MemCapExceeded(k);
    }
    this.held += kib * 1024;
  }

  /** Release bytes charged before (by this meter or, for handed-over buffers, another one). */
  release(bytes: number): void {
    if (!this.a || bytes <= 0) return;
    const kib = Math.ceil(bytes / 1024);
    Atomics.sub(this.a, USED, kib);
    this.held = Math.max(0, this.held - kib * 1024);
  }

  /** Release everything this meter still holds. */
  releaseAll(): void {
    this.release(this.held);
    this.held = 0;
  }

  /** Note a task's distinct keys (the largest is a lower bound of the run's). */
  taskKeys(keys: number): void {
    if (!this.a) return;
    const k = Math.min(keys, 0x7fffffff);
    for (let v = Atomics.load(this.a, TASK_KEYS); v < k; v = Atomics.load(this.a, TASK_KEYS)) {
      if (Atomics.compareExchange(this.a, TASK_KEYS, v, k) === v) break;
    }
  }

  /** Count keys a merge added to the merged table. */
  merged(keys: number): void {
    if (this.a && keys > 0) Atomics.add(this.a, MERGED_KEYS, keys);
  }
}

/** The distinct keys at which a run hit its cap, or -1 when it did not. */
export function capHit(ref: MemCapRef | undefined): number {
  if (!ref) return -1;
  const a = new Int32Array(ref.buf);
  return Atomics.load(a, HIT) ? Math.max(Atomics.load(a, HIT_KEYS), Atomics.load(a, MERGED_KEYS), Atomics.load(a, TASK_KEYS)) : -1;
}

const UNITS: Record<string, number> = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3, T: 1024 ** 4 };

/** A size such as 512M, 2G, 1.5GiB or plain bytes, in bytes; undefined when it is not one. */
export function sizeBytes(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kKmMgGtT]?)(?:i?[bB])?\s*$/.exec(text);
  const bytes = m ? Math.floor(Number(m[1]) * UNITS[m[2]!.toUpperCase()]!) : NaN;
  return Number.isFinite(bytes) && bytes >= 1 ? bytes : undefined;
}

/** The cap when none is given: 80% of the memory this process may use (the cgroup limit, else RAM). */
export function defaultMaxMemory(): number {
  const limit = typeof process.constrainedMemory === 'function' ? process.constrainedMemory() : 0;
  const total = os.totalmem();
  const avail = limit && limit > 0 && limit < total ? limit : total;
  return Math.floor(avail * 0.8);
}
