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

export function inputErrorLine(tool: string, e: InputError): string {
  const c = e.cause;
  if (c instanceof HeaderError) return `${tool}: ${inputName(e.display)}: byte ${c.offset}: ${c.lines[0]}\n`;
  const err = c as NodeJS.ErrnoException;
  const why = err.code === 'ENOENT' ? 'No such file or directory'
    : err.code === 'EACCES' ? 'Permission denied'
      : err.code === 'EISDIR' ? 'Is a directory'
        : err.message;
  return `${tool}: ${inputName(e.display)}: ${why}\n`;
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
