/**
 * The arguments of one permit/deny line, per primitive type, read exactly as ftfil.c reads them
 * (bucket lists with ranges, "!" and symbols; addresses; op + value; clock times; getdate phrases),
 * reporting what flow-tools refuses (errors) and what it silently misreads (mistakes).
 */
import { lenToMask, scanIp, scanIpPrefix, type HostLookup, type ScannedIp } from './address.ts';
import type { Entry, Mode, Op, PrimitiveType, Range } from './ast.ts';
import { OPS } from './ast.ts';
import { atoi, isAlpha, strtod, strtoul } from './cnum.ts';
import type { Diagnostic, ErrorCode, Severity } from './errors.ts';
import { restAfter, restRange, type Line, type Word } from './line-words.ts';
import type { SymbolLookup, SymbolTable } from './symbols.ts';
import { ipv4 } from '../util/ip.ts';
import { parseGetdate } from '../util/getdate.ts';

export interface EntryContext {
  symbols: SymbolLookup;
  hosts: HostLookup;
  /** "now" for time-date phrases (unix seconds) */
  now: number;
  report(d: Diagnostic): void;
  /** duplicates seen in this primitive (flow-tools warns "previously set") */
  seen: Map<string, string>;
  /** bucket values set so far in this primitive: 0 unset, 1 permit, 2 deny */
  marks: { modes?: Uint8Array };
}

/** Bucket types: table size as ftfil_load_lookup() is given it, and the symbol table consulted. */
const BUCKETS: Partial<Record<PrimitiveType, { size: number; sym?: SymbolTable; realSize?: number }>> = {
  'as': { size: 65536, sym: 'tag' },
  'ip-protocol': { size: 256, sym: 'ip-prot' },
  'ip-port': { size: 65536, sym: 'tcp-port' },
  'ip-address-prefix-len': { size: 33 },
  'ip-tos': { size: 256 },
  'ip-tcp-flags': { size: 256 },
  'ifindex': { size: 65536 },
  // ftfil.c passes 65536 for a 256-entry table: larger values land outside it
  'engine': { size: 65536, realSize: 256 },
};

function diag(code: ErrorCode, severity: Severity, message: string, r: Range): Diagnostic {
  return { code, severity, message, start: r.start, end: Math.max(r.end, r.start + 1) };
}

/** Range of characters [a, b) of a word, when the word maps 1:1 onto the config text. */
function sub(w: Word, a: number, b: number): Range {
  if (w.end - w.start !== w.text.length) return { start: w.start, end: w.end };
  return { start: w.start + a, end: w.start + Math.max(b, a + 1) };
}

const opposite = (m: Mode): Mode => (m === 'permit' ? 'deny' : 'permit');

function readOp(w: Word, ctx: EntryContext): Op | undefined {
  const op = w.text.toLowerCase();
  if ((OPS as readonly string[]).includes(op)) return op as Op;
  ctx.report(diag('BAD_OPERATOR', 'error', `expecting one of {lt,gt,eq,ne,le,ge}, not "${w.text}"`, w));
  return undefined;
}

/** strtoul() of a whole word, flagging words flow-tools reads only in part. */
function readNumber(w: Word, text: string, r: Range, ctx: EntryContext, what: string): number {
  const n = strtoul(text);
  if (text.length === 0) ctx.report(diag('EMPTY_LIST_ITEM', 'mistake', `empty ${what}: flow-tools reads it as 0`, r));
  else if (n.used === 0) ctx.report(diag('NOT_A_NUMBER', 'mistake', `"${text}" is not a number: flow-tools reads it as 0`, r));
  else if (n.used < text.length) ctx.report(diag('NOT_A_NUMBER', 'mistake', `"${text}" is not a number: flow-tools reads it as ${n.value}`, r));
  void w;
  return n.value;
}

function checkIp(ip: ScannedIp, text: string, r: Range, ctx: EntryContext, what: string, partialOk = false): void {
  if (ip.hostname) {
    if (ip.hostname.resolved) ctx.report(diag('HOSTNAME', 'warning', `"${text}" is a host name (${ipv4(ip.addr)} from /etc/hosts; flow-tools asks DNS)`, r));
    else ctx.report(diag('HOSTNAME', 'mistake', `"${text}" is not an address and no host has that name: flow-tools reads it as ${ipv4(ip.addr)}`, r));
  } else if (!ip.clean) {
    ctx.report(diag('NOT_AN_ADDRESS', 'mistake', `"${text}" is not an IPv4 ${what}: flow-tools reads it as ${ipv4(ip.addr)}`, r));
  } else if (ip.parts < 4 && !partialOk) {
    ctx.report(diag('SHORT_ADDRESS', 'warning', `"${text}" is read as ${ipv4(ip.addr)}`, r));
  }
}

