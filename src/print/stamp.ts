/**
 * Local-time stamps of flow start/end times as flow-print writes them ("MMDD.HH:MM:SS.mmm" and
 * "YYYY-MM-DD HH:MM:SS.mmm"). Records arrive nearly time-ordered, so each Stamper keeps the text of
 * the last second it formatted, and of the last local day: a new second of the same day writes its
 * time of day only (the day's calendar date took a tenth of `print -f 5`'s samples, computed again
 * for every second). The zone's offset is kept for the quarter hour it holds through (LocalClock).
 */
import { civil, LocalClock, newTm, timeOfDay, type OffsetSpan, type Tm } from '../util/localtime.ts';
import { dec0, dec2, dec3 } from './cfmt.ts';

/** Which text a Stamper writes. */
export type StampStyle = 'short' | 'long';

/**
 * ftltime() before its uint64 wrap: unix_secs*1000 + unix_nsecs/1e6 - sysUpTime + t, in
 * milliseconds, as an exact (possibly negative) number. FORMAT.md 7.1.
 */
export function realMs(sysUpTime: number, unixSecs: number, unixNsecs: number, t: number): number {
  return unixSecs * 1000 + Math.floor(unixNsecs / 1000000) - sysUpTime + t;
}

// A negative real time wraps to 2^64 + ms: seconds beyond 2^53, shown by localtime() as a date some
// 584 million years ahead. Those are reduced by whole 400-year Gregorian cycles (which repeat the
// calendar and weekdays) to a second in 2100..2499, where the zone's current rule applies.
const CYCLE = 12622780800; // seconds in 400 Gregorian years
const T0 = 4102444800; // 2100-01-01T00:00:00Z
const WRAP_SECS = (1n << 64n) / 1000n; // 2^64 ms in whole seconds ...
const WRAP_MS = Number((1n << 64n) % 1000n); // ... and the milliseconds left over (616)
const WRAP_CYCLES = Number(WRAP_SECS / BigInt(CYCLE));
const WRAP_REST = Number(WRAP_SECS % BigInt(CYCLE));

export class Stamper {
  private last = -1;
  private readonly text = new Uint8Array(32);
  private len = 0;
  private readonly tm: Tm = newTm();
  /** the local day (days since the epoch) whose date is in text[0, dateLen); NaN: none */
  private day = NaN;
  private dateLen = 0;
  /** the zone's offset and the seconds it holds for (see LocalClock.offsetSpan) */
  private readonly span: OffsetSpan = { off: 0, from: 0, to: 0 };

  constructor(private readonly clock: LocalClock, private readonly style: StampStyle) {}

  /** The stamp of real time `ms` (from realMs), with ".mmm". */
  put(b: Uint8Array, p: number, ms: number): number {
    let secs: number;
    let frac: number;
    if (ms >= 0) {
      secs = Math.floor(ms / 1000);
      frac = ms - secs * 1000;
      if (secs !== this.last) this.second(secs);
    } else {
      const y = WRAP_MS + ms;
      const q = Math.floor(y / 1000);
      frac = y - q * 1000;
      // the second is WRAP_SECS + q = cycles * CYCLE + T0 + rest
      const z = WRAP_REST + q - T0;
      const zc = Math.floor(z / CYCLE);
      const rest = z - zc * CYCLE;
      const near = T0 + rest;
      civil(near + this.clock.gmtoff(near), this.tm);
      this.tm.year += 400 * (WRAP_CYCLES + zc);
      this.formatDate(NaN);
      this.formatTime(-1);
    }
    const t = this.text;
    const n = this.len;
    for (let i = 0; i < n; i++) b[p + i] = t[i]!;
    p += n;
    b[p++] = 46;
    return dec3(b, p, frac);
  }

  /** The stamp of unix second `secs` (>= 0): its date only when its local day is not the last one's. */
  private second(secs: number): void {
    const span = this.span;
    if (secs < span.from || secs >= span.to) this.clock.offsetSpan(secs, span);
    const local = secs + span.off;
    const day = Math.floor(local / 86400);
    const tm = this.tm;
    if (day === this.day) {
      timeOfDay(local - day * 86400, tm);
    } else {
      civil(local, tm);
      this.formatDate(day);
    }
    this.formatTime(secs);
  }

  /** The date of this.tm at the start of the text (%-2.2d%-2.2d. or %-4.4d-%-2.2d-%-2.2d ), as local day `day`. */
  private formatDate(day: number): void {
    const tm = this.tm;
    const t = this.text;
    let p = 0;
    if (this.style === 'short') {
      p = dec2(t, p, tm.mon + 1); p = dec2(t, p, tm.mday); t[p++] = 46;
    } else {
      p = dec0(t, p, tm.year, 4); t[p++] = 45;
      p = dec2(t, p, tm.mon + 1); t[p++] = 45;
      p = dec2(t, p, tm.mday); t[p++] = 32;
    }
    this.dateLen = p;
    this.day = day;
  }

  /** The time of day of this.tm after the date (%-2.2d:%-2.2d:%-2.2d), remembered as the stamp of second `secs`. */
  private formatTime(secs: number): void {
    const tm = this.tm;
    const t = this.text;
    let p = this.dateLen;
    p = dec2(t, p, tm.hour); t[p++] = 58;
    p = dec2(t, p, tm.min); t[p++] = 58;
    p = dec2(t, p, tm.sec);
    this.len = p;
    this.last = secs;
  }
}
