/**
 * The header block flow-header, flow-print -p and flow-stat -p print (ftio_header_print(),
 * FORMAT.md section 9). Pure: header in, text out.
 */
import { AGG_METHOD_NAMES, FIELD, FT_HEADER_BIG_ENDIAN, FT_HEADER_LITTLE_ENDIAN, HEADER_FLAG } from './constants.ts';
import type { FlowHeader } from './header.ts';
import { LocalClock, rfc822Local } from '../util/localtime.ts';
import { ipv4 } from '../util/ip.ts';

export function formatHeaderBlock(h: FlowHeader, cc = '#', clock = new LocalClock()): string {
  const f = h.fields;
  const flags = f & FIELD.HEADER_FLAGS ? h.flags : 0;
  const streaming = (flags & HEADER_FLAG.STREAMING) !== 0;
  const streaming2 = streaming && !(flags & HEADER_FLAG.PRELOADED);
  const complete = (flags & (HEADER_FLAG.DONE | HEADER_FLAG.PRELOADED)) !== 0;
  const out: string[] = [];
  const line = (label: string, value: string | number) => out.push(`${cc} ${label.padEnd(22)}${value}\n`);

  out.push(`${cc}\n`);
  line('mode:', streaming ? 'streaming' : 'normal');
  if (flags & HEADER_FLAG.XLATE) line('translated:', 'yes');
  if (!streaming && f & FIELD.CAP_HOSTNAME) line('capture hostname:', h.capHostname ?? '');
  if (!streaming && f & FIELD.EXPORTER_IP) line('exporter IP address:', ipv4(h.exporterIp));
  if (!streaming2 && f & FIELD.CAP_START) line('capture start:', rfc822Local(clock, h.capStart));
  if (!streaming2 && complete) {
    if (f & FIELD.CAP_END) line('capture end:', rfc822Local(clock, h.capEnd));
    if (f & FIELD.CAP_END && f & FIELD.CAP_START) line('capture period:', `${(h.capEnd - h.capStart) >>> 0} seconds`);
  }
  line('compress:', flags & HEADER_FLAG.COMPRESS ? 'on' : 'off');
  line('byte order:', h.byteOrder === FT_HEADER_LITTLE_ENDIAN ? 'little' : h.byteOrder === FT_HEADER_BIG_ENDIAN ? 'big' : 'BROKEN');
  line('stream version:', h.sVersion);
  if (f & FIELD.EX_VER) line('export version:', h.dVersion);
  if (f & FIELD.EX_VER && f & FIELD.AGG_METHOD && h.dVersion === 8) {
    // flow-tools keeps these in a (signed) char
    const aggVer = (h.aggVersion << 24) >> 24;
    const aggMethod = (h.aggMethod << 24) >> 24;
    if (f & FIELD.AGG_VER) line('export agg_version:', aggVer >>> 0);
    line('export agg_method:', `${aggMethod >>> 0} (${AGG_METHOD_NAMES[aggMethod] && aggMethod > 0 ? AGG_METHOD_NAMES[aggMethod] : 'Unknown'})`);
  }
  if (!streaming2) {
    if (f & FIELD.FLOW_LOST) line('lost flows:', h.flowsLost);
    if (f & FIELD.FLOW_MISORDERED) line('misordered flows:', h.flowsMisordered);
    if (f & FIELD.PKT_CORRUPT) line('corrupt packets:', h.pktsCorrupt);
    if (f & FIELD.SEQ_RESET) line('sequencer resets:', h.seqReset);
  }
  if (f & FIELD.COMMENTS) line('comments:', h.comments ?? '');
  if (!streaming2) {
    if (complete) {
      if (f & FIELD.FLOW_COUNT) line('capture flows:', h.flowsCount);
    } else {
      out.push(`${cc} note, incomplete flow file\n`);
    }
  }
  if (f & FIELD.IF_NAME) {
    out.push(`${cc}\n`);
    for (const n of h.ifNames) out.push(`${cc} ifname ${ipv4(n.ip)} ${n.ifIndex} ${n.name}\n`);
  }
  if (f & FIELD.IF_ALIAS) {
    out.push(`${cc}\n`);
    for (const a of h.ifAliases) out.push(`${cc} ifalias ${ipv4(a.ip)} ${a.ifIndexList.map((i) => `${i} `).join('')}${a.name}\n`);
  }
  out.push(`${cc}\n`);
  return out.join('');
}
