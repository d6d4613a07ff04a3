/**
 * Stream headers (FORMAT.md sections 2-4): encodeHeader → readHeader/readHeaderOnly round trips for
 * s_version 3 in both byte orders, hand-built s_version 1 headers, and the HeaderError (flow-tools'
 * own message lines plus the byte offset) for each way a header can break, mirroring
 * ../shared/conformance/data/broken/ and the expected/broken/*.header.err lines.
 */
import { describe, expect, it } from 'vitest';
import { FIELD, FT_IO_MAXHEADER, HEADER_FLAG, TLV } from '../../../src/format/constants.ts';
import {
  bufferSource, emptyHeader, HeaderError, readHeader, readHeaderOnly, type ByteSource, type FlowHeader,
} from '../../../src/format/header.ts';
import { encodeHeader } from '../../../src/format/header-write.ts';

const LE = 1;
const BE = 2;
const ORDERS = [['little', LE], ['big', BE]] as const;
const ALL_FIELDS = Object.values(FIELD).reduce((a, b) => a | b, 0);
const READ_FAILED = ['ftiheader_read(): failed', 'ftio_init(): failed'];

/** A header with every TLV the writer knows set, to values that show byte-order mistakes. */
function everyField(): FlowHeader {
  const h = emptyHeader();
  Object.assign(h, {
    fields: ALL_FIELDS,
    vendor: 1,
    dVersion: 8, aggVersion: 2, aggMethod: 14,
    exporterIp: 0x0a010008,
    capStart: 0xf0000001, // above 2^31: read back unsigned
    capEnd: 0xf0000385,
    flags: HEADER_FLAG.DONE | HEADER_FLAG.COMPRESS,
    rotation: 0x01020304,
    flowsCount: 123_456_789, flowsLost: 7, flowsMisordered: 0x0a0b, pktsCorrupt: 9, seqReset: 0x10203,
    capHostname: 'collector1.example.net',
    comments: 'latin1 caf\u00e9, spaces and punctuation: ok?',
    ifNames: [{ ip: 0x0a000001, ifIndex: 1, name: 'ge-0/0/0' }, { ip: 0x0a000002, ifIndex: 0xfffe, name: 'xe-1/2/3.100' }],
    ifAliases: [{ ip: 0x0a000001, ifIndexList: [1, 2, 0x0304], name: 'uplinks' }, { ip: 0x0a000003, ifIndexList: [], name: 'none' }],
  });
  return h;
}

function u16(v: number, le: boolean): number[] {
  return le ? [v & 255, v >>> 8] : [v >>> 8, v & 255];
}
function u32(v: number, le: boolean): number[] {
  const b = [v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255];
  return le ? b.reverse() : b;
}
function ascii(s: string): number[] {
  return [...Buffer.from(s, 'latin1')];
}

/** An s_version 3 header from raw TLVs (zero padded to a multiple of 4), for cases the writer never makes. */
function rawV3(tlvs: [type: number, value: number[], length?: number][], byteOrder = LE): Uint8Array {
  const le = byteOrder !== BE;
  const body = tlvs.flatMap(([t, v, l]) => [...u16(t, le), ...u16(l ?? v.length, le), ...v]);
  const size = (8 + body.length + 3) & ~3;
  const bytes = [0xcf, 0x10, byteOrder, 3, ...u32(size, le), ...body];
  while (bytes.length < size) bytes.push(0);
  return Uint8Array.from(bytes);
}

/** A 360-byte struct fts1header (FORMAT.md Appendix A). */
function rawV1(le: boolean, v: { dVersion: number; hostname?: string; comments?: string }): Uint8Array {
  const b = new Uint8Array(360);
  const dv = new DataView(b.buffer);
  b.set([0xcf, 0x10, le ? LE : BE, 1]);
  dv.setUint16(4, v.dVersion, le);
  [1_120_668_900, 1_120_669_200, 0x01, 300, 5000, 3, 4].forEach((x, i) => dv.setUint32(8 + 4 * i, x, le));
  b.set(ascii(v.hostname ?? ''), 36);
  b.set(ascii(v.comments ?? ''), 104);
  return b;
}

