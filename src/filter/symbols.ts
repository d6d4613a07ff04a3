/**
 * Symbol names in permit/deny lists ("tcp", "https", tag names), read from data/sym/*.sym the way
 * ftsym_new()/ftsym_findbyname() do: one "value name" per line, a later line for the same value
 * replaces its name, names compare case-insensitively, the first value (file order) wins.
 */
import fs from 'node:fs';
import path from 'node:path';
import { strtoul } from './cnum.ts';

/** The tables ftfil_load() opens. The AS primitive reads tag.sym: flow-tools' own choice. */
export type SymbolTable = 'ip-prot' | 'tcp-port' | 'tag';

/** Resolves a symbol in a table; undefined when the name (or the table) is missing. */
export type SymbolLookup = (table: SymbolTable, name: string) => number | undefined;

/** Parse a .sym file; null when ftsym_new() would fail ("Missing field"). */
export function parseSymbolFile(text: string): Map<string, number> | null {
  const isSpace = (c: string | undefined): boolean => c === ' ' || (c !== undefined && c >= '\t' && c <= '\r');
  const byValue = new Map<number, string>();
  let i = 0;
  for (;;) {
    while (i < text.length && isSpace(text[i])) i++;
    if (i >= text.length) break;
    if (text[i] === '#') {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    let c = i;
    while (c < text.length && !isSpace(text[c])) c++;
    if (c >= text.length) return null;
    const value = strtoul(text.slice(i, c)).value;
    i = c + 1;
    while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
    if (i >= text.length) return null;
    let e = i;
    while (e < text.length && text[e] !== '\n') e++;
    byValue.set(value, text.slice(i, e));
    i = e < text.length ? e + 1 : e;
  }
  const byName = new Map<string, number>();
  for (const [v, name] of byValue) {
    const k = name.toLowerCase();
    if (!byName.has(k)) byName.set(k, v);
  }
  return byName;
}

// per-thread cache of parsed symbol files, keyed by path, size and mtime (a compile cache: the
// same tables serve every config loaded in this thread)
const parsed = new Map<string, Map<string, number> | null>();

function loadTable(file: string): Map<string, number> | null {
  let key: string;
  try {
    const st = fs.statSync(file);
    key = `${file}\u0000${st.size}\u0000${st.mtimeMs}`;
  } catch {
    return null;
  }
  let t = parsed.get(key);
  if (t === undefined) {
    try {
      t = parseSymbolFile(fs.readFileSync(file, 'latin1'));
    } catch {
      t = null;
    }
    parsed.set(key, t);
  }
  return t;
}

/** A lookup over the .sym files of `dir`, each file read on first use. */
export function symbolDirLookup(dir: string): SymbolLookup {
  const tables = new Map<SymbolTable, Map<string, number> | null>();
  return (table, name) => {
    let t = tables.get(table);
    if (t === undefined) {
      t = loadTable(path.join(dir, `${table}.sym`));
      tables.set(table, t);
    }
    return t?.get(name.toLowerCase());
  };
}
