/**
 * The time values Cflow derives for a flow-tools record: start and end as epoch seconds plus
 * milliseconds (ftltime of First and Last), the duration, and the two date texts Cflow prints:
 * `scalar localtime` ("Wed Jul  6 17:04:50 2005") and $localtime ("2005/07/06 17:04:54", end time).
 */
import type { RecordView } from '../format/record.ts';
import { ftltimeMs } from '../util/fttime.ts';
import { LocalClock, newTm, type Tm } from '../util/localtime.ts';
import type { TextBuf } from '../util/textbuf.ts';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Start of the flow in epoch milliseconds. */
export function startMs(v: RecordView): number {
  return ftltimeMs(v.sysUpTime, v.unix_secs, v.unix_nsecs, v.First);
}

/** End of the flow in epoch milliseconds. */
export function endMs(v: RecordView): number {
  return ftltimeMs(v.sysUpTime, v.unix_secs, v.unix_nsecs, v.Last);
}

/**
 * Cflow's $Bps / $pps divisor: the duration written as "secs.msecs" with the milliseconds NOT
 * zero-padded (1.050 s reads as 1.5) and 1 when that is zero. A Cflow quirk, kept on purpose.
 */
export function rateDivisor(durationMs: number): number {
  const secs = Math.floor(durationMs / 1000);
  const msecs = durationMs - secs * 1000;
  const d = Number(`${secs}.${msecs}`);
  return d === 0 || Number.isNaN(d) ? 1 : d;
}

/** Formats epoch seconds in local time the two ways Cflow does; owns its clock cache. */
export class DumpClock {
  private readonly clock = new LocalClock();
  private readonly tm: Tm = newTm();

  /** Perl's `scalar localtime`: "Thu Jan  1 00:00:00 1970". */
  ctime(out: TextBuf, secs: number): void {
    const tm = this.clock.fill(secs, this.tm);
    out.str(DAYS[tm.wday]!); out.byte(32);
    out.str(MONTHS[tm.mon]!); out.byte(32);
    if (tm.mday < 10) out.byte(32);
    out.dec(tm.mday); out.byte(32);
    this.hms(out, tm);
    out.byte(32);
    out.dec(tm.year);
  }

  /** strftime("%Y/%m/%d %H:%M:%S"): Cflow's $localtime. */
  ymdhms(out: TextBuf, secs: number): void {
    const tm = this.clock.fill(secs, this.tm);
    out.dec0(tm.year, 4); out.byte(47);
    out.dec0(tm.mon + 1, 2); out.byte(47);
    out.dec0(tm.mday, 2); out.byte(32);
    this.hms(out, tm);
  }

  private hms(out: TextBuf, tm: Tm): void {
    out.dec0(tm.hour, 2); out.byte(58);
    out.dec0(tm.min, 2); out.byte(58);
    out.dec0(tm.sec, 2);
  }
}
