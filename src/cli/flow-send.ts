/**
 * flow-send drop-in: reads a flow stream on stdin and sends its records as NetFlow export packets
 * (PDUs) over UDP to a collector: `flow-send [-x usec] [-m mask] [-V version] localip/remoteip/port`
 * (port 9991 when 0 or absent; a fourth field is the multicast TTL). The PDUs are flow-export -f 4's
 * (src/export/wire.ts), one datagram each. Options "d:h?m:sV:x:".
 *
 * -V sends another version, translated as flow-tools does (src/format/xlate.ts); -m masks the
 * addresses of flows to non-multicast destinations (ftrec_mask_ip), before translating.
 *
 * Not as flow-tools: -s (keep the source address with a raw socket) needs privileges Node's sockets
 * do not have and is refused; v1 to v1005 (which flow-tools reads as v5) and v8 to another
 * aggregation are refused; the exit status is 0, not flow-tools' last encoder return value.
 */
import dgram from 'node:dgram';
import { scan } from '../engine/scan.ts';
import { BinOut } from '../export/bin-out.ts';
import { PduEncoder } from '../export/wire.ts';
import { scanIp } from '../filter/address.ts';
import { ipv4 } from '../util/ip.ts';
import { layoutFor } from '../format/layouts.ts';
import { RecordView } from '../format/record.ts';
import { recordXlate } from '../format/xlate.ts';
import { nap } from '../io/fd-read.ts';
import { atoi, toolOptions } from './getopt.ts';
import { scanVersion } from './stream-options.ts';
import type { CliIO } from './runtime.ts';
import { defaultThreads } from './threads.ts';
import { faultLine, openStdinOrReport, strerror } from './tool-errors.ts';

const TOOL = 'flow-send';
const USAGE = 'Usage: flow-send [-h] [-d debug_level] [-x xmit_delay] [-V pdu_version]\n'
  + '       localip/remoteip/port\n';
/** FT_PORT: where a collector listens unless told otherwise */
const FT_PORT = 9991;

/** scan_peeri(): "localip/remoteip/port/ttl", each part optional from the right. */
export function scanPeer(text: string): { local: number; remote: number; port: number; ttl: number } {
  const [loc, rem, port, ttl] = text.split('/');
  return {
    local: scanIp(loc ?? '').addr, remote: rem === undefined ? 0 : scanIp(rem).addr,
    port: port === undefined ? 0 : atoi(port) & 0xffff, ttl: ttl === undefined ? 0 : atoi(ttl) & 0xff,
  };
}


