/**
 * The traffic model of `flowsift gen`: a hosting network talking to the Internet. Servers on
 * well-known ports, clients with ephemeral ports, Zipf-like popularity of hosts and services, every
 * TCP/UDP conversation as two flows (request and reply), scans, ICMP, a little GRE/ESP, ToS marks,
 * several exporters. Produces v5 records into a buffer; no allocation per flow.
 */
import { Rng, cumulative, zipf } from './prng.ts';

export interface TrafficConfig {
  seed: number;
  /** internal servers (192.168.0.0/16 style prefix) */
  servers: number;
  /** distinct external hosts */
  externals: number;
  exporters: number;
}

export const DEFAULT_TRAFFIC: TrafficConfig = { seed: 1, servers: 4000, externals: 3_000_000, exporters: 3 };

interface Service { prot: number; port: number; weight: number; pkts: number; size: number }

const SERVICES: Service[] = [
  { prot: 6, port: 443, weight: 40, pkts: 30, size: 900 },
  { prot: 6, port: 80, weight: 18, pkts: 20, size: 800 },
  { prot: 17, port: 53, weight: 12, pkts: 1, size: 90 },
  { prot: 6, port: 25, weight: 5, pkts: 12, size: 600 },
  { prot: 6, port: 22, weight: 3, pkts: 60, size: 200 },
  { prot: 17, port: 123, weight: 3, pkts: 1, size: 76 },
  { prot: 6, port: 993, weight: 2, pkts: 15, size: 500 },
  { prot: 6, port: 110, weight: 1, pkts: 10, size: 400 },
  { prot: 17, port: 5060, weight: 1, pkts: 40, size: 300 },
  { prot: 6, port: 3389, weight: 1, pkts: 80, size: 300 },
  { prot: 17, port: 514, weight: 1, pkts: 3, size: 200 },
  { prot: 6, port: 8080, weight: 2, pkts: 20, size: 700 },
];
const SERVICE_CUM = cumulative(SERVICES.map((s) => s.weight));

const EXTERNAL_BASE = 0x0b000000; // spread over 11.0.0.0 - 223.x by a multiplicative hash
const INTERNAL_BASE = 0xc0a80000; // 192.168.0.0/16
/** 192.168.0.25: the mail server */
export const MAIL_SERVER = 0xc0a80019;
/** 192.168.0.53 and .54: the DNS servers */
const DNS_SERVERS = [0xc0a80035, 0xc0a80036];

/** A writer of v5 records (64 bytes) in little endian into `buf` at record index i. */
export class TrafficModel {
  private readonly rng: Rng;
  private readonly exporters: number[];
  private readonly uptimeBase: number[];
  constructor(readonly cfg: TrafficConfig) {
    this.rng = new Rng(cfg.seed);
    this.exporters = Array.from({ length: cfg.exporters }, (_, i) => (0xac100001 + (i << 8)) >>> 0); // 172.16.x.1
    this.uptimeBase = Array.from({ length: cfg.exporters }, () => this.rng.int(3_600_000, 900_000_000));
  }

  private externalAddr(rank: number): number {
    // spread ranks over the address space deterministically, avoiding 0/127/192.168/224+
    const h = Math.imul(rank + 1, 0x9e3779b1) >>> 0;
    const a = (EXTERNAL_BASE + (h % 0xd0000000)) >>> 0;
    return (a & 0xffffff00) | ((a & 0xff) % 254 + 1);
  }

  /**
   * The server a service runs on: mail (25, 110, 993) on the mail host 192.168.0.25, except for a
   * few percent that reach other hosts (open relays, the "mail to non-mail servers" question);
   * DNS on 192.168.0.53/.54; everything else spread over the hosting network by popularity.
   */
  private serverFor(port: number): number {
    const r = this.rng;
    if (port === 25 || port === 110 || port === 993) {
      return r.next() < 0.95 ? MAIL_SERVER : this.serverAddr(zipf(r, 40, 1.2));
    }
    if (port === 53) return r.next() < 0.7 ? DNS_SERVERS[0]! : DNS_SERVERS[1]!;
    return this.serverAddr(zipf(r, this.cfg.servers, 1.1));
  }

  private serverAddr(rank: number): number {
    return (INTERNAL_BASE + 258 + ((rank * 7919) % 65000)) >>> 0; // 192.168.1.2 and up
  }

