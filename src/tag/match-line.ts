/**
 * One `match KEY OPERATION VALUE` line of a tag-action, read as parse_action_match() (lib/fttag.c)
 * reads it: the key by the action's type (atoi() into the table's width, an address, a prefix, or
 * the word "any"), the operation (set-/or- source/destination, long or short), the tag value
 * (strtoul(s, 0, 0) into 32 bits). A key may carry one set, or any number of ORs, per side.
 * Words flow-tools reads other than as written are reported as warnings; its reading is kept.
 */
import { lenToMask, scanIp, scanIpPrefix, type HostLookup, type ScannedIp } from '../filter/address.ts';
import type { Range } from '../filter/ast.ts';
import { atoi, strtoul } from '../filter/cnum.ts';
import type { Word } from '../filter/line-words.ts';
import { ipv4 } from '../util/ip.ts';
import { OR_DST, OR_SRC, prefixKey, SET_DST, SET_SRC, storageOf, tableSize, type TagAction, type TagDiagnostic } from './types.ts';

const OPERATIONS: Readonly<Record<string, number>> = {
  'set-src': SET_SRC, 'set-source': SET_SRC, 'set-dst': SET_DST, 'set-destination': SET_DST,
  'or-src': OR_SRC, 'or-source': OR_SRC, 'or-dst': OR_DST, 'or-destination': OR_DST,
};

/**
 * What an operation may not meet on a key already in the table: a set meets no earlier set or OR
 * of its side, an OR no earlier set of its side.
 */
function conflicts(op: number): number {
  switch (op) {
    case SET_SRC: return SET_SRC | OR_SRC;
    case SET_DST: return SET_DST | OR_DST;
    case OR_SRC: return SET_SRC;
    default: return SET_DST;
  }
}

export interface MatchContext {
  hosts: HostLookup;
  error(message: string, r: Range): void;
  warn(message: string, r: Range): void;
}

const after = (w: Word): Range => ({ start: w.end, end: w.end + 1 });

/** Warn of an address word flow-tools reads other than as written (or asks the resolver for). */
export function checkAddress(ip: ScannedIp, w: Word, ctx: Pick<MatchContext, 'warn'>): void {
  if (ip.hostname?.resolved) ctx.warn(`"${w.text}" is a host name: ${ipv4(ip.addr)} (from /etc/hosts; flow-tools asks the resolver)`, w);
  else if (ip.hostname || !ip.clean) ctx.warn(`"${w.text}" is not an IPv4 address: flow-tools reads it as ${ipv4(ip.addr)}`, w);
}

/** The table key of `w` for the action's type, or undefined after an error. */
function readKey(action: TagAction, w: Word, ctx: MatchContext): number | undefined {
  const type = action.type!;
  switch (storageOf(type)) {
    case 'number': {
      const size = tableSize(type);
      const n = atoi(w.text);
      const key = n.value & (size - 1);
      if (n.used !== w.text.length || n.value !== key) ctx.warn(`"${w.text}" is not a number 0-${size - 1}: flow-tools reads it as ${key}`, w);
      return key;
    }
    case 'any':
      if (w.text.toLowerCase() !== 'any') { ctx.error('Match must be any.', w); return undefined; }
      return 0;
    case 'address': {
      const ip = scanIp(w.text, ctx.hosts);
      checkAddress(ip, w, ctx);
      return ip.addr;
    }
    case 'prefix': {
      const p = scanIpPrefix(w.text, ctx.hosts);
      checkAddress(p.ip, w, ctx);
      const addr = (p.addr & lenToMask(p.len)) >>> 0;
      if (addr !== p.addr) ctx.warn(`host bits set in "${w.text}": the prefix is ${ipv4(addr)}/${p.len}`, w);
      return prefixKey(addr, p.len);
    }
  }
}

/** Apply one match line (its words after `match`) to the action. False after an error. */
export function parseMatch(action: TagAction, kw: Word, args: readonly Word[], ctx: MatchContext): boolean {
  if (!action.type) { ctx.error('Must set type first.', kw); return false; }
  const [keyWord, opWord, valueWord] = args;
  if (!keyWord) { ctx.error('Expecting match data.', after(kw)); return false; }
  if (!opWord) { ctx.error('Expecting [set|or]-[source|destination].', after(keyWord)); return false; }
  const op = OPERATIONS[opWord.text.toLowerCase()];
  if (op === undefined) { ctx.error('Expecting [set|or]-[source|destination].', opWord); return false; }
  if (!valueWord) { ctx.error('Expecting set data.', after(opWord)); return false; }
  const tag = strtoul(valueWord.text);
  if (tag.used !== valueWord.text.length) {
    ctx.warn(`"${valueWord.text}" is not a number: flow-tools reads it as 0x${tag.value.toString(16).padStart(8, '0')}`, valueWord);
  }
  const key = readKey(action, keyWord, ctx);
  if (key === undefined) return false;
  let e = action.entries.get(key);
  if (e && (e.flags & conflicts(op))) {
    ctx.error('Only one set per source/destination per match.', { start: keyWord.start, end: valueWord.end });
    return false;
  }
  if (!e) action.entries.set(key, (e = { flags: 0, src: 0, dst: 0 }));
  e.flags |= op;
  if (op === SET_SRC) e.src = tag.value;
  else if (op === OR_SRC) e.src = (e.src | tag.value) >>> 0;
  else if (op === SET_DST) e.dst = tag.value;
  else e.dst = (e.dst | tag.value) >>> 0;
  return true;
}
