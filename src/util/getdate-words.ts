/**
 * The vocabulary of getdate (lib/getdate.y): the token kinds, and the month, day, unit, relative
 * and time-zone words with their values, looked up as LookupWord() does.
 */

/** A getdate token. */
export type Tok =
  | { t: 'U' | 'S' | 'MONTH' | 'DAY' | 'ZONE' | 'DAYZONE' | 'MIN_UNIT' | 'SEC_UNIT' | 'MON_UNIT'; v: number }
  | { t: 'MERID'; v: Meridian }
  | { t: 'DST' | 'AGO' | 'ID' | 'END' }
  | { t: 'CH'; c: string };

export type Meridian = 'am' | 'pm' | '24';

const HOUR = (h: number): number => h * 60;

const MONTH_DAY: ReadonlyArray<readonly [string, 'MONTH' | 'DAY', number]> = [
  ['january', 'MONTH', 1], ['february', 'MONTH', 2], ['march', 'MONTH', 3], ['april', 'MONTH', 4],
  ['may', 'MONTH', 5], ['june', 'MONTH', 6], ['july', 'MONTH', 7], ['august', 'MONTH', 8],
  ['september', 'MONTH', 9], ['sept', 'MONTH', 9], ['october', 'MONTH', 10], ['november', 'MONTH', 11],
  ['december', 'MONTH', 12], ['sunday', 'DAY', 0], ['monday', 'DAY', 1], ['tuesday', 'DAY', 2],
  ['tues', 'DAY', 2], ['wednesday', 'DAY', 3], ['wednes', 'DAY', 3], ['thursday', 'DAY', 4],
  ['thur', 'DAY', 4], ['thurs', 'DAY', 4], ['friday', 'DAY', 5], ['saturday', 'DAY', 6],
];

const UNITS: ReadonlyMap<string, readonly ['MIN_UNIT' | 'SEC_UNIT' | 'MON_UNIT', number]> = new Map([
  ['year', ['MON_UNIT', 12]], ['month', ['MON_UNIT', 1]], ['fortnight', ['MIN_UNIT', 14 * 24 * 60]],
  ['week', ['MIN_UNIT', 7 * 24 * 60]], ['day', ['MIN_UNIT', 24 * 60]], ['hour', ['MIN_UNIT', 60]],
  ['minute', ['MIN_UNIT', 1]], ['min', ['MIN_UNIT', 1]], ['second', ['SEC_UNIT', 1]], ['sec', ['SEC_UNIT', 1]],
] as const);

const OTHER: ReadonlyMap<string, readonly ['MIN_UNIT' | 'U' | 'AGO', number]> = new Map([
  ['tomorrow', ['MIN_UNIT', 24 * 60]], ['yesterday', ['MIN_UNIT', -24 * 60]], ['today', ['MIN_UNIT', 0]],
  ['now', ['MIN_UNIT', 0]], ['last', ['U', -1]], ['this', ['MIN_UNIT', 0]], ['next', ['U', 2]],
  ['first', ['U', 1]], ['third', ['U', 3]], ['fourth', ['U', 4]], ['fifth', ['U', 5]], ['sixth', ['U', 6]],
  ['seventh', ['U', 7]], ['eighth', ['U', 8]], ['ninth', ['U', 9]], ['tenth', ['U', 10]],
  ['eleventh', ['U', 11]], ['twelfth', ['U', 12]], ['ago', ['AGO', 1]],
] as const);