/** Bucket list: "a,b,c", ranges "a-b", a leading "!" (ftfil_load_lookup). */
function parseBucket(type: PrimitiveType, mode: Mode, w: Word, ctx: EntryContext): Entry | undefined {
  const spec = BUCKETS[type]!;
  const s = w.text;
  let p = 0;
  while (s[p] === ' ' || s[p] === '\t') p++;
  let flag = mode;
  if (s[p] === '!') { flag = opposite(mode); p++; }
  const sets: Array<{ lo: number; hi: number; value: Mode }> = [];
  let ok = true;
  const value = (q: number, r: number): number | undefined => {
    const word = s.slice(q, r);
    const range = sub(w, q, r);
    let v: number;
    if (isAlpha(word[0])) {
      const found = spec.sym ? ctx.symbols(spec.sym, word) : undefined;
      if (found === undefined) {
        const why = spec.sym ? `no such name in ${spec.sym}.sym` : `${type} takes numbers only`;
        ctx.report(diag('UNKNOWN_SYMBOL', 'error', `symbol lookup for "${word}" failed (${why})`, range));
        ok = false;
        return undefined;
      }
      v = found >>> 0;
    } else {
      v = readNumber(w, word, range, ctx, 'list item');
    }
    if (v >= spec.size) {
      ctx.report(diag('VALUE_OUT_OF_RANGE', 'error', `value out of range: ${v} (${type} takes 0-${spec.size - 1})`, range));
      ok = false;
      return undefined;
    }
    if (spec.realSize !== undefined && v >= spec.realSize) {
      ctx.report(diag('VALUE_OUT_OF_RANGE', 'mistake', `${type} values are 0-${spec.realSize - 1}: flow-tools stores ${v} outside its table`, range));
      return undefined;
    }
    return v;
  };
  const word = (from: number): { q: number; r: number; c: string } => {
    let q = from;
    while (q < s.length && (s[q] === ' ' || s[q] === '\t')) q++;
    let r = q;
    while (r < s.length && s[r] !== ',' && s[r] !== '-') r++;
    return { q, r, c: s[r] ?? '' };
  };
  // "index N previously set as ..." (flow-tools warns once per index; here once per list item)
  const modes = (ctx.marks.modes ??= new Uint8Array(spec.realSize ?? spec.size));
  const mark = (lo: number, hi: number, range: Range): void => {
    let first = -1;
    let count = 0;
    for (let j = lo; j <= hi && j < modes.length; j++) {
      if (modes[j] !== 0) {
        if (first < 0) first = j;
        count++;
      }
    }
    if (first >= 0) {
      const what = count === 1 ? `index ${first}` : `${count} indexes from ${first}`;
      ctx.report(diag('DUPLICATE_ENTRY', 'warning', `${what} previously set as ${modes[first] === 1 ? 'permit' : 'deny'}`, range));
    }
    modes.fill(flag === 'permit' ? 1 : 2, lo, Math.min(hi, modes.length - 1) + 1);
  };
  while (p < s.length) {
    const a = word(p);
    const i = value(a.q, a.r);
    if (i !== undefined) { mark(i, i, sub(w, a.q, a.r)); sets.push({ lo: i, hi: i, value: flag }); }
    if (!a.c) break;
    p = a.r + 1;
    if (a.c === '-') {
      const b = word(p);
      const i2 = value(b.q, b.r);
      if (i !== undefined && i2 !== undefined && i2 > i) { mark(i + 1, i2, sub(w, a.q, b.r)); sets.push({ lo: i + 1, hi: i2, value: flag }); }
      p = b.r + 1;
      if (!b.c) break;
    }
  }
  return ok ? { kind: 'bucket', mode, sets, start: w.start, end: w.end } : undefined;
}

function dup(ctx: EntryContext, key: string, mode: Mode, shown: string, r: Range): boolean {
  const prev = ctx.seen.get(key);
  if (prev !== undefined) ctx.report(diag('DUPLICATE_ENTRY', 'warning', `entry ${shown} previously set as ${prev}`, r));
  ctx.seen.set(key, mode);
  return prev !== undefined;
}

/**
 * Parse the words of a permit/deny line after the keyword. Returns the entry (undefined on error)
 * and how many words were used (Infinity: the rest of the line, for time-date).
 */
