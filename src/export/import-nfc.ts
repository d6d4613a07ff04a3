/**
 * flow-import -f 3: Cisco NFCollector v1 ASCII files (format_NFCollector1 of src/flow-import.c).
 * The first line names the format: nine fields split on '|', the second "FORMAT A", the third one
 * of four aggregations; each line after is one flow, its '|'-separated fields in the aggregation's
 * order (addresses dotted, numbers decimal), stored in the record of the -V version where it has
 * the field. flow-import's own rules are kept: a line must have exactly the aggregation's fields
 * (CallRecord's twelfth is read and dropped), else it is reported by line number and not written;
 * ToS is stored as a 16-bit value, so a value past 255 spills into the byte after it.
 */
import { scanIp } from '../filter/address.ts';
import { strtoul10 } from '../filter/cnum.ts';
import { FIELD_DEFS, FIELD_NAMES, type FieldName } from '../format/fields.ts';
import { hasField, type Layout } from '../format/layouts.ts';
import { put } from './import-records.ts';

type Conv = 'ip' | 'u32' | 'u16' | 'u8';
/** one field of a line: the record field it goes to (null: read and dropped) and how it is read */
interface NfcField { f: FieldName | null; conv: Conv }

const f = (name: FieldName, conv: Conv): NfcField => ({ f: name, conv });
const COUNTERS = [f('dPkts', 'u32'), f('dOctets', 'u32'), f('dFlows', 'u32')];

/** NFC2ft: the aggregations flow-import knows, by the name in the format line */
const SCHEMES: Readonly<Record<string, readonly NfcField[]>> = {
  'AGGREGATION CallRecord': [
    f('srcaddr', 'ip'), f('dstaddr', 'ip'), f('srcport', 'u16'), f('dstport', 'u16'), f('prot', 'u8'), f('tos', 'u16'),
    ...COUNTERS, f('First', 'u32'), f('Last', 'u32'), { f: null, conv: 'u32' },
  ],
  'AGGREGATION HostMatrix': [f('srcaddr', 'ip'), f('dstaddr', 'ip'), ...COUNTERS],
  'AGGREGATION SourceNode': [f('srcaddr', 'ip'), ...COUNTERS],
  'AGGREGATION DestNode': [f('dstaddr', 'ip'), ...COUNTERS],
};

/** fgets(buf, 1024): a longer line is read as pieces of 1,023 characters, the newline with the last */
export const NFC_LINE_MAX = 1023;

/** flow-import's ascii_fields() with its bound (the byte size of an array of 20 pointers): 0 past it */
function fields(line: string): string[] | null {
  const all = line.split('|');
  return all.length >= 160 ? null : all;
}

/** The versions flow-import has a field mask for (vXmask, v8mask): 1, 5, 6, 7 and 8.1-8.14. */
export function nfcVersionOk(d: number, agg: number): boolean {
  return d === 1 || d === 5 || d === 6 || d === 7 || (d === 8 && agg >= 1 && agg <= 14);
}

export class NfcReader {
  private constructor(readonly layout: Layout, private readonly scheme: readonly NfcField[], private readonly kept: boolean[]) {}

  /** The reader the format line asks for, or flow-import's warning when it cannot be read. */
  static fromHeader(line: string, layout: Layout): NfcReader | string {
    const h = fields(line);
    if (!h || h.length !== 9) return 'Unregconized format line';
    if (h[1] !== 'FORMAT A') return `Unregocnized format "${h[1]}"`;
    const scheme = SCHEMES[h[2]!];
    if (!scheme) return `Unsupported aggrecation scheme "${h[2]}"`;
    const kept = scheme.map((x) => x.f !== null && hasField(layout, x.f));
    if (!kept.some(Boolean)) return 'Incompatible input and destination (no common fields)';
    return new NfcReader(layout, scheme, kept);
  }

  /** Decode one line (its newline, if any, still on) into the zeroed record at `at`; false: broken. */
  read(line: string, out: DataView, at: number, le: boolean): boolean {
    const cells = fields(line);
    // flow-import converts what is there, then writes the record only if the count was exact
    if (!cells || cells.length !== this.scheme.length) return false;
    for (let i = 0; i < cells.length; i++) {
      if (!this.kept[i]) continue;
      const { f: name, conv } = this.scheme[i]!;
      const v = conv === 'ip' ? scanIp(cells[i]!).addr : strtoul10(cells[i]!);
      if (name === 'tos') this.putTos(out, at, v, le);
      else put(out, this.layout, at, name!, conv === 'u8' ? v & 0xff : conv === 'u16' ? v & 0xffff : v, le);
    }
    return true;
  }

  /**
   * ToS stored as a host-order (little-endian) 16-bit value at its byte: the high byte lands in the
   * byte after it, whatever field that belongs to (tcp_flags in v1, v5, v6 and v7).
   */
  private putTos(out: DataView, at: number, v: number, le: boolean): void {
    const o = this.layout.offsets.tos;
    out.setUint8(at + o, v & 0xff);
    const hi = (v >>> 8) & 0xff;
    if (hi === 0) return;
    const owner = FIELD_NAMES.find((n) => {
      const p = this.layout.offsets[n];
      return p >= 0 && p <= o + 1 && o + 1 < p + FIELD_DEFS[n].size;
    });
    if (!owner || FIELD_DEFS[owner].size === 1) { out.setUint8(at + o + 1, hi); return; }
    // a byte of a wider field: its value as the host held it, written in the output's order
    const p = this.layout.offsets[owner], size = FIELD_DEFS[owner].size;
    const old = size === 4 ? out.getUint32(at + p, le) : out.getUint16(at + p, le);
    put(out, this.layout, at, owner, (old | (hi << (8 * (o + 1 - p)))) >>> 0, le);
  }
}