// minutes west of UTC; DAYZONE entries are the standard offset of a daylight zone
const ZONES: ReadonlyMap<string, readonly ['ZONE' | 'DAYZONE', number]> = new Map([
  ['gmt', ['ZONE', HOUR(0)]], ['ut', ['ZONE', HOUR(0)]], ['utc', ['ZONE', HOUR(0)]], ['wet', ['ZONE', HOUR(0)]],
  ['bst', ['DAYZONE', HOUR(0)]], ['wat', ['ZONE', HOUR(1)]], ['at', ['ZONE', HOUR(2)]],
  ['ast', ['ZONE', HOUR(4)]], ['adt', ['DAYZONE', HOUR(4)]], ['est', ['ZONE', HOUR(5)]], ['edt', ['DAYZONE', HOUR(5)]],
  ['cst', ['ZONE', HOUR(6)]], ['cdt', ['DAYZONE', HOUR(6)]], ['mst', ['ZONE', HOUR(7)]], ['mdt', ['DAYZONE', HOUR(7)]],
  ['pst', ['ZONE', HOUR(8)]], ['pdt', ['DAYZONE', HOUR(8)]], ['yst', ['ZONE', HOUR(9)]], ['ydt', ['DAYZONE', HOUR(9)]],
  ['hst', ['ZONE', HOUR(10)]], ['hdt', ['DAYZONE', HOUR(10)]], ['cat', ['ZONE', HOUR(10)]], ['ahst', ['ZONE', HOUR(10)]],
  ['nt', ['ZONE', HOUR(11)]], ['idlw', ['ZONE', HOUR(12)]], ['cet', ['ZONE', -HOUR(1)]], ['met', ['ZONE', -HOUR(1)]],
  ['mewt', ['ZONE', -HOUR(1)]], ['mest', ['DAYZONE', -HOUR(1)]], ['swt', ['ZONE', -HOUR(1)]], ['sst', ['DAYZONE', -HOUR(1)]],
  ['fwt', ['ZONE', -HOUR(1)]], ['fst', ['DAYZONE', -HOUR(1)]], ['eet', ['ZONE', -HOUR(2)]], ['bt', ['ZONE', -HOUR(3)]],
  ['zp4', ['ZONE', -HOUR(4)]], ['zp5', ['ZONE', -HOUR(5)]], ['zp6', ['ZONE', -HOUR(6)]], ['wast', ['ZONE', -HOUR(7)]],
  ['wadt', ['DAYZONE', -HOUR(7)]], ['cct', ['ZONE', -HOUR(8)]], ['jst', ['ZONE', -HOUR(9)]], ['east', ['ZONE', -HOUR(10)]],
  ['eadt', ['DAYZONE', -HOUR(10)]], ['gst', ['ZONE', -HOUR(10)]], ['nzt', ['ZONE', -HOUR(12)]], ['nzst', ['ZONE', -HOUR(12)]],
  ['nzdt', ['DAYZONE', -HOUR(12)]], ['idle', ['ZONE', -HOUR(12)]],
] as const);

// military zones a..z (no j)
const MILITARY: ReadonlyMap<string, number> = new Map([
  ...'abcdefghiklm'.split('').map((c, i) => [c, HOUR(i + 1)] as const),
  ...'nopqrstuvwxy'.split('').map((c, i) => [c, HOUR(-(i + 1))] as const),
  ['z', 0],
]);

/** C isalpha() in the C locale. */
export const isAlpha = (c: string): boolean => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

/** LookupWord(): the token of an alphabetic word (lower-cased, abbreviations, plurals, dotted zones). */
export function lookupWord(word: string): Tok {
  let buff = word.toLowerCase();
  if (buff === 'am' || buff === 'a.m.') return { t: 'MERID', v: 'am' };
  if (buff === 'pm' || buff === 'p.m.') return { t: 'MERID', v: 'pm' };
  let abbrev = false;
  if (buff.length === 3) abbrev = true;
  else if (buff.length === 4 && buff[3] === '.') { abbrev = true; buff = buff.slice(0, 3); }
  for (const [name, t, v] of MONTH_DAY) {
    if (abbrev ? name.startsWith(buff) && buff.length === 3 : name === buff) return { t, v };
  }
  const z = ZONES.get(buff);
  if (z) return { t: z[0], v: z[1] };
  if (buff === 'dst') return { t: 'DST' };
  const u = UNITS.get(buff) ?? (buff.endsWith('s') ? UNITS.get(buff.slice(0, -1)) : undefined);
  if (u) return { t: u[0], v: u[1] };
  const o = OTHER.get(buff);
  if (o) return o[0] === 'AGO' ? { t: 'AGO' } : { t: o[0], v: o[1] };
  if (buff.length === 1 && isAlpha(buff)) {
    const m = MILITARY.get(buff);
    if (m !== undefined) return { t: 'ZONE', v: m };
  }
  const nodots = buff.replace(/\./g, '');
  if (nodots !== buff) {
    const z2 = ZONES.get(nodots);
    if (z2) return { t: z2[0], v: z2[1] };
  }
  return { t: 'ID' };
}