export function parseEntry(
  type: PrimitiveType, mode: Mode, line: Line, args: Word[], ctx: EntryContext, keyword: Word,
): { entry?: Entry; used: number } {
  const w0 = args[0];
  if (!w0) {
    ctx.report(diag('MISSING_ARGUMENT', 'error', `expecting ${mode} data`, { start: keyword.end, end: keyword.end + 1 }));
    return { used: 0 };
  }
  const at = (w: Word): Range => ({ start: w.start, end: w.end });
  const whole = (last: Word): Range => ({ start: keyword.start, end: last.end });
  const need = (w: Word | undefined, what: string): w is Word => {
    if (w) return true;
    ctx.report(diag('MISSING_ARGUMENT', 'error', `expecting ${what}`, { start: w0.end, end: w0.end + 1 }));
    return false;
  };
  if (BUCKETS[type]) return { entry: parseBucket(type, mode, w0, ctx), used: 1 };
  switch (type) {
    case 'ip-address': {
      const ip = scanIp(w0.text, ctx.hosts);
      if (w0.text.includes('/') && !ip.hostname) {
        ctx.report(diag('PREFIX_IN_ADDRESS', 'mistake',
          `"${w0.text}" is not a prefix in an ip-address primitive: flow-tools reads it as the single host ${ipv4(ip.addr)} `
          + '(put subnets in an ip-address-prefix or ip-address-mask primitive)', at(w0)));
      } else checkIp(ip, w0.text, at(w0), ctx, 'address');
      dup(ctx, `a${ip.addr}`, mode, ipv4(ip.addr), at(w0));
      return { entry: { kind: 'exact', mode, value: ip.addr, ...whole(w0) }, used: 1 };
    }
    case 'ip-address-mask': {
      const w1 = args[1];
      if (!need(w1, 'mask')) return { used: 1 };
      const ip = scanIp(w0.text, ctx.hosts);
      const mask = scanIp(w1.text, ctx.hosts);
      checkIp(ip, w0.text, at(w0), ctx, 'address');
      checkIp(mask, w1.text, at(w1), ctx, 'mask');
      if ((ip.addr & ~mask.addr) !== 0) {
        ctx.report(diag('MASK_NEVER_MATCHES', 'mistake',
          `${ipv4(ip.addr)} has bits outside the mask ${ipv4(mask.addr)}: (address & mask) never equals it, so this line never matches`, whole(w1)));
      }
      dup(ctx, `m${ip.addr}/${mask.addr}`, mode, `${ipv4(ip.addr)} ${ipv4(mask.addr)}`, whole(w1));
      return { entry: { kind: 'masked', mode, value: ip.addr, mask: mask.addr, ...whole(w1) }, used: 2 };
    }
    case 'ip-address-prefix': {
      const pfx = scanIpPrefix(w0.text, ctx.hosts);
      const slash = w0.text.indexOf('/');
      checkIp(pfx.ip, slash < 0 ? w0.text : w0.text.slice(0, slash), slash < 0 ? at(w0) : sub(w0, 0, slash), ctx, 'address', slash >= 0);
      if (pfx.classful) {
        ctx.report(diag('CLASSFUL_PREFIX', 'warning', `no /length: flow-tools takes /${pfx.len} from the address class`, at(w0)));
      } else {
        const lenText = w0.text.slice(slash + 1);
        const r = sub(w0, slash + 1, w0.text.length);
        const n = atoi(lenText);
        if (n.used !== lenText.length) ctx.report(diag('NOT_A_NUMBER', 'mistake', `"${lenText}" is not a prefix length: flow-tools reads /${pfx.len}`, r));
        else if (pfx.writtenLen !== pfx.len) ctx.report(diag('PREFIX_LEN_TOO_LONG', 'mistake', `/${lenText} is not a prefix length: flow-tools reads /${pfx.len}`, r));
      }
      const mask = lenToMask(pfx.len);
      if ((pfx.addr & ~mask) !== 0) {
        ctx.report(diag('HOST_BITS_SET', 'warning', `host bits set: ${w0.text} is the prefix ${ipv4((pfx.addr & mask) >>> 0)}/${pfx.len}`, at(w0)));
      }
      if (dup(ctx, `p${pfx.addr}/${pfx.len}`, mode, `${ipv4(pfx.addr)}/${pfx.len}`, at(w0))) return { used: 1 };
      return { entry: { kind: 'prefix', mode, addr: pfx.addr, len: pfx.len, ...whole(w0) }, used: 1 };
    }
    case 'counter': case 'double': {
      const w1 = args[1];
      if (!need(w1, type === 'counter' ? 'counter' : 'value')) return { used: 1 };
      const op = readOp(w0, ctx);
      let value: number;
      if (type === 'counter') value = readNumber(w1, w1.text, at(w1), ctx, 'counter');
      else {
        const d = strtod(w1.text);
        if (d.used !== w1.text.length) ctx.report(diag('NOT_A_NUMBER', 'mistake', `"${w1.text}" is not a number: flow-tools reads it as ${d.value}`, at(w1)));
        value = d.value;
      }
      if (!op) return { used: 2 };
      dup(ctx, `c${op} ${value}`, mode, `${op} ${value}`, whole(w1));
      return { entry: { kind: 'compare', mode, op, value, ...whole(w1) }, used: 2 };
    }
    case 'time': {
      const w1 = args[1];
      if (!need(w1, 'time value')) return { used: 1 };
      const parts = w1.text.split(':');
      let bad = false;
      if (parts.length > 3) {
        ctx.report(diag('BAD_TIME', 'error', `unexpected text: ${parts.slice(3).join(':')} (write hh[:mm[:ss]])`, at(w1)));
        bad = true;
      }
      const hms = [0, 0, 0];
      for (let i = 0; i < Math.min(parts.length, 3); i++) {
        const n = atoi(parts[i]!);
        if (n.used !== parts[i]!.length) {
          ctx.report(diag('NOT_A_NUMBER', 'mistake', `"${parts[i]}" in "${w1.text}" is not a number: flow-tools reads ${n.value}`, at(w1)));
        }
        hms[i] = n.value;
      }
      const op = readOp(w0, ctx);
      if (!op || bad) return { used: 2 };
      return { entry: { kind: 'clock', mode, op, hour: hms[0]!, min: hms[1]!, sec: hms[2]!, ...whole(w1) }, used: 2 };
    }
    case 'time-date': {
      const rest = restAfter(line, w0);
      if (rest === undefined) {
        ctx.report(diag('MISSING_ARGUMENT', 'error', 'expecting time/date', { start: w0.end, end: w0.end + 1 }));
        return { used: Infinity };
      }
      const r = restRange(line, w0);
      const t = parseGetdate(rest, ctx.now);
      if (t === undefined) ctx.report(diag('BAD_DATE', 'error', `cannot parse time/date "${rest.trim()}"`, r));
      const op = readOp(w0, ctx);
      if (t === undefined || !op) return { used: Infinity };
      return { entry: { kind: 'compare', mode, op, value: t >>> 0, start: keyword.start, end: r.end }, used: Infinity };
    }
    case 'tag': case 'tag-mask': {
      let tag: number;
      if (isAlpha(w0.text[0])) {
        const v = ctx.symbols('tag', w0.text);
        if (v === undefined) {
          ctx.report(diag('UNKNOWN_SYMBOL', 'error', `symbol lookup for "${w0.text}" failed (no such name in tag.sym)`, at(w0)));
          return { used: type === 'tag' ? 1 : 2 };
        }
        tag = v >>> 0;
      } else tag = readNumber(w0, w0.text, at(w0), ctx, 'tag');
      if (type === 'tag') {
        dup(ctx, `t${tag}`, mode, `0x${tag.toString(16).toUpperCase()}`, at(w0));
        return { entry: { kind: 'exact', mode, value: tag, ...whole(w0) }, used: 1 };
      }
      const w1 = args[1];
      if (!need(w1, 'mask')) return { used: 1 };
      const mask = readNumber(w1, w1.text, at(w1), ctx, 'mask');
      if ((tag & ~mask) !== 0) {
        ctx.report(diag('MASK_NEVER_MATCHES', 'mistake', 'the tag has bits outside its mask: (tag & mask) never equals it, so this line never matches', whole(w1)));
      }
      dup(ctx, `tm${tag}/${mask}`, mode, `0x${tag.toString(16).toUpperCase()} 0x${mask.toString(16).toUpperCase()}`, whole(w1));
      return { entry: { kind: 'masked', mode, value: tag, mask, ...whole(w1) }, used: 2 };
    }
    case 'rate': {
      const n = atoi(w0.text);
      if (n.used !== w0.text.length) ctx.report(diag('NOT_A_NUMBER', 'mistake', `"${w0.text}" is not a number: flow-tools reads it as ${n.value}`, at(w0)));
      if (n.value === 0) {
        ctx.report(diag('RATE_ZERO', 'error', 'rate can not be 0', at(w0)));
        return { used: 1 };
      }
      if (ctx.seen.has('rate')) ctx.report(diag('RATE_REDEFINED', 'warning', 'rate previously set (the last one counts)', whole(w0)));
      ctx.seen.set('rate', mode);
      return { entry: { kind: 'rate', mode, rate: n.value, ...whole(w0) }, used: 1 };
    }
    default:
      return { used: 0 };
  }
}
