/**
 * Broken-down local time for unix seconds, as C's localtime() gives it under the process TZ.
 * The UTC offset is looked up once per quarter hour and cached, so formatting millions of records
 * costs integer arithmetic only. Each LocalClock owns its cache (no module state).
 */

export interface Tm {
  year: number; // full year
  mon: number; // 0-11
  mday: number; // 1-31
  hour: number;
  min: number;
  sec: number;
  wday: number; // 0 = Sunday
  /** seconds east of UTC */
  gmtoff: number;
}

const QUARTER = 900;

export class LocalClock {
  private readonly offsets = new Map<number, number>();

  /** Seconds east of UTC in effect at unix time t. */
  gmtoff(t: number): number {
    const q = Math.floor(t / QUARTER);
    let off = this.offsets.get(q);
    if (off === undefined) {
      off = -new Date(t * 1000).getTimezoneOffset() * 60;
      // a DST switch inside the quarter: do not cache, ask every time
      const off2 = -new Date((q * QUARTER + QUARTER - 1) * 1000).getTimezoneOffset() * 60;
      const off1 = -new Date(q * QUARTER * 1000).getTimezoneOffset() * 60;
      if (off1 === off2) {
        if (this.offsets.size > 4096) this.offsets.clear();
        this.offsets.set(q, off);
      }
    }
    return off;
  }

  /**
   * The offset at t into `span`, with the seconds [from, to) it holds for: t's quarter hour when no
   * DST switch falls inside it (the quarters gmtoff caches), else t alone.
   */
  offsetSpan(t: number, span: OffsetSpan): void {
    const q = Math.floor(t / QUARTER);
    span.off = this.gmtoff(t);
    const whole = this.offsets.has(q);
    span.from = whole ? q * QUARTER : t;
    span.to = whole ? span.from + QUARTER : t + 1;
  }

  /** Fill `tm` with the local time of unix second t (t may exceed 2^31, as uint32 times do). */
  fill(t: number, tm: Tm): Tm {
    const off = this.gmtoff(t);
    civil(t + off, tm);
    tm.gmtoff = off;
    return tm;
  }
}

/** A zone offset (seconds east of UTC) and the unix seconds [from, to) it holds for. */
export interface OffsetSpan { off: number; from: number; to: number }

/** Hour, minute and second of `rem` seconds into a day. */
export function timeOfDay(rem: number, tm: Tm): void {
  tm.hour = Math.floor(rem / 3600);
  rem -= tm.hour * 3600;
  tm.min = Math.floor(rem / 60);
  tm.sec = rem - tm.min * 60;
}

/** Broken-down UTC time of unix second t (no TZ). */
export function civil(t: number, tm: Tm): Tm {
  const days = Math.floor(t / 86400);
  timeOfDay(t - days * 86400, tm);
  tm.wday = (((days + 4) % 7) + 7) % 7;
  // days since 1970-01-01 to y/m/d (Howard Hinnant's civil_from_days)
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  tm.mday = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  tm.mon = m - 1;
  tm.year = yoe + era * 400 + (m <= 2 ? 1 : 0);
  tm.gmtoff = 0;
  return tm;
}

export function newTm(): Tm {
  return { year: 1970, mon: 0, mday: 1, hour: 0, min: 0, sec: 0, wday: 4, gmtoff: 0 };
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function p2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** strftime("%a, %d %b %Y %H:%M:%S %z") of unix time t in local time. */
export function rfc822Local(clock: LocalClock, t: number): string {
  const tm = clock.fill(t, newTm());
  const off = Math.abs(tm.gmtoff);
  const sign = tm.gmtoff < 0 ? '-' : '+';
  const z = `${sign}${p2(Math.floor(off / 3600))}${p2(Math.floor((off % 3600) / 60))}`;
  return `${DAYS[tm.wday]}, ${p2(tm.mday)} ${MONTHS[tm.mon]} ${tm.year} ${p2(tm.hour)}:${p2(tm.min)}:${p2(tm.sec)} ${z}`;
}
