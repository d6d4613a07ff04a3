/**
 * Reading a stream header (FORMAT.md sections 2-4): the generic 4 bytes, the s_version 3 TLV list or
 * the fixed s_version 1 header, into a FlowHeader. Failures carry the exact flow-tools message lines
 * and the byte offset where the header went wrong. Writing headers is header-write.ts.
 */
import {
  FIELD, FT_HEADER_BIG_ENDIAN, FT_HEADER_MAGIC1, FT_HEADER_MAGIC2, HEADER_FLAG, TLV,
} from './constants.ts';
import { layoutFor, type Layout } from './layouts.ts';

export interface IfName { ip: number; ifIndex: number; name: string }
export interface IfAlias { ip: number; ifIndexList: number[]; name: string }

/** A decoded stream header, in host values. `fields` says which TLVs were present (FIELD bits). */
export interface FlowHeader {
  byteOrder: number;
  /** Records and TLVs are little endian (flow-tools flips only for byte_order 2). */
  littleEndian: boolean;
  sVersion: number;
  /** Offset of the first record: head_off_d for s_version 3, 360 for s_version 1. */
  headerSize: number;
  fields: number;
  flags: number;
  dVersion: number;
  aggVersion: number;
  aggMethod: number;
  vendor: number;
  exporterIp: number;
  capStart: number;
  capEnd: number;
  rotation: number;
  flowsCount: number;
  flowsLost: number;
  flowsMisordered: number;
  pktsCorrupt: number;
  seqReset: number;
  capHostname?: string;
  comments?: string;
  ifNames: IfName[];
  ifAliases: IfAlias[];
}

export function emptyHeader(): FlowHeader {
  return {
    byteOrder: 1, littleEndian: true, sVersion: 3, headerSize: 0, fields: 0, flags: 0, dVersion: 0,
    aggVersion: 0, aggMethod: 0, vendor: 0, exporterIp: 0, capStart: 0, capEnd: 0, rotation: 0,
    flowsCount: 0, flowsLost: 0, flowsMisordered: 0, pktsCorrupt: 0, seqReset: 0, ifNames: [], ifAliases: [],
  };
}

/** A header that cannot be read. `lines` are flow-tools' own stderr lines, `offset` where it broke. */
export class HeaderError extends Error {
  constructor(
    readonly code: 'SHORT_TOP' | 'BAD_MAGIC' | 'SHORT_OFFSET' | 'BAD_SVERSION' | 'SHORT_HEADER' | 'BAD_RECORD_TYPE',
    readonly lines: string[],
    readonly offset: number,
    readonly header?: FlowHeader,
  ) {
    super(lines[0]);
  }
}

/** Sequential byte source: returns up to n bytes (fewer only at end of input). */
export interface ByteSource {
  read(n: number): Uint8Array;
}

const HEADER1_SIZE = 360;
/** flow-tools refuses a header it cannot allocate; we refuse one larger than this. */
const MAX_HEADER = 1 << 30;

function failedRead(code: HeaderError['code'], line: string, offset: number): HeaderError {
  return new HeaderError(code, [line, 'ftiheader_read(): failed', 'ftio_init(): failed'], offset);
}

function cString(bytes: Uint8Array, start: number, end: number): string {
  let e = start;
  while (e < end && bytes[e] !== 0) e++;
  return Buffer.from(bytes.buffer, bytes.byteOffset + start, e - start).toString('latin1');
}

/**
 * Read and decode the header at the start of a stream. Throws HeaderError exactly where
 * ftiheader_read() / ftio_init() would fail. A header whose version has no record layout is a
 * HeaderError too (code BAD_RECORD_TYPE) but carries the decoded header for flow-header-like uses.
 */
export function readHeader(src: ByteSource): { header: FlowHeader; layout: Layout } {
  const header = readHeaderOnly(src);
  return { header, layout: requireLayout(header) };
}