/** Catch the HeaderError that `fn` must throw. */
function headerError(fn: () => unknown): HeaderError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(HeaderError);
    return e as HeaderError;
  }
  throw new Error('expected a HeaderError');
}

function readError(bytes: ArrayLike<number>): HeaderError {
  return headerError(() => readHeaderOnly(bufferSource(Uint8Array.from(bytes))));
}

describe('s_version 3 header round trip', () => {
  for (const [name, order] of ORDERS) {
    it(`every TLV the writer emits reads back (${name} endian)`, () => {
      const h = everyField();
      const bytes = encodeHeader(h, order);
      const { header, layout } = readHeader(bufferSource(bytes));
      expect(layout.size).toBe(60); // v8.14
      expect(header).toEqual({
        ...h,
        byteOrder: order,
        littleEndian: order === LE,
        sVersion: 3,
        headerSize: bytes.length,
        // flow-tools links each decoded interface entry at the head of its list: the file order reversed
        ifNames: [...h.ifNames].reverse(),
        ifAliases: [...h.ifAliases].reverse(),
      });
    });

    it(`head_off_d is the padded length, TLVs come in ftio_write_header() order (${name} endian)`, () => {
      const bytes = encodeHeader(everyField(), order);
      const le = order === LE;
      const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      expect([...bytes.subarray(0, 4)]).toEqual([0xcf, 0x10, order, 3]);
      expect(dv.getUint32(4, le)).toBe(bytes.length);
      expect(bytes.length % 4).toBe(0);
      const types: number[] = [];
      let p = 8;
      while (bytes.length - p >= 4) {
        const t = dv.getUint16(p, le);
        if (t === TLV.NULL) break;
        types.push(t);
        p += 4 + dv.getUint16(p + 2, le);
      }
      expect(types).toEqual([...Array.from({ length: 16 }, (_, i) => i + 1), TLV.IF_NAME, TLV.IF_NAME, TLV.IF_ALIAS, TLV.IF_ALIAS]);
      expect(bytes.subarray(p).every((x) => x === 0)).toBe(true);
      expect(bytes.length - p).toBeLessThan(4);
    });
  }

  it('writes only the TLVs `fields` selects; reading always marks HEADER_FLAGS', () => {
    const h = everyField();
    h.fields = FIELD.EX_VER | FIELD.CAP_START;
    h.dVersion = 5;
    const bytes = encodeHeader(h, LE);
    expect(bytes.length).toBe(8 + 6 + 8 + 2); // EX_VER (6) + CAP_START (8) + 2 pad
    const back = readHeaderOnly(bufferSource(bytes));
    expect(back.fields).toBe(FIELD.EX_VER | FIELD.CAP_START | FIELD.HEADER_FLAGS);
    expect(back).toMatchObject({ dVersion: 5, capStart: h.capStart, capEnd: 0, flags: 0, flowsCount: 0, ifNames: [], ifAliases: [] });
    expect(back.comments).toBeUndefined();
    expect(back.capHostname).toBeUndefined();
  });

  it('matches the worked example of FORMAT.md 3.3 byte for byte (flow-capture header, little endian)', () => {
    const h = emptyHeader();
    h.fields = FIELD.EX_VER | FIELD.CAP_START | FIELD.CAP_END | FIELD.HEADER_FLAGS | FIELD.FLOW_COUNT | FIELD.FLOW_LOST
      | FIELD.PKT_CORRUPT | FIELD.SEQ_RESET | FIELD.CAP_HOSTNAME | FIELD.COMMENTS;
    Object.assign(h, { dVersion: 5, capStart: 0x42cc0ce4, capEnd: 0x42cc0e10, flags: HEADER_FLAG.DONE, flowsCount: 5000 });
    h.capHostname = 'collector1.example.net';
    h.comments = 'fixture ft-v05.2005-07-06.125500-0400';
    const expected = [
      0xcf, 0x10, 0x01, 0x03, 0x8c, 0x00, 0x00, 0x00,
      0x02, 0x00, 0x02, 0x00, 0x05, 0x00,
      0x06, 0x00, 0x04, 0x00, 0xe4, 0x0c, 0xcc, 0x42,
      0x07, 0x00, 0x04, 0x00, 0x10, 0x0e, 0xcc, 0x42,
      0x08, 0x00, 0x04, 0x00, 0x01, 0x00, 0x00, 0x00,
      0x0a, 0x00, 0x04, 0x00, 0x88, 0x13, 0x00, 0x00,
      0x0b, 0x00, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00,
      0x0d, 0x00, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00,
      0x0e, 0x00, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00,
      0x0f, 0x00, 0x17, 0x00, ...ascii('collector1.example.net'), 0,
      0x10, 0x00, 0x26, 0x00, ...ascii('fixture ft-v05.2005-07-06.125500-0400'), 0,
      0x00,
    ];
    expect([...encodeHeader(h, LE)]).toEqual(expected);
    // the big-endian twin (...130500-0400) starts like this
    expect([...encodeHeader(h, BE).subarray(0, 16)])
      .toEqual([0xcf, 0x10, 0x02, 0x03, 0x00, 0x00, 0x00, 0x8c, 0x00, 0x02, 0x00, 0x02, 0x00, 0x05, 0x00, 0x06]);
  });

  it('matches flow-gen headers: 48 bytes for v5, unaligned 5-byte AGG TLVs for v8', () => {
    const h = emptyHeader();
    h.fields = FIELD.EX_VER | FIELD.HEADER_FLAGS | FIELD.CAP_HOSTNAME | FIELD.COMMENTS;
    Object.assign(h, { dVersion: 5, flags: HEADER_FLAG.STREAMING, capHostname: 'flow-gen', comments: 'flow-gen' });
    expect([...encodeHeader(h, LE)]).toEqual([
      0xcf, 0x10, 0x01, 0x03, 0x30, 0x00, 0x00, 0x00, 0x02, 0x00, 0x02, 0x00, 0x05, 0x00,
      0x08, 0x00, 0x04, 0x00, 0x08, 0x00, 0x00, 0x00,
      0x0f, 0x00, 0x09, 0x00, ...ascii('flow-gen'), 0, 0x10, 0x00, 0x09, 0x00, ...ascii('flow-gen'), 0,
    ]);
    Object.assign(h, { dVersion: 8, aggVersion: 2, aggMethod: 1 });
    h.fields |= FIELD.AGG_VER | FIELD.AGG_METHOD;
    expect([...encodeHeader(h, LE).subarray(8, 24)])
      .toEqual([0x02, 0x00, 0x02, 0x00, 0x08, 0x00, 0x03, 0x00, 0x01, 0x00, 0x02, 0x04, 0x00, 0x01, 0x00, 0x01]);
  });

  it('refuses a header larger than FT_IO_MAXHEADER', () => {
    const h = emptyHeader();
    h.fields = FIELD.COMMENTS;
    h.comments = 'x'.repeat(FT_IO_MAXHEADER - 8 - 4 - 1);
    expect(encodeHeader(h, LE).length).toBe(FT_IO_MAXHEADER);
    h.comments += 'x';
    expect(() => encodeHeader(h, LE)).toThrow('header too large');
  });

  it('reads past unknown and NULL TLVs and keeps a 2-byte VENDOR as flow-tools does', () => {
    const bytes = rawV3([
      [TLV.NULL, []],
      [0x7777, [1, 2, 3]],
      [TLV.INTERRUPT, [1]],
      [TLV.EX_VER, u16(5, true)],
      [TLV.VENDOR, u16(0x0201, true)],
    ]);
    const h = readHeaderOnly(bufferSource(bytes));
    expect(h.dVersion).toBe(5);
    expect(h.vendor).toBe(0x0201);
    expect(h.fields).toBe(FIELD.EX_VER | FIELD.VENDOR | FIELD.HEADER_FLAGS);
  });

  it('an unknown byte order (0, 3) is read unswapped, not refused (bad-byte-order-0)', () => {
    for (const order of [0, 3, 255]) {
      const bytes = encodeHeader(everyField(), LE);
      bytes[2] = order;
      const h = readHeaderOnly(bufferSource(bytes));
      expect(h).toMatchObject({ byteOrder: order, littleEndian: true, dVersion: 8, capStart: 0xf0000001, flowsCount: 123_456_789 });
    }
  });
});

