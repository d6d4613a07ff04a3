/**
 * IPv4 words as flow-tools reads them (scan_ip / scan_ip_prefix, lib/support.c): partial quads are
 * shifted left ("10.1" is 10.1.0.0), every non-dot character counts as a digit (so "0/24" reads as
 * 180), a missing /len is taken from the address class, and names are looked up as host names.
 */
import fs from 'node:fs';
import { atoi } from './cnum.ts';

export interface ScannedIp {
  addr: number;
  /** the word is a clean dotted quad (1-4 parts of 0-255) */
  clean: boolean;
  /** number of dotted parts */
  parts: number;
  /** a host name: resolved from /etc/hosts (resolved), or read digit by digit as flow-tools does when DNS fails */
  hostname?: { resolved: boolean };
}

/** Host names with letters go to the resolver in flow-tools; here /etc/hosts answers. */
export type HostLookup = (name: string) => number | undefined;

/** Look `name` up in /etc/hosts (first IPv4 entry, names compared case-insensitively). */
export function etcHostsLookup(name: string): number | undefined {
  let text: string;
  try { text = fs.readFileSync('/etc/hosts', 'latin1'); } catch { return undefined; }
  const want = name.toLowerCase();
  for (const raw of text.split('\n')) {
    const fields = raw.replace(/#.*/, '').trim().split(/\s+/);
    if (fields.length < 2) continue;
    const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(fields[0]!);
    if (!m) continue;
    if (fields.slice(1).some((f) => f.toLowerCase() === want)) {
      return ((Number(m[1]) << 24) | (Number(m[2]) << 16) | (Number(m[3]) << 8) | Number(m[4])) >>> 0;
    }
  }
  return undefined;
}

/** scan_ip(): the u32 flow-tools gets from `s`. */
export function scanIp(s: string, hosts: HostLookup = etcHostsLookup): ScannedIp {
  if (/[A-Za-z]/.test(s)) {
    const a = hosts(s);
    if (a !== undefined) return { addr: a, clean: false, parts: 4, hostname: { resolved: true } };
    return { ...scanDigits(s), clean: false, hostname: { resolved: false } };
  }
  return scanDigits(s);
}

function scanDigits(s: string): ScannedIp {
  let addr = 0;
  let shift = 0;
  let i = 0;
  let clean = s.length > 0;
  for (;;) {
    let n = 0;
    let digits = 0;
    let exact = 0;
    while (i < s.length && s[i] !== '.' && s[i] !== ' ' && s[i] !== '\t') {
      const c = s.charCodeAt(i++);
      // u_int arithmetic; only the low byte is kept, so mod 256 is exact
      n = (n * 10 + c - 48) & 0xff;
      if (c < 48 || c > 57) clean = false;
      else exact = exact * 10 + c - 48;
      digits++;
    }
    if (digits === 0 || digits > 3 || exact > 255) clean = false;
    addr = ((addr << 8) | n) >>> 0;
    shift++;
    if (i >= s.length || s[i] === ' ' || s[i] === '\t') break;
    i++;
  }
  const parts = shift;
  if (parts > 4) clean = false;
  for (; shift < 4; shift++) addr = (addr << 8) >>> 0;
  return { addr, clean, parts };
}

/** The mask of a prefix length (0 gives 0). */
export function lenToMask(len: number): number {
  return len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0;
}

export interface ScannedPrefix {
  addr: number;
  len: number;
  ip: ScannedIp;
  /** the length came from the address class (no "/") */
  classful: boolean;
  /** the written length before clamping to 32 */
  writtenLen?: number;
}

/** scan_ip_prefix(): "a.b.c.d/len", or a classful guess without "/". */
export function scanIpPrefix(s: string, hosts: HostLookup = etcHostsLookup): ScannedPrefix {
  const slash = s.indexOf('/');
  if (slash < 0) {
    const ip = scanIp(s, hosts);
    const a = ip.addr;
    let len = 32;
    if ((a & 0x80000000) === 0 && a === (a & 0xff000000) >>> 0) len = 8;
    else if ((a & 0xc0000000) >>> 0 === 0x80000000 && a === (a & 0xffff0000) >>> 0) len = 16;
    else if ((a & 0xe0000000) >>> 0 === 0xc0000000 && a === (a & 0xffffff00) >>> 0) len = 24;
    else if ((a & 0xf0000000) >>> 0 === 0xe0000000 && a === (a & 0xf0000000) >>> 0) len = 28;
    return { addr: a, len, ip, classful: true };
  }
  const ip = scanIp(s.slice(0, slash), hosts);
  // atoi into a u_int8, then clamped to 32
  const written = atoi(s.slice(slash + 1)).value;
  let len = written & 0xff;
  if (len > 32) len = 32;
  return { addr: ip.addr, len, ip, classful: false, writtenLen: written };
}