/** The layout of a decoded header, or the HeaderError ftio_init() reports for it. */
export function requireLayout(h: FlowHeader): Layout {
  let problem: string | undefined;
  if (h.sVersion === 3 && h.dVersion === 8 && h.aggVersion !== 2) problem = `Unsupported agg_version ${h.aggVersion}`;
  const layout = problem ? undefined : layoutFor(h.dVersion, h.aggMethod);
  if (!layout) {
    problem ??= h.dVersion === 8 ? `Unsupported agg_method ${h.aggMethod}` : `Unsupported d_version ${h.dVersion}`;
    throw new HeaderError('BAD_RECORD_TYPE', [problem, 'Unsupported record type (ftio_rec_size_', 'ftio_init(): failed'], 4, h);
  }
  return layout;
}

/** Decode the header without checking that its record version is readable. */
export function readHeaderOnly(src: ByteSource): FlowHeader {
  const top = src.read(4);
  if (top.length !== 4) throw failedRead('SHORT_TOP', 'ftiheader_read(): Warning, short read while loading header top.', top.length);
  if (top[0] !== FT_HEADER_MAGIC1 || top[1] !== FT_HEADER_MAGIC2) throw failedRead('BAD_MAGIC', 'ftiheader_read(): Warning, bad magic number', 0);
  const h = emptyHeader();
  h.byteOrder = top[2]!;
  h.littleEndian = h.byteOrder !== FT_HEADER_BIG_ENDIAN;
  h.sVersion = top[3]!;
  if (h.sVersion === 1) return readV1(src, h);
  if (h.sVersion !== 3) throw failedRead('BAD_SVERSION', `Stream format must be 1 or 3, not ${h.sVersion}`, 3);

  const offBytes = src.read(4);
  if (offBytes.length !== 4) {
    throw failedRead('SHORT_OFFSET', 'ftiheader_read(): Error, short read while loading header data offset.', 4 + offBytes.length);
  }
  const headOff = new DataView(offBytes.buffer, offBytes.byteOffset, 4).getUint32(0, h.littleEndian);
  if (headOff < 8 || headOff > MAX_HEADER) throw failedRead('SHORT_HEADER', 'Short read while loading header', 4);
  const body = src.read(headOff - 8);
  if (body.length !== headOff - 8) throw failedRead('SHORT_HEADER', 'Short read while loading header', 8 + body.length);
  h.headerSize = headOff;
  decodeTlvs(body, h);
  h.fields |= FIELD.HEADER_FLAGS; // ftio_init: "flags always valid"
  return h;
}