  /**
   * Write `n` flows for the window [t0, t0 + span) seconds into dv starting at record 0.
   * Flows come in roughly time order, as a collector writes them.
   */
  fill(dv: DataView, n: number, t0: number, span: number): void {
    const r = this.rng;
    let i = 0;
    while (i < n) {
      const t = t0 + Math.floor((i / n) * span);
      const x = r.next();
      if (x < 0.015 && i < n) { this.scanFlow(dv, i++, t); continue; }
      if (x < 0.03 && i < n) { this.icmpFlow(dv, i++, t); continue; }
      if (x < 0.032 && i < n) { this.tunnelFlow(dv, i++, t); continue; }
      const svc = r.pick(SERVICES, SERVICE_CUM);
      const server = this.serverFor(svc.port);
      const client = this.externalAddr(zipf(r, this.cfg.externals, 0.6));
      const cport = r.int(1024, 65535);
      const outbound = r.next() < 0.15; // our hosts as clients sometimes
      const pkts = 1 + Math.floor(-Math.log(1 - r.next()) * svc.pkts);
      const size = Math.max(40, Math.min(1500, Math.floor(svc.size * (0.5 + r.next()))));
      const dur = svc.prot === 17 && pkts === 1 ? 0 : Math.floor(-Math.log(1 - r.next()) * 4000);
      const tos = svc.port === 5060 ? 0xb8 : svc.port === 22 && r.next() < 0.5 ? 0x10 : 0;
      const flags = svc.prot === 6 ? (r.next() < 0.9 ? 0x1b : 0x1a) : 0;
      const [a, b] = outbound ? [server, client] : [client, server];
      this.write(dv, i++, t, a, b, cport, svc.port, svc.prot, pkts, pkts * size, dur, flags, tos);
      if (i < n) {
        const rp = Math.max(1, Math.floor(pkts * (0.6 + r.next())));
        this.write(dv, i++, t, b, a, svc.port, cport, svc.prot, rp, rp * Math.max(40, Math.floor(size * (0.3 + r.next() * 1.4))), dur, flags === 0x1b ? 0x1b : flags, tos);
      }
    }
  }

  private scanFlow(dv: DataView, i: number, t: number): void {
    const r = this.rng;
    const port = [23, 445, 135, 1433, 3389, 22][r.int(0, 5)]!;
    const target = this.serverAddr(r.int(0, this.cfg.servers - 1));
    const scanner = this.externalAddr(r.int(0, 200));
    this.write(dv, i, t, scanner, target, r.int(1024, 65535), port, 6, 1, 40, 0, 0x02, 0);
  }

  private icmpFlow(dv: DataView, i: number, t: number): void {
    const r = this.rng;
    const code = r.next() < 0.8 ? 0x0800 : 0x0303;
    this.write(dv, i, t, this.externalAddr(zipf(r, this.cfg.externals, 0.6)), this.serverAddr(zipf(r, this.cfg.servers, 1.1)), 0, code, 1, r.int(1, 10), r.int(1, 10) * 84, r.int(0, 9000), 0, 0);
  }

  private tunnelFlow(dv: DataView, i: number, t: number): void {
    const r = this.rng;
    const prot = [47, 50, 41][r.int(0, 2)]!;
    this.write(dv, i, t, this.serverAddr(1), this.externalAddr(r.int(0, 3)), 0, 0, prot, r.int(10, 2000), r.int(10, 2000) * 700, r.int(1000, 60000), 0, prot === 50 ? 0xb8 : 0);
  }

  private write(dv: DataView, i: number, t: number, src: number, dst: number, sport: number, dport: number, prot: number,
    pkts: number, octets: number, dur: number, flags: number, tos: number): void {
    const r = this.rng;
    const p = i * 64;
    const ex = r.int(0, this.exporters.length - 1);
    const exportSecs = t + 1 + (r.u32() & 7);
    const nsecs = (r.u32() % 1000) * 1_000_000;
    const uptime = (this.uptimeBase[ex]! + (exportSecs - 1_700_000_000) * 1000 + Math.floor(nsecs / 1e6)) >>> 0;
    const last = (uptime - 1000 - (r.u32() % 5000)) >>> 0;
    const first = (last - dur) >>> 0;
    dv.setUint32(p, exportSecs, true);
    dv.setUint32(p + 4, nsecs, true);
    dv.setUint32(p + 8, uptime, true);
    dv.setUint32(p + 12, this.exporters[ex]!, true);
    dv.setUint32(p + 16, src, true);
    dv.setUint32(p + 20, dst, true);
    dv.setUint32(p + 24, (this.exporters[ex]! + 1) >>> 0, true);
    dv.setUint16(p + 28, 1 + (src & 7), true);
    dv.setUint16(p + 30, 1 + (dst & 7), true);
    dv.setUint32(p + 32, pkts >>> 0, true);
    dv.setUint32(p + 36, octets >>> 0, true);
    dv.setUint32(p + 40, first, true);
    dv.setUint32(p + 44, last, true);
    dv.setUint16(p + 48, sport, true);
    dv.setUint16(p + 50, dport, true);
    dv.setUint8(p + 52, prot);
    dv.setUint8(p + 53, tos);
    dv.setUint8(p + 54, flags);
    dv.setUint8(p + 55, 0);
    dv.setUint8(p + 56, 0);
    dv.setUint8(p + 57, ex);
    dv.setUint8(p + 58, 16 + (src & 15));
    dv.setUint8(p + 59, 16 + (dst & 15));
    dv.setUint16(p + 60, (src >>> 16) % 64000, true);
    dv.setUint16(p + 62, (dst >>> 16) % 64000, true);
  }
}
