/**
 * ArrayBuffers handed back for reuse. A task's result leaves its thread in fresh buffers; once the
 * coordinator has merged it, the buffers go into the coordinator's spares and travel back (moved,
 * not copied) with later tasks, so a thread fills memory it has already touched. On the reference VM
 * the first touch of a 4 KiB page costs 15-17 us when quiet, 80-115 us under load: a flow-stat port
 * report's 2.3 MB partial is 590 such pages per task when it is new, none when it is reused.
 */

/** smaller buffers are cheap to allocate (V8's own heap): not worth keeping */
const MIN_BYTES = 64 << 10;

export class Spares {
  private readonly bufs: ArrayBuffer[] = [];
  private bytes = 0;

  constructor(private readonly maxBytes = 64 << 20) {}

  /** Keep `b` for reuse (ignored when small, shared, already moved away, or the store is full). */
  give(b: ArrayBufferLike): void {
    if (!(b instanceof ArrayBuffer) || b.byteLength < MIN_BYTES || this.bytes + b.byteLength > this.maxBytes) return;
    this.bufs.push(b);
    this.bytes += b.byteLength;
  }

  /**
   * A buffer of at least `bytes` bytes: the smallest spare that fits and wastes under half, else a
   * new one. A reused buffer is not zeroed: the caller writes every byte it hands on.
   */
  take(bytes: number): ArrayBuffer {
    if (bytes >= MIN_BYTES) {
      let best = -1;
      for (let i = 0; i < this.bufs.length; i++) {
        const n = this.bufs[i]!.byteLength;
        if (n >= bytes && n <= bytes * 2 && (best < 0 || n < this.bufs[best]!.byteLength)) best = i;
      }
      if (best >= 0) {
        const b = this.bufs.splice(best, 1)[0]!;
        this.bytes -= b.byteLength;
        return b;
      }
    }
    return new ArrayBuffer(bytes);
  }

  /** Up to `max` spares, largest first, to move to another thread with a task. */
  takeSome(max: number): ArrayBuffer[] {
    if (this.bufs.length === 0) return [];
    this.bufs.sort((a, b) => b.byteLength - a.byteLength);
    const out = this.bufs.splice(0, max);
    for (const b of out) this.bytes -= b.byteLength;
    return out;
  }
}
