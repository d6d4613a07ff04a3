/**
 * Where the next piece of work may run: a pool worker's slot when one is free, else one of the main
 * thread's own, else it waits until a slot is given back; while `localFirst()` says so (workers still
 * booting), the main thread's slots are offered first. The scan's tasks and the jobs beside it (see
 * jobs.ts) are placed this way.
 */
export type Place = 'pool' | 'local';

export class Slots {
  private pool = 0;
  private local = 0;
  private readonly waiting: Array<() => void> = [];

  /**
   * @param poolSlots pool slots at this moment (a scan's pool may start part-way)
   * @param localSlots the main thread's slots at this moment
   * @param localFirst whether the main thread's slots come first at this moment
   */
  constructor(
    private readonly poolSlots: () => number,
    private readonly localSlots: () => number,
    private readonly localFirst: () => boolean = () => false,
  ) {}

  /** A free slot, a pool slot first (a local one first while localFirst()). */
  async take(): Promise<Place> {
    for (;;) {
      if (this.localFirst() && this.local < this.localSlots()) { this.local++; return 'local'; }
      if (this.pool < this.poolSlots()) { this.pool++; return 'pool'; }
      if (this.local < this.localSlots()) { this.local++; return 'local'; }
      await new Promise<void>((r) => this.waiting.push(r));
    }
  }

  /** The main thread's slots taken now. */
  get localHeld(): number {
    return this.local;
  }

  /** The pool's slots taken now. */
  get poolHeld(): number {
    return this.pool;
  }

  /** Give a slot back; one waiting taker tries again. */
  give(place: Place): void {
    if (place === 'pool') this.pool--; else this.local--;
    this.waiting.shift()?.();
  }
}
