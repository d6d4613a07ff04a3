/**
 * Loading a filter.cfg: parse, then validate, with the diagnostics sorted by position. Used on the
 * main thread (to report every mistake before any worker starts) and in workers (to rebuild the
 * validated tree from the same text, variables and "now").
 */
import fs from 'node:fs';
import { symDir } from '../print/symbols-path.ts';
import type { HostLookup } from './address.ts';
import type { Diagnostic } from './errors.ts';
import { renderDiagnostics } from './errors.ts';
import { parseFilterConfig } from './parser.ts';
import { symbolDirLookup, type SymbolLookup } from './symbols.ts';
import { findDefinition, validateConfig, type ResolvedDefinition, type ValidatedConfig } from './validate.ts';

export interface LoadOptions {
  /** -v VAR=value bindings */
  vars?: Readonly<Record<string, string>>;
  /** "now" for relative time-date phrases (unix seconds). Default: the current time */
  now?: number;
  /** symbol lookups. Default: the project's data/sym tables */
  symbols?: SymbolLookup;
  hosts?: HostLookup;
}

export interface LoadedFilter {
  /** name used in messages */
  file: string;
  text: string;
  validated: ValidatedConfig;
  diagnostics: Diagnostic[];
  /** flow-tools would refuse this file */
  errors: number;
  /** flow-tools would read part of this file other than as written */
  mistakes: number;
  now: number;
}

/** Parse and validate config text. */
export function loadFilterText(text: string, file: string, opts: LoadOptions = {}): LoadedFilter {
  const now = opts.now ?? Math.floor(Date.now() / 1000);
  const { config, diagnostics } = parseFilterConfig(text, {
    vars: new Map(Object.entries(opts.vars ?? {})),
    symbols: opts.symbols ?? symbolDirLookup(symDir()),
    hosts: opts.hosts,
    now,
  });
  const validated = validateConfig(config, diagnostics);
  diagnostics.sort((a, b) => a.start - b.start);
  return {
    file, text, validated, diagnostics, now,
    errors: diagnostics.filter((d) => d.severity === 'error').length,
    mistakes: diagnostics.filter((d) => d.severity === 'mistake').length,
  };
}

/** Read and load a config file; a file that cannot be read is a CONFIG_READ error. */
export function loadFilterFile(file: string, opts: LoadOptions = {}): LoadedFilter {
  let text: string;
  try {
    text = fs.readFileSync(file, 'latin1');
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const why = err.code === 'ENOENT' ? 'No such file or directory' : err.code === 'EISDIR' ? 'Is a directory' : err.message;
    const d: Diagnostic = { code: 'CONFIG_READ', severity: 'error', message: `cannot read ${file}: ${why}`, start: 0, end: 0 };
    return unreadable(file, d, opts);
  }
  // a flow file given where the config goes: one line, not an error for every line of binary
  const nul = text.indexOf('\0');
  if (nul >= 0) {
    const d: Diagnostic = { code: 'CONFIG_READ', severity: 'error', message: `not a filter.cfg: byte ${nul} is NUL (a binary file: a flow file?)`, start: 0, end: 0 };
    return unreadable(file, d, opts);
  }
  return loadFilterText(text, file, opts);
}

/** A config that could not be read: its one error, and nothing defined. */
function unreadable(file: string, d: Diagnostic, opts: LoadOptions): LoadedFilter {
  return {
    file, text: '', diagnostics: [d], errors: 1, mistakes: 0, now: opts.now ?? Math.floor(Date.now() / 1000),
    validated: { config: { primitives: [], definitions: [] }, definitions: new Map() },
  };
}

/** The diagnostics as printed text (`file:line:col: ...` + line + caret each). */
export function formatDiagnostics(f: LoadedFilter, which: (d: Diagnostic) => boolean = () => true): string {
  const list = f.diagnostics.filter(which);
  const read = list.filter((d) => d.code === 'CONFIG_READ').map((d) => `${f.file}: error: ${d.message}\n`).join('');
  return read + renderDiagnostics(f.file, f.text, list.filter((d) => d.code !== 'CONFIG_READ'));
}

/** A definition of a loaded config (case-insensitive, as ftfil_def_find()). */
export function definitionOf(f: LoadedFilter, name: string): ResolvedDefinition | undefined {
  return findDefinition(f.validated, name);
}
