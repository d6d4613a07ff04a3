/**
 * One line per damaged or unreadable input: "<tool>: <file>: byte <offset>: <what flow-tools says>",
 * keeping flow-tools' own wording (greppable by old scripts) and adding where it happened.
 */
import { HeaderError } from '../format/header.ts';
import { InputError, openStdin, type OpenedInput } from '../engine/open.ts';
import type { InputProblem } from '../engine/inputs.ts';
import type { Fault } from '../engine/types.ts';
import type { WindowSpec } from '../ops/time-window.ts';
import { isoUtc } from '../util/time-arg.ts';

export function inputName(display: string): string {
  return display === '-' || display === '' ? 'stdin' : display;
}

/** The C library's words for a failed call's errno (what fterr_err() prints), else Node's message. */
const STRERROR: Readonly<Record<string, string>> = {
  ENOENT: 'No such file or directory', EACCES: 'Permission denied', EISDIR: 'Is a directory',
  ENOTDIR: 'Not a directory', EMFILE: 'Too many open files', ENOSPC: 'No space left on device',
  EROFS: 'Read-only file system', EPERM: 'Operation not permitted', EINVAL: 'Invalid argument',
  EADDRNOTAVAIL: 'Cannot assign requested address', ENETUNREACH: 'Network is unreachable',
  ECONNREFUSED: 'Connection refused',
};

export function strerror(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  return (err.code && STRERROR[err.code]) || err.message;
}

export function inputErrorLine(tool: string, e: InputError): string {
  const c = e.cause;
  if (c instanceof HeaderError) return `${tool}: ${inputName(e.display)}: byte ${c.offset}: ${c.lines[0]}\n`;
  return `${tool}: ${inputName(e.display)}: ${strerror(c)}\n`;
}

/** "byte N: " where an input's problem has a byte offset (a bad or short header), else "". */
export function problemOffset(p: InputProblem): string {
  const cause = p.error?.cause;
  return cause && typeof cause === 'object' && 'offset' in cause ? `byte ${(cause as { offset: number }).offset}: ` : '';
}

export function faultLine(tool: string, f: Fault): string {
  const where = f.inData ? `data byte ${f.offset}` : `byte ${f.offset}`;
  return `${tool}: ${inputName(f.file)}: ${where}: ${f.message}\n`;
}

/** Open standard input for `tool`; on a bad header or read error print the one line and return undefined. */
export function openStdinOrReport(tool: string, io: { stdinPath?: string; err(text: string): void }): OpenedInput | undefined {
  try {
    return openStdin(io);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    io.err(inputErrorLine(tool, e));
    return undefined;
  }
}

/** The line that says how many of `of` files a window left unread, and how to read them all. */
export function prunedLine(tool: string, pruned: number, of: number, w: WindowSpec): string {
  const bounds = [w.fromMs !== null ? `from ${isoUtc(w.fromMs)}` : '', w.toMs !== null ? `to ${isoUtc(w.toMs)}` : ''].filter(Boolean).join(' ');
  return `${tool}: ${pruned} of ${of} files not read: their capture times lie more than ${w.marginS} s outside the window ${bounds} (--prune-margin none reads them)\n`;
}
