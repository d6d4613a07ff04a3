/**
 * A parsed tag.cfg (lib/fttag.c): tag-actions, each a type and its match table, and
 * tag-definitions, each a list of terms (interface and exporter filters plus the actions to run).
 * Every match entry says which of the source/destination tags it sets or ORs and with what.
 */
import type { Range } from '../filter/ast.ts';

/** What an entry does to the tags (FT_TAG_SET_* / FT_TAG_OR_*). */
export const SET_DST = 0x1;
export const SET_SRC = 0x2;
export const OR_DST = 0x4;
export const OR_SRC = 0x8;

/** One match of an action: the tag operations it carries (flags) and their values. */
export interface TagEntry {
  flags: number;
  src: number;
  dst: number;
}

/**
 * The action types, by their canonical name. The key each reads from a flow: a prefix of an
 * address (longest match), an AS, a port (TCP or UDP flows only), the ToS byte, an address (exact),
 * an interface; "any" matches every flow. The two-sided types look up the source side then the
 * destination side, with the same table.
 */
export type ActionType =
  | 'src-prefix' | 'dst-prefix' | 'prefix'
  | 'src-as' | 'dst-as' | 'as'
  | 'tcp-src-port' | 'tcp-dst-port' | 'tcp-port'
  | 'udp-src-port' | 'udp-dst-port' | 'udp-port'
  | 'tos' | 'any' | 'next-hop' | 'exporter'
  | 'src-ip' | 'dst-ip' | 'ip'
  | 'input-interface' | 'output-interface' | 'interface';

/** The `type` words fttag.c accepts (case-insensitive) and the type each names. */
export const TYPE_WORDS: Readonly<Record<string, ActionType>> = {
  'src-prefix': 'src-prefix', 'source-prefix': 'src-prefix',
  'dst-prefix': 'dst-prefix', 'destination-prefix': 'dst-prefix',
  'prefix': 'prefix', 'next-hop': 'next-hop',
  'src-as': 'src-as', 'source-as': 'src-as', 'dst-as': 'dst-as', 'destination-as': 'dst-as', 'as': 'as',
  'tcp-src-port': 'tcp-src-port', 'tcp-source-port': 'tcp-src-port',
  'tcp-dst-port': 'tcp-dst-port', 'tcp-destination-port': 'tcp-dst-port', 'tcp-port': 'tcp-port',
  'udp-src-port': 'udp-src-port', 'udp-source-port': 'udp-src-port',
  'udp-dst-port': 'udp-dst-port', 'udp-destination-port': 'udp-dst-port', 'udp-port': 'udp-port',
  'tos': 'tos', 'any': 'any',
  'src-ip': 'src-ip', 'source-ip-address': 'src-ip', 'dst-ip': 'dst-ip', 'destination-ip-address': 'dst-ip', 'ip': 'ip',
  'exporter': 'exporter',
  'input-interface': 'input-interface', 'output-interface': 'output-interface', 'interface': 'interface',
};

/** How an action's matches are stored, which is also how a match word is read. */
export type Storage =
  /** atoi() into a u_int16 (AS, port, interface) or a u_int8 (ToS): a table indexed by it */
  | 'number'
  /** scan_ip_prefix(): longest-prefix match */
  | 'prefix'
  /** scan_ip(): exact address */
  | 'address'
  /** the word "any" */
  | 'any';

export function storageOf(t: ActionType): Storage {
  if (t.endsWith('prefix')) return 'prefix';
  if (t === 'any') return 'any';
  if (t === 'next-hop' || t === 'exporter' || t.endsWith('ip')) return 'address';
  return 'number';
}

/** Table size of a 'number' action: the ToS is a u_int8, the others u_int16. */
export const tableSize = (t: ActionType): number => (t === 'tos' ? 256 : 65536);

export interface TagAction extends Range {
  name: string;
  type?: ActionType;
  /** by key: the table index ('number'), the address ('address'), prefixKey() ('prefix'), 0 ('any') */
  entries: Map<number, TagEntry>;
}

/** The key of a masked prefix: address and length in one number. */
export const prefixKey = (addr: number, len: number): number => addr * 64 + len;
export const prefixOf = (key: number): { addr: number; len: number } => ({ addr: Math.floor(key / 64), len: key % 64 });

export interface TagTerm extends Range {
  /** input-filter / output-filter: 1 where the interface passes (absent: every interface) */
  input?: Uint8Array;
  output?: Uint8Array;
  exporter?: number;
  /** the action names, resolved by the loader */
  actions: Array<{ name: string } & Range>;
}

export interface TagDefinition extends Range {
  name: string;
  terms: TagTerm[];
}

export interface TagConfig {
  actions: TagAction[];
  definitions: TagDefinition[];
}

/** A problem found in a tag.cfg, at a range of its text. Errors stop the load, as in flow-tools. */
export interface TagDiagnostic extends Range {
  severity: 'error' | 'warning';
  message: string;
}
