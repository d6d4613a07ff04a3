/**
 * Writing a generated archive: one flow-tools file per rotation period (default 15 minutes), named
 * as flow-capture names them (ft-v05.YYYY-MM-DD.HHMMSS+0000, UTC), with a flow-capture header
 * (hostname, counts, capture start/end, DONE), raw or zlib-compressed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { lazyZlib } from '../util/lazy-zlib.ts';
import { FIELD, HEADER_FLAG } from '../format/constants.ts';
import { emptyHeader } from '../format/header.ts';
import { encodeHeader } from '../format/header-write.ts';
import { DEFAULT_TRAFFIC, TrafficModel } from './traffic.ts';

export interface GenOptions {
  dir: string;
  files: number;
  flowsPerFile: number;
  seed: number;
  /** unix seconds of the first file's capture start */
  start: number;
  /** seconds per file */
  rotation: number;
  /** 0 = raw, 1-9 = zlib level */
  zLevel: number;
  /** distinct external hosts (key diversity) */
  externals?: number;
}

function p2(n: number): string { return String(n).padStart(2, '0'); }

export function archiveName(start: number): string {
  const d = new Date(start * 1000);
  return `ft-v05.${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())}.${p2(d.getUTCHours())}${p2(d.getUTCMinutes())}${p2(d.getUTCSeconds())}+0000`;
}

/** Generate the archive; returns the paths written. Same options, same bytes. */
export function generateArchive(o: GenOptions, onFile?: (p: string) => void): string[] {
  fs.mkdirSync(o.dir, { recursive: true });
  const model = new TrafficModel({ ...DEFAULT_TRAFFIC, seed: o.seed, externals: o.externals ?? DEFAULT_TRAFFIC.externals });
  const buf = new Uint8Array(o.flowsPerFile * 64);
  const dv = new DataView(buf.buffer);
  const written: string[] = [];
  for (let f = 0; f < o.files; f++) {
    const start = o.start + f * o.rotation;
    model.fill(dv, o.flowsPerFile, start, o.rotation);
    const h = emptyHeader();
    h.dVersion = 5;
    h.capStart = start;
    h.capEnd = start + o.rotation;
    h.flags = HEADER_FLAG.DONE | (o.zLevel > 0 ? HEADER_FLAG.COMPRESS : 0);
    h.flowsCount = o.flowsPerFile;
    h.capHostname = 'flowsift-gen';
    h.fields = FIELD.EX_VER | FIELD.CAP_START | FIELD.CAP_END | FIELD.HEADER_FLAGS | FIELD.FLOW_COUNT
      | FIELD.FLOW_LOST | FIELD.PKT_CORRUPT | FIELD.SEQ_RESET | FIELD.CAP_HOSTNAME;
    const head = encodeHeader(h, 1);
    const body = o.zLevel > 0 ? lazyZlib().deflateSync(buf, { level: o.zLevel }) : buf;
    const file = path.join(o.dir, archiveName(start));
    const fd = fs.openSync(file, 'w');
    try {
      fs.writeSync(fd, head);
      fs.writeSync(fd, body);
    } finally {
      fs.closeSync(fd);
    }
    written.push(file);
    onFile?.(file);
  }
  return written;
}
