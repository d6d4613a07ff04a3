/**
 * getdate(3) as flow-tools ships it (lib/getdate.y): free-form date phrases such as
 * "July 6, 2005 17:00:00 GMT", "2005-07-06", "yesterday", "2 hours ago", "last tuesday", read in
 * local time (TZ). The yacc grammar is reproduced with its shift-preferring choices, not as a guess.
 */
import { isAlpha, lookupWord, type Meridian, type Tok } from './getdate-words.ts';
import { LocalClock, newTm, type Tm } from './localtime.ts';

type DstMode = 'on' | 'off' | 'maybe';

const isSpace = (c: string): boolean => c === ' ' || (c >= '\t' && c <= '\r');
const isDigit = (c: string): boolean => c >= '0' && c <= '9';

function lex(s: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  for (;;) {
    while (i < s.length && isSpace(s[i]!)) i++;
    if (i >= s.length) { out.push({ t: 'END' }); return out; }
    const c = s[i]!;
    if (isDigit(c) || c === '-' || c === '+') {
      let sign = 0;
      if (c === '-' || c === '+') {
        sign = c === '-' ? -1 : 1;
        i++;
        if (i >= s.length || !isDigit(s[i]!)) continue; // a lone sign is skipped
      }
      let n = 0;
      while (i < s.length && isDigit(s[i]!)) n = 10 * n + (s.charCodeAt(i++) - 48);
      out.push(sign ? { t: 'S', v: sign < 0 ? -n : n } : { t: 'U', v: n });
      continue;
    }
    if (isAlpha(c)) {
      let w = '';
      while (i < s.length && (isAlpha(s[i]!) || s[i] === '.')) {
        if (w.length < 19) w += s[i];
        i++;
      }
      out.push(lookupWord(w));
      continue;
    }
    if (c !== '(') { out.push({ t: 'CH', c }); i++; continue; }
    let depth = 0;
    do {
      if (i >= s.length) { out.push({ t: 'END' }); return out; }
      const d = s[i++]!;
      if (d === '(') depth++;
      else if (d === ')') depth--;
    } while (depth > 0);
  }
}

/** What the grammar collected (the yy* globals of getdate.y). */
interface Parsed {
  dstMode: DstMode; dayOrdinal: number; dayNumber: number;
  haveDate: number; haveDay: number; haveRel: number; haveTime: number; haveZone: number;
  timezone: number; day: number; hour: number; minutes: number; month: number; seconds: number; year: number;
  meridian: Meridian; relMonth: number; relSeconds: number;
}

