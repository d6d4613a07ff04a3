/**
 * The parsed filter.cfg: primitives (a type, permit/deny entries, a default) and definitions (OR
 * groups of AND-ed match lines, maybe inverted), with the config ranges every part came from.
 * Entries hold values already read the way flow-tools reads them; nothing here is user text to run.
 */

/** The 18 primitive types (FT_FIL_PRIMITIVE_TYPE_*), by their config names. */
export type PrimitiveType =
  | 'as' | 'ip-address-prefix' | 'ip-address' | 'ip-address-mask' | 'ip-protocol' | 'ip-port'
  | 'ip-address-prefix-len' | 'ip-tos' | 'ip-tcp-flags' | 'ifindex' | 'counter' | 'time-date'
  | 'engine' | 'tag' | 'tag-mask' | 'time' | 'double' | 'rate';

export const PRIMITIVE_TYPES: readonly PrimitiveType[] = [
  'as', 'ip-address-prefix', 'ip-address', 'ip-address-mask', 'ip-protocol', 'ip-port',
  'ip-address-prefix-len', 'ip-tos', 'ip-tcp-flags', 'ifindex', 'counter', 'time-date', 'engine',
  'tag', 'tag-mask', 'time', 'double', 'rate',
];

/** FT_FIL_MODE_PERMIT / FT_FIL_MODE_DENY. */
export type Mode = 'permit' | 'deny';

/** lt gt eq ne le ge */
export type Op = 'lt' | 'gt' | 'eq' | 'ne' | 'le' | 'ge';
export const OPS: readonly Op[] = ['lt', 'gt', 'eq', 'ne', 'le', 'ge'];

export interface Range { start: number; end: number }

/** One permit/deny line, decoded for its primitive type. */
export type Entry = Range & { mode: Mode } & (
  /** bucket types: values [lo, hi] get `value` (the line's mode, or the opposite after "!"), in order */
  | { kind: 'bucket'; sets: Array<{ lo: number; hi: number; value: Mode }> }
  /** ip-address, tag: exact value (a later line for the same value replaces it) */
  | { kind: 'exact'; value: number }
  /** ip-address-mask, tag-mask: (field & mask) == value, first match wins */
  | { kind: 'masked'; value: number; mask: number }
  /** ip-address-prefix: longest match wins */
  | { kind: 'prefix'; addr: number; len: number }
  /** counter, time-date (unix seconds), double: first matching comparison wins */
  | { kind: 'compare'; op: Op; value: number }
  /** time: local clock time of the flow's day */
  | { kind: 'clock'; op: Op; hour: number; min: number; sec: number }
  /** rate: 1 in `rate` flows */
  | { kind: 'rate'; rate: number }
);

export interface Primitive extends Range {
  name: string;
  nameRange: Range;
  type?: PrimitiveType;
  typeRange?: Range;
  /** Default: deny */
  defaultMode: Mode;
  /** ip-tos / ip-tcp-flags mask. Default: 0xff */
  mask: number;
  entries: Entry[];
}

export interface MatchLine extends Range {
  /** the match type as written ("dst-ip-port") */
  match: string;
  matchRange: Range;
  /** the primitive name as written */
  primitive: string;
  primitiveRange: Range;
}

export interface Definition extends Range {
  name: string;
  nameRange: Range;
  /** OR groups of AND-ed match lines; `or` starts a new group (empty groups never exist) */
  groups: MatchLine[][];
  invert: boolean;
}

export interface FilterConfig {
  primitives: Primitive[];
  definitions: Definition[];
}
