/**
 * flow-import's readers (src/flow-import.c): cflowd binary records (-f 0), ASCII CSV lines (-f 2)
 * and NetFlow export packets (-f 4, PduReader), each turned into a flow record of the export version given with -V, fields the version
 * lacks dropped, the rest 0. The inverses of flow-export's -f 0 and -f 2 (cflowd.ts, csv.ts), with
 * flow-import's own rules:
 * - cflowd: the start time goes to unix_secs; the end time to Last as (end - start) * 1000 when a
 *   start came, else to unix_secs; the input ifIndex is kept when the version keeps the destination
 *   address (flow-import tests that bit);
 * - CSV: the columns of the mask in flow-export's order (a "#:" line before the first flow sets the
 *   mask, as flow-export writes one), addresses dotted (scan_ip), other values strtoul(s, 0, 0);
 *   missing columns leave their fields 0; lines whose first non-blank is '#' are skipped.
 */
import { scanIp } from '../filter/address.ts';
import { strtoul } from '../filter/cnum.ts';
import { FIELD_DEFS, type FieldName } from '../format/fields.ts';
import { hasField, type Layout } from '../format/layouts.ts';
import { CF_FIELDS, VERSION_MASKS } from './cflowd.ts';
import { CSV_ADDRESSES } from './csv.ts';
import { PDU_FORMATS } from './wire.ts';
import { csvValueOrder, parseFieldNames } from './xfields.ts';

/** Store `value` in field `f` of the record at `at` (fields the layout lacks are dropped). */
export function put(dv: DataView, layout: Layout, at: number, f: FieldName, value: number, le: boolean): void {
  const o = layout.offsets[f];
  if (o < 0) return;
  const size = FIELD_DEFS[f].size;
  if (size === 4) dv.setUint32(at + o, value >>> 0, le);
  else if (size === 2) dv.setUint16(at + o, value & 0xffff, le);
  else dv.setUint8(at + o, value & 0xff);
}

/** cflowd records (-f 0); undefined when flow-import has no cflowd mask for the version. */
export class CflowdReader {
  private readonly fields: Array<{ bit: number; src: FieldName | 'start' | 'end'; size: number }>;
  /** the view of the last source read (a chunk is read record by record) */
  private of: Uint8Array | null = null;
  private dv: DataView = new DataView(new ArrayBuffer(0));

  private constructor(readonly layout: Layout, private readonly keep: number) {
    this.fields = CF_FIELDS.map(([bit, src]) => ({ bit, src, size: src === 'start' || src === 'end' ? 4 : FIELD_DEFS[src].size }));
  }

  static for(layout: Layout): CflowdReader | undefined {
    // flow-import's switch has v1, v5, v6, v7 and v8.1-14, not v1005
    const keep = layout.id === '1005' ? undefined : VERSION_MASKS[layout.id];
    return keep === undefined ? undefined : new CflowdReader(layout, keep);
  }

  /**
   * Decode the record at `from` in `src` (big-endian) into the (zeroed) record at `at` of `out`;
   * returns the bytes it took, or 0 when `src` ends inside it.
   */
  read(src: Uint8Array, from: number, out: DataView, at: number, le: boolean): number {
    if (this.of !== src) { this.of = src; this.dv = new DataView(src.buffer, src.byteOffset, src.byteLength); }
    const dv = this.dv;
    if (from + 4 > src.length) return 0;
    const index = dv.getUint32(from);
    let p = from + 4, start = 0;
    for (const { bit, src: f, size } of this.fields) {
      if (!(index & bit)) continue;
      if (p + size > src.length) return 0;
      const v = size === 4 ? dv.getUint32(p) : size === 2 ? dv.getUint16(p) : dv.getUint8(p);
      p += size;
      // the input ifIndex is kept on the destination address's bit (flow-import.c)
      if (!(this.keep & (f === 'input' ? 0x4 : bit))) continue;
      if (f === 'start') { start = v; put(out, this.layout, at, 'unix_secs', v, le); }
      else if (f === 'end') {
        if (start) put(out, this.layout, at, 'Last', Math.imul(v - start, 1000), le);
        else put(out, this.layout, at, 'unix_secs', v, le);
      } else put(out, this.layout, at, f, v, le);
    }
    return p - from;
  }
}