/** Run the grammar over the tokens; false on a syntax error. */
function parse(toks: Tok[], y: Parsed): boolean {
  let k = 0;
  const peek = (n = 0): Tok => toks[Math.min(k + n, toks.length - 1)]!;
  const isCh = (t: Tok, c: string): boolean => t.t === 'CH' && t.c === c;
  const num = (t: Tok): number => (t as { v: number }).v;
  const unitTok = (t: Tok): boolean => t.t === 'MIN_UNIT' || t.t === 'SEC_UNIT' || t.t === 'MON_UNIT';
  const relunit = (count: number | undefined, unit: Tok): void => {
    const v = num(unit);
    if (unit.t === 'MIN_UNIT') y.relSeconds += (count ?? 1) * v * 60;
    else if (unit.t === 'SEC_UNIT') y.relSeconds += count ?? 1;
    else y.relMonth += (count ?? 1) * v;
  };
  const rel = (count: number | undefined, unit: Tok): void => {
    relunit(count, unit);
    if (peek().t === 'AGO') { k++; y.relSeconds = -y.relSeconds; y.relMonth = -y.relMonth; }
    y.haveRel++;
  };
  // time tail after "h:m": optional ":s", then o_merid or a numeric zone; false on a syntax error
  const timeTail = (h: number, m: number): boolean => {
    y.hour = h; y.minutes = m; y.seconds = 0; y.meridian = '24';
    if (isCh(peek(), ':')) {
      if (peek(1).t !== 'U') return false;
      y.seconds = num(peek(1));
      k += 2;
    }
    const t = peek();
    if (t.t === 'MERID') { y.meridian = t.v; k++; }
    else if (t.t === 'S') {
      y.dstMode = 'off';
      y.timezone = -((t.v % 100) + Math.trunc(t.v / 100) * 60);
      k++;
    }
    y.haveTime++;
    return true;
  };

  for (;;) {
    const t = peek();
    if (t.t === 'END') return true;
    k++;
    switch (t.t) {
      case 'U': {
        const n = peek();
        if (n.t === 'MERID') { k++; y.hour = t.v; y.minutes = 0; y.seconds = 0; y.meridian = n.v; y.haveTime++; break; }
        if (isCh(n, ':')) {
          k++;
          const m = peek();
          if (m.t !== 'U') return false;
          k++;
          if (!timeTail(t.v, m.v)) return false;
          break;
        }
        if (n.t === 'DAY') { k++; y.dayOrdinal = t.v; y.dayNumber = n.v; y.haveDay++; break; }
        if (isCh(n, '/')) {
          k++;
          if (peek().t !== 'U') return false;
          const b = num(peek()); k++;
          if (isCh(peek(), '/')) {
            k++;
            if (peek().t !== 'U') return false;
            const c = num(peek()); k++;
            if (t.v >= 100) { y.year = t.v; y.month = b; y.day = c; } else { y.month = t.v; y.day = b; y.year = c; }
          } else { y.month = t.v; y.day = b; }
          y.haveDate++;
          break;
        }
        if (n.t === 'S') {
          k++;
          if (peek().t !== 'S') return false;
          y.year = t.v; y.month = -n.v; y.day = -num(peek()); k++;
          y.haveDate++;
          break;
        }
        if (n.t === 'MONTH') {
          k++;
          y.day = t.v; y.month = n.v;
          const yr = peek();
          if (yr.t === 'S') { y.year = -yr.v; k++; } else if (yr.t === 'U') { y.year = yr.v; k++; }
          y.haveDate++;
          break;
        }
        if (unitTok(n)) { k++; rel(t.v, n); break; }
        // number
        if (y.haveTime && y.haveDate && !y.haveRel) y.year = t.v;
        else if (t.v > 10000) {
          y.haveDate++;
          y.day = t.v % 100; y.month = Math.trunc(t.v / 100) % 100; y.year = Math.trunc(t.v / 10000);
        } else {
          y.haveTime++;
          if (t.v < 100) { y.hour = t.v; y.minutes = 0; } else { y.hour = Math.trunc(t.v / 100); y.minutes = t.v % 100; }
          y.seconds = 0; y.meridian = '24';
        }
        break;
      }
      case 'S': {
        const n = peek();
        if (!unitTok(n)) return false;
        k++;
        rel(t.v, n);
        break;
      }
      case 'MIN_UNIT': case 'SEC_UNIT': case 'MON_UNIT':
        rel(undefined, t);
        break;
      case 'ZONE':
        y.timezone = t.v;
        if (peek().t === 'DST') { k++; y.dstMode = 'on'; } else y.dstMode = 'off';
        y.haveZone++;
        break;
      case 'DAYZONE':
        y.timezone = t.v; y.dstMode = 'on'; y.haveZone++;
        break;
      case 'DAY':
        y.dayOrdinal = 1; y.dayNumber = t.v;
        if (isCh(peek(), ',')) k++;
        y.haveDay++;
        break;
      case 'MONTH': {
        const d = peek();
        if (d.t !== 'U') return false;
        k++;
        y.month = t.v; y.day = d.v;
        if (isCh(peek(), ',')) {
          k++;
          if (peek().t !== 'U') return false;
          y.year = num(peek()); k++;
        }
        y.haveDate++;
        break;
      }
      default:
        return false;
    }
  }
}

/** Local-time helpers over one LocalClock (C's localtime() under TZ). */
class Zone {
  private readonly clock = new LocalClock();
  private readonly tm: Tm = newTm();
  local(t: number): Tm { return this.clock.fill(t, newTm()); }
  /** tm_isdst: the offset in effect is ahead of the year's standard offset. */
  isDst(t: number): boolean {
    const tm = this.clock.fill(t, this.tm);
    const jan = Date.UTC(tm.year, 0, 1) / 1000;
    const jul = Date.UTC(tm.year, 6, 1) / 1000;
    const std = Math.min(this.clock.gmtoff(jan), this.clock.gmtoff(jul));
    return tm.gmtoff > std;
  }
}

