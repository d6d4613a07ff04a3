/**
 * Test helpers: write small flow files (v5 by default) with chosen records, and open them.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { FIELD, HEADER_FLAG } from '../../src/format/constants.ts';
import { emptyHeader } from '../../src/format/header.ts';
import { encodeHeader } from '../../src/format/header-write.ts';
import { layoutFor } from '../../src/format/layouts.ts';
import type { FieldName } from '../../src/format/fields.ts';
import { FIELD_DEFS } from '../../src/format/fields.ts';

export type Rec = Partial<Record<FieldName, number>>;

export function tmpDir(prefix = 'flowsift-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Encode records of version `v` (e.g. "5", "8.1") in little or big endian. */
export function encodeRecords(records: Rec[], v = '5', littleEndian = true): Uint8Array {
  const [d, m] = v.split('.');
  const layout = layoutFor(Number(d), Number(m ?? 0))!;
  const out = new Uint8Array(records.length * layout.size);
  const dv = new DataView(out.buffer);
  records.forEach((r, i) => {
    for (const [f, value] of Object.entries(r) as [FieldName, number][]) {
      const o = layout.offsets[f];
      if (o < 0) continue;
      const size = FIELD_DEFS[f].size;
      const p = i * layout.size + o;
      if (size === 4) dv.setUint32(p, value >>> 0, littleEndian);
      else if (size === 2) dv.setUint16(p, value & 0xffff, littleEndian);
      else dv.setUint8(p, value & 0xff);
    }
  });
  return out;
}

export interface FileSpec { version?: string; littleEndian?: boolean; zLevel?: number; capStart?: number; capEnd?: number; comment?: string }

/** A complete flow file (flow-capture style header) holding `records`. */
export function flowFile(records: Rec[], spec: FileSpec = {}): Uint8Array {
  const v = spec.version ?? '5';
  const [d, m] = v.split('.');
  const h = emptyHeader();
  h.dVersion = Number(d);
  h.fields = FIELD.EX_VER | FIELD.HEADER_FLAGS | FIELD.FLOW_COUNT | FIELD.CAP_START | FIELD.CAP_END;
  if (h.dVersion === 8) { h.aggVersion = 2; h.aggMethod = Number(m); h.fields |= FIELD.AGG_VER | FIELD.AGG_METHOD; }
  h.flags = HEADER_FLAG.DONE | (spec.zLevel ? HEADER_FLAG.COMPRESS : 0);
  h.flowsCount = records.length;
  h.capStart = spec.capStart ?? 1_700_000_000;
  h.capEnd = spec.capEnd ?? h.capStart + 900;
  if (spec.comment) { h.comments = spec.comment; h.fields |= FIELD.COMMENTS; }
  const le = spec.littleEndian ?? true;
  const body = encodeRecords(records, v, le);
  const head = encodeHeader(h, le ? 1 : 2);
  const data = spec.zLevel ? zlib.deflateSync(body, { level: spec.zLevel }) : body;
  return Buffer.concat([head, data]);
}

export function writeFlowFile(file: string, records: Rec[], spec: FileSpec = {}): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, flowFile(records, spec));
  return file;
}

/** n v5 records whose fields vary (pseudo-random, seeded): a file of them compresses to about half */
export function variedRecords(n: number, seed: number): Rec[] {
  let x = seed >>> 0;
  const next = (): number => (x = (Math.imul(x, 1664525) + 1013904223) >>> 0);
  return Array.from({ length: n }, (_, i) => ({
    unix_secs: 1_700_000_100 + (i >> 6), sysUpTime: 1_000_000, First: 990_000 + (next() & 0xffff), Last: 999_000 + (next() & 0xffff),
    srcaddr: next(), dstaddr: next(), srcport: next() & 0xffff, dstport: next() & 0xffff, prot: 6,
    dPkts: 1 + (next() & 0xff), dOctets: next() & 0xfffff, tcp_flags: next() & 0x3f,
  }));
}

/** n simple v5 records with distinct addresses and byte counts */
export function someRecords(n: number, base = 0): Rec[] {
  return Array.from({ length: n }, (_, i) => ({
    unix_secs: 1_700_000_100 + i, sysUpTime: 1_000_000, First: 990_000, Last: 999_000,
    srcaddr: 0x0a000001 + base + i, dstaddr: 0xc0a80001 + (i % 7), srcport: 1024 + i, dstport: 80, prot: 6,
    dPkts: 1 + (i % 5), dOctets: 100 + i, tcp_flags: 0x1b,
  }));
}
