/**
 * Stream version 1 records (struct fts1rec_compat, 60 bytes) translated into the v3 v1/v5 layouts as
 * ftio_read() does: unix_nsecs = unix_msecs * 10^6, sysUpTime = 0, tcp_flags from `flags`.
 */
import type { Layout } from './layouts.ts';

const COMPAT_SIZE = 60;
/** [compat offset, field, size] of the fields copied across */
const COPIED = [
  [0, 'unix_secs', 4], [8, 'srcaddr', 4], [12, 'dstaddr', 4], [16, 'nexthop', 4], [20, 'input', 2],
  [22, 'output', 2], [24, 'dPkts', 4], [28, 'dOctets', 4], [32, 'First', 4], [36, 'Last', 4],
  [40, 'srcport', 2], [42, 'dstport', 2], [46, 'prot', 1], [47, 'tos', 1], [48, 'tcp_flags', 1],
  [52, 'src_as', 2], [54, 'dst_as', 2], [56, 'src_mask', 1], [57, 'dst_mask', 1],
] as const;

export function translateV1Records(src: Uint8Array, layout: Layout, le: boolean): Uint8Array {
  const n = Math.floor(src.byteLength / COMPAT_SIZE);
  const out = new Uint8Array(n * layout.size);
  const s = new DataView(src.buffer, src.byteOffset, src.byteLength);
  const d = new DataView(out.buffer);
  for (let i = 0; i < n; i++) {
    const sp = i * COMPAT_SIZE;
    const dp = i * layout.size;
    for (const [so, f, size] of COPIED) {
      const o = layout.offsets[f];
      if (o < 0) continue;
      if (size === 4) d.setUint32(dp + o, s.getUint32(sp + so, le), le);
      else if (size === 2) d.setUint16(dp + o, s.getUint16(sp + so, le), le);
      else d.setUint8(dp + o, s.getUint8(sp + so));
    }
    const msecs = s.getUint32(sp + 4, le);
    d.setUint32(dp + layout.offsets.unix_nsecs, Number((BigInt(msecs) * 1000000n) & 0xffffffffn), le);
  }
  return out;
}