function toSeconds(h: number, m: number, s: number, mer: Meridian): number {
  if (m < 0 || m > 59 || s < 0 || s > 59) return -1;
  if (mer === '24') {
    if (h < 0 || h > 23) return -1;
    return (h * 60 + m) * 60 + s;
  }
  if (h < 1 || h > 12) return -1;
  if (h === 12) h = 0;
  return ((mer === 'pm' ? h + 12 : h) * 60 + m) * 60 + s;
}

function convert(z: Zone, timezone: number, month: number, day: number, year: number,
  h: number, m: number, s: number, mer: Meridian, dst: DstMode): number {
  const dim = [31, 0, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  if (year < 0) year = -year;
  if (year < 69) year += 2000;
  else if (year < 100) year += 1900;
  dim[1] = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  if (year < 1970 || year > 2038 || month < 1 || month > 12 || day < 1 || day > dim[month - 1]!) return -1;
  let julian = day - 1;
  for (let i = 0; i < month - 1; i++) julian += dim[i]!;
  for (let i = 1970; i < year; i++) julian += 365 + (i % 4 === 0 ? 1 : 0);
  julian *= 86400;
  julian += timezone * 60;
  const tod = toSeconds(h, m, s, mer);
  if (tod < 0) return -1;
  julian += tod;
  if (dst === 'on' || (dst === 'maybe' && z.isDst(julian))) julian -= 3600;
  return julian;
}

function dstCorrect(z: Zone, start: number, future: number): number {
  const startDay = (z.local(start).hour + 1) % 24;
  const futureDay = (z.local(future).hour + 1) % 24;
  return (future - start) + (startDay - futureDay) * 3600;
}

/**
 * Parse a getdate phrase relative to `nowSeconds` (unix seconds) in the local time zone (TZ).
 * Returns unix seconds, or undefined when get_date() would fail (-1).
 */
export function parseGetdate(text: string, nowSeconds: number): number | undefined {
  const z = new Zone();
  const now = z.local(nowSeconds);
  // minutes west of the standard (non-daylight) offset, as get_date() computes ftz.timezone
  const timezone = -now.gmtoff / 60 + (z.isDst(nowSeconds) ? 60 : 0);
  const y: Parsed = {
    dstMode: 'maybe', dayOrdinal: 0, dayNumber: 0, haveDate: 0, haveDay: 0, haveRel: 0, haveTime: 0, haveZone: 0,
    timezone, day: now.mday, hour: 0, minutes: 0, month: now.mon + 1, seconds: 0, year: now.year,
    meridian: '24', relMonth: 0, relSeconds: 0,
  };
  if (!parse(lex(text), y) || y.haveTime > 1 || y.haveZone > 1 || y.haveDate > 1 || y.haveDay > 1) return undefined;
  let start: number;
  if (y.haveDate || y.haveTime || y.haveDay) {
    start = convert(z, y.timezone, y.month, y.day, y.year, y.hour, y.minutes, y.seconds, y.meridian, y.dstMode);
    if (start < 0) return undefined;
  } else {
    start = nowSeconds;
    if (!y.haveRel) start -= (now.hour * 60 + now.min) * 60 + now.sec;
  }
  start += y.relSeconds;
  if (y.relMonth !== 0) {
    const tm = z.local(start);
    const mm = 12 * tm.year + tm.mon + y.relMonth;
    const fut = convert(z, y.timezone, (mm % 12) + 1, tm.mday, Math.trunc(mm / 12), tm.hour, tm.min, tm.sec, '24', 'maybe');
    start += dstCorrect(z, start, fut);
  }
  if (y.haveDay && !y.haveDate) {
    const tm = z.local(start);
    let t = start + 86400 * ((y.dayNumber - tm.wday + 7) % 7);
    t += 7 * 86400 * (y.dayOrdinal <= 0 ? y.dayOrdinal : y.dayOrdinal - 1);
    start += dstCorrect(z, start, t);
  }
  return start === -1 ? 0 : start;
}