function decodeTlvs(body: Uint8Array, h: FlowHeader): void {
  const dv = new DataView(body.buffer, body.byteOffset, body.byteLength);
  const le = h.littleEndian;
  let p = 0;
  let left = body.length;
  // the smallest TLV is 4 bytes; trailing padding shorter than that is never parsed
  while (left >= 4) {
    const t = dv.getUint16(p, le);
    const l = dv.getUint16(p + 2, le);
    const v = p + 4;
    p = v + l;
    left -= 4 + l;
    if (left < 0) break; // a TLV running past the header ends the list silently
    switch (t) {
      case TLV.VENDOR: h.vendor = l >= 2 ? dv.getUint16(v, le) : body[v] ?? 0; h.fields |= FIELD.VENDOR; break;
      case TLV.EX_VER: h.dVersion = dv.getUint16(v, le); h.fields |= FIELD.EX_VER; break;
      case TLV.AGG_VER: h.aggVersion = body[v]!; h.fields |= FIELD.AGG_VER; break;
      case TLV.AGG_METHOD: h.aggMethod = body[v]!; h.fields |= FIELD.AGG_METHOD; break;
      case TLV.EXPORTER_IP: h.exporterIp = dv.getUint32(v, le); h.fields |= FIELD.EXPORTER_IP; break;
      case TLV.CAP_START: h.capStart = dv.getUint32(v, le); h.fields |= FIELD.CAP_START; break;
      case TLV.CAP_END: h.capEnd = dv.getUint32(v, le); h.fields |= FIELD.CAP_END; break;
      case TLV.HEADER_FLAGS: h.flags = dv.getUint32(v, le); h.fields |= FIELD.HEADER_FLAGS; break;
      case TLV.ROT_SCHEDULE: h.rotation = dv.getUint32(v, le); h.fields |= FIELD.ROT_SCHEDULE; break;
      case TLV.FLOW_COUNT: h.flowsCount = dv.getUint32(v, le); h.fields |= FIELD.FLOW_COUNT; break;
      case TLV.FLOW_LOST: h.flowsLost = dv.getUint32(v, le); h.fields |= FIELD.FLOW_LOST; break;
      case TLV.FLOW_MISORDERED: h.flowsMisordered = dv.getUint32(v, le); h.fields |= FIELD.FLOW_MISORDERED; break;
      case TLV.PKT_CORRUPT: h.pktsCorrupt = dv.getUint32(v, le); h.fields |= FIELD.PKT_CORRUPT; break;
      case TLV.SEQ_RESET: h.seqReset = dv.getUint32(v, le); h.fields |= FIELD.SEQ_RESET; break;
      case TLV.CAP_HOSTNAME: h.capHostname = cString(body, v, v + l); h.fields |= FIELD.CAP_HOSTNAME; break;
      case TLV.COMMENTS: h.comments = cString(body, v, v + l); h.fields |= FIELD.COMMENTS; break;
      case TLV.IF_NAME:
        if (l >= 6) {
          // flow-tools lists these newest first (FT_LIST_INSERT_HEAD)
          h.ifNames.unshift({ ip: dv.getUint32(v, le), ifIndex: dv.getUint16(v + 4, le), name: cString(body, v + 6, v + l) });
          h.fields |= FIELD.IF_NAME;
        }
        break;
      case TLV.IF_ALIAS:
        if (l >= 6) {
          const n = dv.getUint16(v + 4, le);
          const list: number[] = [];
          for (let i = 0; i < n && v + 8 + 2 * i <= v + l; i++) list.push(dv.getUint16(v + 6 + 2 * i, le));
          h.ifAliases.unshift({ ip: dv.getUint32(v, le), ifIndexList: list, name: cString(body, Math.min(v + 6 + 2 * n, v + l), v + l) });
          h.fields |= FIELD.IF_ALIAS;
        }
        break;
      default:
        break;
    }
  }
}

function readV1(src: ByteSource, h: FlowHeader): FlowHeader {
  const rest = src.read(HEADER1_SIZE - 4);
  if (rest.length !== HEADER1_SIZE - 4) throw failedRead('SHORT_HEADER', 'Short read while loading header', 4 + rest.length);
  const dv = new DataView(rest.buffer, rest.byteOffset, rest.byteLength);
  const le = h.littleEndian;
  // offsets below are those of struct fts1header minus the 4 generic bytes
  h.dVersion = dv.getUint16(0, le);
  if (h.dVersion === 65535) h.dVersion = 1; // ftio_init's backwards compatibility hack
  h.capStart = dv.getUint32(4, le);
  h.capEnd = dv.getUint32(8, le);
  h.flags = dv.getUint32(12, le) | HEADER_FLAG.XLATE;
  h.rotation = dv.getUint32(16, le);
  h.flowsCount = dv.getUint32(20, le);
  h.flowsLost = dv.getUint32(24, le);
  h.flowsMisordered = dv.getUint32(28, le);
  h.headerSize = HEADER1_SIZE;
  // ftiheader_read ORs TLV numbers (not field bits) for the capture times: CAP_START/END stay unset.
  h.fields = FIELD.VENDOR | FIELD.EX_VER | TLV.CAP_START | TLV.CAP_END | FIELD.HEADER_FLAGS | FIELD.ROT_SCHEDULE | FIELD.FLOW_COUNT;
  const hostname = cString(rest, 32, 32 + 68);
  if (hostname) { h.capHostname = hostname; h.fields |= FIELD.CAP_HOSTNAME; }
  const comments = cString(rest, 100, 100 + 256);
  if (comments) { h.comments = comments; h.fields |= FIELD.COMMENTS; }
  return h;
}

/** A ByteSource over bytes already in memory. */
export function bufferSource(bytes: Uint8Array): ByteSource & { position: number } {
  return {
    position: 0,
    read(n: number) {
      const start = this.position;
      const end = Math.min(bytes.length, start + n);
      this.position = end;
      return bytes.subarray(start, end);
    },
  };
}
