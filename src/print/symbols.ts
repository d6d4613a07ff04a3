/**
 * flow-tools symbol tables (asn.sym, ip-prot.sym, tcp-port.sym, tag.sym): "value name" lines read
 * the way ftsym_new() reads them, looked up by value for flow-print -n. Loaded tables are cached per
 * thread: every printer in a worker shares them.
 */
import fs from 'node:fs';
import path from 'node:path';

/** The symbol files flow-print uses (FT_PATH_SYM_*). */
export type SymbolFile = 'tcp-port.sym' | 'ip-prot.sym' | 'asn.sym' | 'tag.sym';

/** value -> name bytes. */
export class SymbolTable {
  private readonly names = new Map<number, Uint8Array>();

  /** The name of `value`, or undefined. */
  get(value: number): Uint8Array | undefined {
    return this.names.get(value);
  }

  set(value: number, name: Uint8Array): void {
    this.names.set(value, name);
  }

  get size(): number {
    return this.names.size;
  }
}

// C isspace() in the C locale
function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

/**
 * strtoul(s, NULL, 0) truncated to 32 bits: optional sign, "0x" hex, leading-0 octal, else decimal;
 * stops at the first invalid digit; overflow saturates.
 */
export function strtoul32(s: Uint8Array, start: number, end: number): number {
  let i = start;
  let neg = false;
  if (i < end && (s[i] === 43 || s[i] === 45)) { neg = s[i] === 45; i++; }
  let base = 10;
  if (i < end && s[i] === 48) {
    const x = s[i + 1];
    const h = s[i + 2];
    if (i + 2 < end && (x === 120 || x === 88) && h !== undefined && digit(h) < 16) { base = 16; i += 2; }
    else base = 8;
  }
  let v = 0n;
  let over = false;
  for (; i < end; i++) {
    const d = digit(s[i]!);
    if (d >= base) break;
    v = v * BigInt(base) + BigInt(d);
    if (v > 0xffffffffffffffffn) { over = true; break; }
  }
  if (over) return 0xffffffff;
  if (neg) v = (1n << 64n) - v;
  return Number(v & 0xffffffffn);
}

function digit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 122) return c - 87;
  if (c >= 65 && c <= 90) return c - 55;
  return 99;
}

/**
 * Parse a symbol file as ftsym_new() does: blank space and "#" lines skipped, a value token, then the
 * rest of the line after spaces/tabs is the name (trailing blanks kept). A later line for the same
 * value replaces the name. A value with no name after it fails the whole table ("Missing field").
 */
export function parseSymbols(data: Uint8Array): SymbolTable | { error: string } {
  const nul = data.indexOf(0);
  const n = nul < 0 ? data.length : nul;
  const table = new SymbolTable();
  let i = 0;
  for (;;) {
    while (i < n && isSpace(data[i]!)) i++;
    if (i >= n) break;
    if (data[i] === 35) {
      while (i < n && data[i] !== 10) i++;
      continue;
    }
    let c = i;
    while (c < n && !isSpace(data[c]!)) c++;
    if (c >= n) return { error: 'Missing field' };
    const value = strtoul32(data, i, c);
    i = c + 1;
    while (i < n && (data[i] === 32 || data[i] === 9)) i++;
    if (i >= n) return { error: 'Missing field' };
    c = i;
    while (c < n && data[c] !== 10) c++;
    table.set(value, data.slice(i, c));
    i = c < n ? c + 1 : c;
  }
  return table;
}

/** A loaded table, or why it could not be loaded (flow-print then prints numbers). */
export interface SymbolLoad {
  table: SymbolTable | null;
  error?: string;
}

// per-thread cache of loaded tables, by file path
const loaded = new Map<string, SymbolLoad>();

/** Load `file` from directory `dir` once per thread. */
export function loadSymbols(dir: string, file: SymbolFile): SymbolLoad {
  const p = path.join(dir, file);
  let hit = loaded.get(p);
  if (hit) return hit;
  let data: Uint8Array;
  try {
    data = fs.readFileSync(p);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    hit = { table: null, error: `open(${p}): ${err.code === 'ENOENT' ? 'No such file or directory' : err.message}` };
    loaded.set(p, hit);
    return hit;
  }
  const t = parseSymbols(data);
  hit = t instanceof SymbolTable ? { table: t } : { table: null, error: t.error };
  loaded.set(p, hit);
  return hit;
}