describe('s_version 1 header', () => {
  for (const [name, order] of ORDERS) {
    it(`is read from the fixed 360-byte struct and marked XLATE (${name} endian)`, () => {
      const bytes = rawV1(order === LE, { dVersion: 5, hostname: 'oldbox', comments: 'from 1999' });
      const src = bufferSource(Uint8Array.from([...bytes, 0xaa, 0xbb]));
      const { header, layout } = readHeader(src);
      expect(src.position).toBe(360); // the records start right after the struct
      expect(layout.size).toBe(64);
      expect(header).toMatchObject({
        byteOrder: order, littleEndian: order === LE, sVersion: 1, headerSize: 360, dVersion: 5,
        capStart: 1_120_668_900, capEnd: 1_120_669_200, flags: HEADER_FLAG.DONE | HEADER_FLAG.XLATE, rotation: 300,
        flowsCount: 5000, flowsLost: 3, flowsMisordered: 4, capHostname: 'oldbox', comments: 'from 1999',
      });
      // ftiheader_read ORs FT_TLV_CAP_START|FT_TLV_CAP_END (6|7), not the field bits
      expect(header.fields).toBe(FIELD.VENDOR | FIELD.EX_VER | TLV.CAP_START | TLV.CAP_END | FIELD.HEADER_FLAGS
        | FIELD.ROT_SCHEDULE | FIELD.FLOW_COUNT | FIELD.CAP_HOSTNAME | FIELD.COMMENTS);
      expect(header.fields & (FIELD.CAP_START | FIELD.CAP_END)).toBe(0);
    });
  }

  it('d_version 65535 means v1; empty hostname and comments are absent', () => {
    const h = readHeaderOnly(bufferSource(rawV1(true, { dVersion: 65535 })));
    expect(h.dVersion).toBe(1);
    expect(h.capHostname).toBeUndefined();
    expect(h.comments).toBeUndefined();
    expect(h.fields & (FIELD.CAP_HOSTNAME | FIELD.COMMENTS)).toBe(0);
  });

  it('a truncated struct is a short read at the end of what was there', () => {
    const e = readError(rawV1(true, { dVersion: 5 }).subarray(0, 104));
    expect(e).toMatchObject({ code: 'SHORT_HEADER', offset: 104, lines: ['Short read while loading header', ...READ_FAILED] });
  });
});

