/**
 * flow-export -f 1: each TCP or UDP flow as one fake Ethernet/IPv4 packet in a pcap file, so that
 * tcpdump expressions can select flows. Only addresses, protocol, ToS and ports are filled in. The
 * structures are those of flow-tools' pcap.h on an LP64 build, where `long`/`u_long` are 8 bytes:
 * a 48-byte file header and a 32-byte packet header (zero timestamp, length 58), then 14 bytes of
 * Ethernet, 20 of IP and 24 of TCP/UDP: 90 bytes a packet. Other protocols are counted, not written.
 * Known gap: the conformance case's SHA-256 (flow-tools 0.68.5) matches neither this LP64 layout nor
 * the 32-bit or standard-pcap ones tried, with any thiszone; what 0.68.5 writes differently is unknown.
 */
import type { RecordView } from '../format/record.ts';
import type { BinOut } from './bin-out.ts';

const TCPDUMP_MAGIC = 0xa1b2c3d4;
const VERSION_MAJOR = 2;
const VERSION_MINOR = 2;
const SIGFIGS = 6;
const SNAPLEN = 38;
const LINKTYPE_ETHERNET = 1;
/** what the packet header claims (len and caplen); the bytes written are more */
const CLAIMED_LEN = 58;
const ETHER_HEADER = 14;
const PORTS_AND_FILLER = 24;

/** Fields the format needs (ftio_check_xfield). */
export const PCAP_FIELDS = ['tos', 'prot', 'srcaddr', 'dstaddr', 'srcport', 'dstport'] as const;

/**
 * flow-tools' thiszone: minus the kernel's minutes west (0 on Linux) times 60, plus an hour when
 * local time is in daylight saving time now.
 */
export function pcapThisZone(now = new Date()): number {
  const jan = new Date(now.getFullYear(), 0, 1).getTimezoneOffset();
  const jul = new Date(now.getFullYear(), 6, 1).getTimezoneOffset();
  return now.getTimezoneOffset() < Math.max(jan, jul) ? 3600 : 0;
}

/** The pcap file header, host (little-endian) order. */
export function pcapFileHeader(out: BinOut, thiszone: number): void {
  out.u64(TCPDUMP_MAGIC, true);
  out.u16(VERSION_MAJOR, true);
  out.u16(VERSION_MINOR, true);
  out.zeros(4); // alignment of the long that follows
  out.u64(thiszone, true);
  out.u64(SIGFIGS, true);
  out.u64(SNAPLEN, true);
  out.u64(LINKTYPE_ETHERNET, true);
}

/** One flow as a packet; returns false (nothing written) unless it is TCP or UDP. */
export function pcapPacket(v: RecordView, out: BinOut): boolean {
  const prot = v.prot;
  if (prot !== 6 && prot !== 17) return false;
  // packet header: struct timeval (2 longs, zero), len, caplen
  out.zeros(16);
  out.u64(CLAIMED_LEN, true);
  out.u64(CLAIMED_LEN, true);
  // Ethernet: zero addresses, type IPv4 stored as the host-order short 0x0008
  out.zeros(ETHER_HEADER - 2);
  out.u16(0x0008, true);
  // IPv4 header: version/ihl, tos, then zeros except protocol and the addresses (network order)
  out.u8(0x45);
  out.u8(v.tos);
  out.zeros(7);
  out.u8(prot);
  out.zeros(2);
  out.u32(v.srcaddr);
  out.u32(v.dstaddr);
  // TCP or UDP: ports in network order, the rest zero
  out.u16(v.srcport);
  out.u16(v.dstport);
  out.zeros(PORTS_AND_FILLER - 4);
  return true;
}