export async function flowSend(argv: string[], io: CliIO): Promise<number> {
  // getopt() answers '?', which flow-send takes as a request for help: status 0
  const parsed = toolOptions(TOOL, argv, 'd:h?m:sV:x:', USAGE, io.err, 0);
  if (typeof parsed === 'number') return parsed;
  let mask = 0xffffffff, delayUs = 0;
  let version: { d: number; agg?: number } | undefined;
  for (const [k, v] of parsed.opts) {
    switch (k) {
      case 'd': break;
      case 'h': case '?': io.err(USAGE); return 0;
      case 'm': mask = scanIp(v!).addr; break;
      case 's': io.err(`${TOOL}: -s (sending with the flows' source address, over a raw socket) is not supported\n`); return 1;
      case 'V':
        version = scanVersion(v!);
        if (!version) { io.err(`${TOOL}: Version scan failed\n`); return 1; }
        break;
      case 'x': delayUs = Math.max(0, atoi(v!)); break;
      default: io.err(USAGE); return 1;
    }
  }
  if (parsed.operands.length !== 1) { io.err(USAGE); return 1; }
  const peer = scanPeer(parsed.operands[0]!);
  const multicast = peer.remote >>> 28 === 14;
  if (!multicast && !peer.ttl) peer.ttl = 255;

  const input = openStdinOrReport(TOOL, io);
  if (!input) return 1;
  const layout = input.layout;
  // -V: the version sent; records of another are translated first
  const target = version === undefined ? layout : version.d === 8 ? layoutFor(8, version.agg ?? 0) : layoutFor(version.d);
  const xlate = target && target !== layout ? recordXlate(layout, target) : undefined;
  if (!target || (target !== layout && !xlate)) {
    io.err(`${TOOL}: ftrec_xlate_func(): failed (v${layout.id} records cannot be sent as v${target?.id ?? version!.d})\n`);
    return 1;
  }
  const enc = PduEncoder.for(target);
  if (!enc) { io.err(`${TOOL}: no NetFlow PDU format for export version ${target.id}\n`); return 1; }

  const sock = dgram.createSocket('udp4');
  try {
    await new Promise<void>((resolve, reject) => { sock.once('error', reject); sock.bind({ address: ipv4(peer.local), port: 0, exclusive: true }, () => { sock.off('error', reject); resolve(); }); });
  } catch (e) {
    sock.close();
    io.err(`${TOOL}: bind(): ${strerror(e)}\n`);
    return 1;
  }
  // a refused datagram (no collector listening) comes back as an error on a later send: ignored
  sock.on('error', () => undefined);
  if (multicast) sock.setMulticastTTL(peer.ttl);
  try {
    await new Promise<void>((resolve, reject) => { sock.connect(peer.port || FT_PORT, ipv4(peer.remote), () => resolve()); sock.once('error', reject); });
  } catch (e) {
    sock.close();
    io.err(`${TOOL}: connect(): ${strerror(e)}\n`);
    return 1;
  }

  const send = async (pdu: Uint8Array): Promise<void> => {
    for (;;) {
      const err = await new Promise<NodeJS.ErrnoException | null>((r) => sock.send(pdu, (e) => r(e)));
      // always complete a send: when the kernel's buffers are full, wait and send it again
      if (err?.code === 'ENOBUFS' || err?.code === 'EAGAIN') { await new Promise((r) => setTimeout(r, 1)); continue; }
      if (err && err.code !== 'ECONNREFUSED') io.err(`${TOOL}: send(): ${strerror(err)}\n`);
      break;
    }
    // -x: usleep() between PDUs (a blocking wait keeps sub-millisecond delays)
    if (delayUs) nap(delayUs / 1000);
  };

  const out = new BinOut();
  const size = layout.size;
  // a translated record is built here, one at a time
  const one = new DataView(new ArrayBuffer(target.size));
  const view = new RecordView(target, xlate ? one : new DataView(new ArrayBuffer(0)), true);
  // ftrec_mask_ip(): versions 1, 5, 6, 7 and 1005 (the version sent), flows to multicast left alone
  const masked = mask !== 0xffffffff && ['1', '5', '6', '7', '1005'].includes(target.id);
  const src = layout.offsets.srcaddr, dst = layout.offsets.dstaddr;
  try {
    for await (const ev of scan([input], { op: { kind: 'records', byteOrder: 1 }, threads: defaultThreads(io.env) })) {
      if (ev.kind === 'chunk') continue; // not streamed (no `stream`)
      if (ev.kind !== 'result') { for (const f of ev.faults) io.err(faultLine(TOOL, f)); continue; }
      const payload = ev.result.payload;
      if (payload.kind === 'bytes') {
        const data = payload.data;
        const dv = new DataView(data.buffer, data.byteOffset, data.byteLength);
        if (!xlate) view.dv = dv;
        for (let p = 0; p + size <= data.length; p += size) {
          if (masked && src >= 0 && dst >= 0 && (dv.getUint32(p + dst, true) & 0xf0000000) >>> 0 !== 0xe0000000) {
            dv.setUint32(p + src, dv.getUint32(p + src, true) & mask, true);
            dv.setUint32(p + dst, dv.getUint32(p + dst, true) & mask, true);
          }
          if (xlate) xlate.translate(dv, p, one);
          // a record finishes at most one PDU (the one before it, or its own when full)
          enc.record(xlate ? view.at(0) : view.at(p), out);
          if (out.length) await send(out.take());
        }
      }
      for (const f of ev.result.faults) io.err(faultLine(TOOL, f));
    }
    enc.flush(out);
    if (out.length) await send(out.take());
  } finally {
    sock.close();
  }
  return 0;
}