describe('unreadable headers: HeaderError with flow-tools lines and the byte offset', () => {
  const good = encodeHeader(everyField(), LE);

  it.each([
    ['zero-length', [], 0],
    ['trunc-header-2bytes', [0xcf, 0x10], 2],
    ['three bytes', [0xcf, 0x10, 0x01], 3],
  ])('%s: short read of the header top', (_name, bytes, offset) => {
    const e = readError(bytes);
    expect(e).toMatchObject({ code: 'SHORT_TOP', offset });
    expect(e.lines).toEqual(['ftiheader_read(): Warning, short read while loading header top.', ...READ_FAILED]);
    expect(e.message).toBe(e.lines[0]);
  });

  it.each([
    ['bad-magic', [0xde, 0xad]],
    ['bad-magic2', [0xcf, 0x11]],
  ])('%s: wrong magic at byte 0', (_name, magic) => {
    const bytes = Uint8Array.from(good);
    bytes.set(magic, 0);
    const e = readError(bytes);
    expect(e).toMatchObject({ code: 'BAD_MAGIC', offset: 0, lines: ['ftiheader_read(): Warning, bad magic number', ...READ_FAILED] });
  });

  it.each([0, 2, 4, 255])('stream version %i is refused at byte 3', (sv) => {
    const bytes = Uint8Array.from(good);
    bytes[3] = sv;
    const e = readError(bytes);
    expect(e).toMatchObject({ code: 'BAD_SVERSION', offset: 3, lines: [`Stream format must be 1 or 3, not ${sv}`, ...READ_FAILED] });
  });

  it.each([
    ['trunc-header-4bytes', 4],
    ['trunc-header-6bytes', 6],
  ])('%s: short read of head_off_d', (_name, length) => {
    const e = readError(good.subarray(0, length));
    expect(e).toMatchObject({ code: 'SHORT_OFFSET', offset: length });
    expect(e.lines).toEqual(['ftiheader_read(): Error, short read while loading header data offset.', ...READ_FAILED]);
  });

  it.each([
    ['trunc-header-30bytes', 30],
    ['trunc-header-hoff-minus1', good.length - 1],
  ])('%s: the file ends before head_off_d', (_name, length) => {
    const e = readError(good.subarray(0, length));
    expect(e).toMatchObject({ code: 'SHORT_HEADER', offset: length, lines: ['Short read while loading header', ...READ_FAILED] });
  });

  it('a head_off_d below 8 or absurdly large (wrong-byte-order-flag) fails at byte 4 without reading it', () => {
    for (const headOff of [4, 0x8c000000]) {
      const bytes = rawV3([[TLV.EX_VER, u16(5, true)]], LE);
      new DataView(bytes.buffer).setUint32(4, headOff, true);
      const inner = bufferSource(bytes);
      const asked: number[] = [];
      const spy: ByteSource = { read: (n) => { asked.push(n); return inner.read(n); } };
      const e = headerError(() => readHeaderOnly(spy));
      expect(e).toMatchObject({ code: 'SHORT_HEADER', offset: 4, lines: ['Short read while loading header', ...READ_FAILED] });
      expect(asked).toEqual([4, 4]);
    }
  });

  it('tlv-len-overflow: a TLV running past the header ends the list silently; the lost EX_VER then fails the layout', () => {
    const bytes = rawV3([
      [TLV.EX_VER, u16(5, true), 0xfff0],
      [TLV.CAP_START, u32(1_120_668_900, true)],
    ], LE);
    const h = readHeaderOnly(bufferSource(bytes));
    expect(h).toMatchObject({ dVersion: 0, capStart: 0, fields: FIELD.HEADER_FLAGS });
    const e = headerError(() => readHeader(bufferSource(bytes)));
    expect(e).toMatchObject({
      code: 'BAD_RECORD_TYPE', offset: 4,
      lines: ['Unsupported d_version 0', 'Unsupported record type (ftio_rec_size_', 'ftio_init(): failed'],
    });
    expect(e.header?.headerSize).toBe(bytes.length);
  });

  it('a truncated last TLV keeps everything decoded before it', () => {
    const bytes = rawV3([
      [TLV.EX_VER, u16(5, false)],
      [TLV.CAP_START, u32(1_120_668_900, false)],
      [TLV.COMMENTS, ascii('cut\0'), 200],
    ], BE);
    const { header } = readHeader(bufferSource(bytes));
    expect(header).toMatchObject({ dVersion: 5, capStart: 1_120_668_900, littleEndian: false });
    expect(header.comments).toBeUndefined();
  });

  it.each([
    ['ver-unsupported-99', { dVersion: 99 }, 'Unsupported d_version 99'],
    ['ver-claims-v8-no-agg', { dVersion: 8 }, 'Unsupported agg_version 0'],
    ['v8 with an unknown method', { dVersion: 8, aggVersion: 2, aggMethod: 15 }, 'Unsupported agg_method 15'],
  ])('%s: the header decodes, readHeader refuses the record type', (_name, values, line) => {
    const h = emptyHeader();
    Object.assign(h, values);
    h.fields = FIELD.EX_VER | FIELD.AGG_VER | FIELD.AGG_METHOD;
    const bytes = encodeHeader(h, BE);
    expect(readHeaderOnly(bufferSource(bytes))).toMatchObject(values);
    const e = headerError(() => readHeader(bufferSource(bytes)));
    expect(e).toMatchObject({ code: 'BAD_RECORD_TYPE', offset: 4, lines: [line, 'Unsupported record type (ftio_rec_size_', 'ftio_init(): failed'] });
    expect(e.header).toMatchObject(values); // flow-header still prints it
  });
});