/** A CSV column: its field, whether the version keeps it, whether it is an address. */
interface Column { f: FieldName; kept: boolean; address: boolean }

/** CSV lines (-f 2). */
export class CsvReader {
  private columns: Column[] = [];

  /** `mask`: -m, or undefined for every field of the version */
  constructor(readonly layout: Layout, mask?: bigint) {
    this.setMask(mask ?? layout.xfields);
  }

  /** A "#:" line before the first flow: its names are the columns from now on (MaskError if bad). */
  setColumns(names: string): void {
    this.setMask(parseFieldNames(names));
  }

  private setMask(mask: bigint): void {
    this.columns = csvValueOrder(mask).map((f) => ({ f, kept: hasField(this.layout, f), address: CSV_ADDRESSES.has(f) }));
  }

  /** Decode one line (no newline) into the zeroed record at `at`. */
  read(line: string, out: DataView, at: number, le: boolean): void {
    const cells = line.split(',');
    const n = Math.min(cells.length, this.columns.length);
    for (let i = 0; i < n; i++) {
      const { f, kept, address } = this.columns[i]!;
      if (kept) put(out, this.layout, at, f, address ? scanIp(cells[i]!).addr : strtoul(cells[i]!).value, le);
    }
  }
}

/** NetFlow export packets as flow-import -f 4 takes them, one PDU at a time (v1, v5, v6, v7). */
export class PduReader {
  private readonly seq = new Map<number, number>();

  /**
   * Decode the PDU in `pdu` (network byte order, `layout`'s version) into `count` zeroed records of
   * `layout` at `out`, from `at`: the header's times (and engine, from v5 on) in every record, the
   * exporter address 0 (a file has none).
   */
  decode(pdu: Uint8Array, layout: Layout, count: number, out: DataView, at: number, le: boolean): void {
    const fmt = PDU_FORMATS[layout.id]!;
    const dv = new DataView(pdu.buffer, pdu.byteOffset, pdu.byteLength);
    const engine = fmt.header > 16;
    for (let n = 0; n < count; n++) {
      const r = at + n * layout.size, p = fmt.header + n * fmt.recSize;
      put(out, layout, r, 'sysUpTime', dv.getUint32(4), le);
      put(out, layout, r, 'unix_secs', dv.getUint32(8), le);
      put(out, layout, r, 'unix_nsecs', dv.getUint32(12), le);
      if (engine) { put(out, layout, r, 'engine_type', dv.getUint8(20), le); put(out, layout, r, 'engine_id', dv.getUint8(21), le); }
      for (const [f, o] of fmt.rows) {
        const size = FIELD_DEFS[f].size;
        put(out, layout, r, f, size === 4 ? dv.getUint32(p + o) : size === 2 ? dv.getUint16(p + o) : dv.getUint8(p + o), le);
      }
    }
  }

  /**
   * ftpdu_check_seq(): the PDU's flow_sequence against the one expected for its engine (v1 has
   * none); null when it matched, else what was expected, received and lost.
   */
  checkSeq(pdu: Uint8Array, version: number): { expected: number; received: number; lost: number } | null {
    if (version === 1) return null;
    const dv = new DataView(pdu.buffer, pdu.byteOffset, pdu.byteLength);
    const count = dv.getUint16(2), seq = dv.getUint32(16), index = (dv.getUint8(21) << 8) | dv.getUint8(20);
    const want = this.seq.get(index);
    this.seq.set(index, (seq + count) >>> 0);
    if (want === undefined || want === seq) return null;
    return { expected: want, received: seq, lost: seq > want ? seq - want : ((0xffffffff - want) + seq) >>> 0 };
  }
}
