/**
 * What compiled expression code calls at run time: the Perl value helpers, the flow values that
 * need computing (times, $localtime, $Bps, names, $raw), and the program state (user variables,
 * hashes, regex captures, the print sinks). createRuntime() makes one per compiled unit.
 */
import { DumpClock, endMs, rateDivisor, startMs } from '../dump/flow-time.ts';
import { createDumper } from '../dump/formats.ts';
import { icmpTypeCodeName, tcpFlagsText } from '../dump/names.ts';
import type { RecordView } from '../format/record.ts';
import { ipv4 } from '../util/ip.ts';
import { TextBuf } from '../util/textbuf.ts';
import * as P from './perl-values.ts';
import { perlSprintf } from './sprintf.ts';

/** Program state shared by the -I, -e and -E programs of one run. */
export interface ExprState {
  /** user scalars */
  v: Record<string, P.PerlValue>;
  /** user hashes */
  h: Record<string, Map<string, P.PerlValue>>;
  /** groups of the last successful match ($1 ...) */
  m: RegExpExecArray | null;
  /** print / printf to standard output and to standard error */
  out(text: string): void;
  err(text: string): void;
}

/** `exit` in an expression: stop the run with this status. */
export class ExitSignal {
  constructor(readonly status: number) {}
}

export function newState(out: (t: string) => void = () => undefined, err: (t: string) => void = () => undefined): ExprState {
  return { v: Object.create(null) as Record<string, P.PerlValue>, h: Object.create(null) as Record<string, Map<string, P.PerlValue>>, m: null, out, err };
}

export type Runtime = ReturnType<typeof createRuntime>;

export function createRuntime() {
  const clock = new DumpClock();
  const tb = new TextBuf(64);
  const raw = createDumper('raw');
  const text = (): string => {
    const s = tb.toString();
    tb.len = 0;
    return s;
  };
  const durationMs = (v: RecordView): number => endMs(v) - startMs(v);
  return {
    ...P,
    sprintf: (fmt: P.PerlValue, args: P.PerlValue[]): string => perlSprintf(P.str(fmt), args),
    ip: ipv4,
    icmpName: (dstport: number): string => icmpTypeCodeName(dstport >>> 8, dstport & 0xff),
    tcpFlags: tcpFlagsText,
    startMs,
    endMs,
    durSecs: (v: RecordView): number => Math.floor(durationMs(v) / 1000),
    durMsecs: (v: RecordView): number => {
      const d = durationMs(v);
      return d - Math.floor(d / 1000) * 1000;
    },
    Bps: (v: RecordView): number => v.dOctets / rateDivisor(durationMs(v)),
    pps: (v: RecordView): number => v.dPkts / rateDivisor(durationMs(v)),
    localtime: (v: RecordView): string => {
      clock.ymdhms(tb, Math.floor(endMs(v) / 1000));
      return text();
    },
    raw: (v: RecordView): string => {
      raw(v, tb);
      return text();
    },
    match: (re: RegExp, s: string, S: ExprState): boolean => {
      const m = re.exec(s);
      if (m) S.m = m;
      return m !== null;
    },
    cap: (S: ExprState, n: number): P.PerlValue => S.m?.[n],
    hget: (S: ExprState, name: string, key: string): P.PerlValue => S.h[name]?.get(key),
    hset: (S: ExprState, name: string, key: string, value: P.PerlValue): P.PerlValue => {
      (S.h[name] ??= new Map()).set(key, value);
      return value;
    },
    hcount: (S: ExprState, name: string): number => S.h[name]?.size ?? 0,
    exit: (status: number): never => { throw new ExitSignal(Math.trunc(status) & 255); },
    hex: (s: string): number => parseRadix(s.replace(/^0[xX]/, ''), 16),
    oct: (s: string): number => {
      const t = s.trim();
      if (/^0?[xX]/.test(t)) return parseRadix(t.replace(/^0?[xX]/, ''), 16);
      if (/^0?[bB]/.test(t)) return parseRadix(t.replace(/^0?[bB]/, ''), 2);
      return parseRadix(t.replace(/^0?[oO]/, ''), 8);
    },
    length: (v: P.PerlValue): P.PerlValue => (v === undefined ? undefined : P.str(v).length),
    substr: (v: P.PerlValue, off: P.PerlValue, len?: P.PerlValue): P.PerlValue => {
      const s = P.str(v);
      let o = Math.trunc(P.num(off));
      if (o < 0) o += s.length;
      if (o < 0 || o > s.length) return undefined;
      if (len === undefined) return s.slice(o);
      let l = Math.trunc(P.num(len));
      if (l < 0) l = Math.max(0, s.length - o + l);
      return s.slice(o, o + l);
    },
    index: (v: P.PerlValue, t: P.PerlValue, from?: P.PerlValue): number =>
      P.str(v).indexOf(P.str(t), from === undefined ? 0 : Math.max(0, Math.trunc(P.num(from)))),
    sqrt: (n: number): number => {
      if (n < 0) throw new P.ExprRuntimeError(`Can't take sqrt of ${P.fmtNum(n)}`);
      return Math.sqrt(n);
    },
    log: (n: number): number => {
      if (n <= 0) throw new P.ExprRuntimeError(`Can't take log of ${P.fmtNum(n)}`);
      return Math.log(n);
    },
  };
}

/** Perl's hex()/oct() digits: underscores allowed, stop at the first other character. */
function parseRadix(s: string, radix: number): number {
  let v = 0;
  for (const c of s.replace(/_/g, '')) {
    const d = parseInt(c, radix);
    if (Number.isNaN(d)) break;
    v = v * radix + d;
  }
  return v;
}
