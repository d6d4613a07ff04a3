/**
 * The hash stage's hot-key cache. A site's own hosts are half of `-f 11`'s events over an archive,
 * a few thousand keys among millions; staged, each of their events is written to a bucket and read
 * back to be added up. A key seen often instead takes a slot (by the low bits of its hash, one key
 * a slot): the stage loop adds its events into the slot's sums (hash-loop.ts), which go into the
 * key's output entry when the slot is given to another key and at every check of the totals, when
 * the cache is emptied. The cache's 4,096 slots take 16 KB of entry numbers, as much of keys a key
 * word and 128 KB of sums, where the entries they stand for lie all over the task's output.
 */
import { HOT_SLOTS } from './hash-loop.ts';
import { keyHash } from './part-store.ts';

export class HotKeys {
  /** by slot: the output entry of the key cached there (-1: none) */
  readonly hot = new Int32Array(HOT_SLOTS).fill(-1);
  /** by slot: that key's words */
  readonly hk: Uint32Array;
  /** by slot: its four counters' sums not yet in its entry */
  readonly hv = new Float64Array(HOT_SLOTS * 4);

  constructor(readonly w: number) {
    this.hk = new Uint32Array(HOT_SLOTS * w);
  }

  /** Empty the cache and its sums (a task's start: the cache may be a task's that failed). */
  reset(): void {
    this.hot.fill(-1);
    this.hv.fill(0);
  }

  /**
   * Output entries [from, to) (keys, four counters each) that add `min` flows or more take their
   * slots from keys with fewer.
   */
  heat(keys: Uint32Array, vals: Float64Array, from: number, to: number, min: number): void {
    const { hot, hk, hv, w } = this;
    for (let i = from; i < to; i++) {
      const f = vals[i * 4]!;
      if (f < min) continue;
      const k = i * w;
      const a = keys[k]!, b = w > 1 ? keys[k + 1]! : 0, c = w > 2 ? keys[k + 2]! : 0;
      const s = keyHash(a, b, c) & (HOT_SLOTS - 1);
      const x = hot[s]!;
      if (x >= 0) {
        if (vals[x * 4]! + hv[s * 4]! >= f) continue;
        this.settle(s, vals);
      }
      hot[s] = i;
      hk[s * w] = a;
      if (w > 1) hk[s * w + 1] = b;
      if (w > 2) hk[s * w + 2] = c;
    }
  }

  /** Add every slot's sums into its entry of `vals` and empty the cache. */
  flush(vals: Float64Array): void {
    for (let s = 0; s < HOT_SLOTS; s++) if (this.hot[s]! >= 0) this.settle(s, vals);
    this.hot.fill(-1);
  }

  /** Add slot s's sums into its entry and zero them. */
  private settle(s: number, vals: Float64Array): void {
    const v = this.hot[s]! * 4, hv = this.hv, u = s * 4;
    for (let c = 0; c < 4; c++) { vals[v + c]! += hv[u + c]!; hv[u + c] = 0; }
  }
}
