/**
 * When a scan that began on the main thread alone should start its workers after all. The size
 * thresholds (scan.ts) assume a machine's usual speed per op; on a slow spell, or under a costly
 * filter, the same input takes the main thread much longer, and workers would pay for their boot.
 * The main thread's own rate so far predicts the rest of the scan.
 */

/** main-thread milliseconds measured before the rate is trusted (the first task is not counted: it runs cold) */
const SAMPLE_MS = 40;
/**
 * Single-thread milliseconds of work left from which starting workers pays. On the 2-vCPU machine a
 * worker's boot and cold JIT cost a port report (-f 5) about what it saved at ~0.7 s in-process
 * (bench/RESULTS.md); on a slow spell, at 1.2-1.8 s in-process, it took a fifth off. A plain scan
 * of 0.45-0.65 s gained nothing and took 50% more CPU with 600 ms here, so 800.
 */
const WORTH_MS = 800;
/** inputs below this never start workers on timing alone (tests, small files: noise, cold JIT) */
const MIN_BYTES = 64 << 20;

export class LocalRate {
  /** bytes done, the first task's included */
  private bytes = 0;
  /** bytes and milliseconds of the tasks after the first */
  private warmBytes = 0;
  private ms = 0;
  private tasks = 0;

  /** The main thread finished a task of `bytes` input bytes in `ms` of its own time. */
  add(bytes: number, ms: number): void {
    this.bytes += bytes;
    if (this.tasks++ === 0) return;
    this.warmBytes += bytes;
    this.ms += ms;
  }

  /**
   * True when the main thread, at its rate so far, would take WORTH_MS or more for the rest of
   * `known` bytes (raw-equivalent bytes of the seekable inputs).
   */
  worthWorkers(known: number): boolean {
    if (known < MIN_BYTES || this.ms < SAMPLE_MS || this.warmBytes <= 0) return false;
    return ((known - this.bytes) * this.ms) / this.warmBytes >= WORTH_MS;
  }
}
