/**
 * flow-stat's `total` (flows, octets, packets, duration: uint64 sums) kept exact in doubles, and the
 * bound that tells when a table's counters must be carried (KeyTable.carry) before one of them could
 * pass 2^53. Everything added to a table is also added to the totals (at most twice per flow, f7 and
 * f11), so the growth of any counter since the last carry is at most twice the growth of the totals.
 */

const TWO32 = 4294967296;
/** carry once counters may have grown by this much since the last carry */
const CARRY_AT = 2 ** 51;
/** records between two checks: 2^18 flows add at most 2^51 to any counter */
export const CHECK_EVERY = 1 << 18;

/**
 * The carry bound of a table: the totals that add into it report their growth at each check, and
 * the table must carry once that growth since its last carry could pass the bound. Several tasks
 * may report to one table (the coordinator's own tasks adding into the report's table; zlib tasks
 * interleave). A task checks every CHECK_EVERY flows and adds at most 2^51 between checks, so with
 * the three tasks a thread interleaves a counter stays below 2^50 + 3 * 2^51 < 2^53.
 */
export class CarryWatch {
  private pending = 0;

  /** Note `growth` of one task's totals; true when the table must carry now (the count restarts). */
  grow(growth: number): boolean {
    this.pending += growth;
    if (this.pending * 2 < CARRY_AT) return false;
    this.pending = 0;
    return true;
  }
}

export class Totals {
  f = 0; o = 0; p = 0; d = 0;
  /** carried parts, units of 2^32 */
  fh = 0; oh = 0; ph = 0; dh = 0;
  /** sum of all four at the last check */
  private checked = 0;
  /** the bound of the table these totals watch, when they are its only source */
  private readonly own = new CarryWatch();

  /** Move whole 2^32 units of the low parts into the high parts. */
  normalize(): void {
    if (this.f >= TWO32) { const q = Math.floor(this.f / TWO32); this.fh += q; this.f -= q * TWO32; }
    if (this.o >= TWO32) { const q = Math.floor(this.o / TWO32); this.oh += q; this.o -= q * TWO32; }
    if (this.p >= TWO32) { const q = Math.floor(this.p / TWO32); this.ph += q; this.p -= q * TWO32; }
    if (this.d >= TWO32) { const q = Math.floor(this.d / TWO32); this.dh += q; this.d -= q * TWO32; }
  }

  /**
   * Normalize, report the growth since the last check to the table's bound (`watch`: a table other
   * tasks add into too; default, the table only these totals watch), and say whether the table must
   * carry now.
   */
  check(watch: CarryWatch = this.own): boolean {
    this.normalize();
    const s = this.sum();
    const grew = s - this.checked;
    this.checked = s;
    return watch.grow(grew);
  }

  /** The four totals summed (what check() bounds). */
  private sum(): number {
    return (this.fh + this.oh + this.ph + this.dh) * TWO32 + this.f + this.o + this.p + this.d;
  }

  /** Add the totals a generated loop gathered in sums[0..3] (flows, octets, packets, duration), and zero them. */
  addSums(sums: Float64Array): void {
    this.f += sums[0]!; this.o += sums[1]!; this.p += sums[2]!; this.d += sums[3]!;
    sums.fill(0);
  }

  /** Add totals stored as [f, o, p, d, fh, oh, ph, dh]. */
  addArray(a: Float64Array): void {
    this.f += a[0]!; this.o += a[1]!; this.p += a[2]!; this.d += a[3]!;
    this.fh += a[4]!; this.oh += a[5]!; this.ph += a[6]!; this.dh += a[7]!;
  }

  toArray(): Float64Array {
    this.normalize();
    return Float64Array.of(this.f, this.o, this.p, this.d, this.fh, this.oh, this.ph, this.dh);
  }

  /** Low and high part of total c (0 flows, 1 octets, 2 packets, 3 duration). */
  part(c: number): { lo: number; hi: number } {
    switch (c) {
      case 0: return { lo: this.f, hi: this.fh };
      case 1: return { lo: this.o, hi: this.oh };
      case 2: return { lo: this.p, hi: this.ph };
      default: return { lo: this.d, hi: this.dh };
    }
  }
}

/**
 * An aggregator's records(dv, from, to) over a generated loop: `run` gets the records in runs of at
 * most CHECK_EVERY (2^18 flows add at most 2^51 to a counter), and `check` is called after every
 * CHECK_EVERY records, however the calls cut them.
 */
export function checkedRuns(recSize: number, run: (dv: DataView, from: number, to: number) => void, check: () => void): (dv: DataView, from: number, to: number) => void {
  let countdown = CHECK_EVERY;
  return (dv, from, to) => {
    for (let p = from, left = Math.floor((to - from) / recSize); left > 0;) {
      const n = Math.min(countdown, left);
      run(dv, p, p + n * recSize);
      p += n * recSize;
      left -= n;
      countdown -= n;
      if (countdown === 0) { countdown = CHECK_EVERY; check(); }
    }
  };
}
