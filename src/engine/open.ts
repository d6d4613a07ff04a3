/**
 * Opening one input (a file, or standard input) and reading its header on the coordinator. Tells
 * whether the input can be read by position (ranges for workers) or only as a stream (a pipe).
 */
import fs from 'node:fs';
import { HEADER_FLAG } from '../format/constants.ts';
import { readHeaderOnly, requireLayout, type FlowHeader, HeaderError } from '../format/header.ts';
import type { Layout } from '../format/layouts.ts';
import { fdSource } from '../io/fd-read.ts';

export interface OpenedInput {
  /** the path as given, or "" for standard input */
  path: string;
  /** name used in messages ("-" for standard input) */
  display: string;
  /** open descriptor of a stream (standard input, a named pipe), read on after the header; -1 for a regular file (reopened by path by whoever reads it) */
  fd: number;
  /** true when the input is a regular file (positioned reads, parallel ranges) */
  seekable: boolean;
  /** file size, -1 for a pipe */
  size: number;
  header: FlowHeader;
  layout: Layout;
  /** record size in the input (60 for stream version 1 records) */
  inRecSize: number;
  dataStart: number;
  compressed: boolean;
}

/** An input whose header was decoded but whose records cannot be read (flow-header still prints it). */
export class InputError extends Error {
  constructor(readonly display: string, override readonly cause: HeaderError | NodeJS.ErrnoException, readonly header?: FlowHeader) {
    super(cause.message);
  }
}

/** Open standard input, or the file a test substitutes for it. */
export function openStdin(io: { stdinPath?: string }, opts: { headerOnly?: boolean } = {}): OpenedInput & { layoutError?: HeaderError } {
  if (io.stdinPath === undefined) return openInput('', opts);
  const inp = openInput(io.stdinPath, opts);
  inp.display = '-';
  return inp;
}

/**
 * Open `path` ("" = standard input) and read its header; throws InputError. `scratch`: a buffer
 * the header may be read into (see fdSource), for a caller opening many files.
 */
export function openInput(path: string, opts: { headerOnly?: boolean; scratch?: Uint8Array } = {}): OpenedInput & { layoutError?: HeaderError } {
  const display = path === '' ? '-' : path;
  let fd: number;
  try {
    fd = path === '' ? 0 : fs.openSync(path, 'r');
  } catch (e) {
    throw new InputError(display, e as NodeJS.ErrnoException);
  }
  let seekable = false;
  let size = -1;
  try {
    const st = fs.fstatSync(fd);
    if (st.isDirectory()) {
      const err = Object.assign(new Error(`EISDIR: illegal operation on a directory, read '${display}'`), { code: 'EISDIR' });
      throw err;
    }
    if (st.isFile()) { seekable = true; size = st.size; }
    const src = fdSource(fd, seekable ? 0 : null, opts.scratch);
    const header = readHeaderOnly(src);
    let layout: Layout;
    let layoutError: HeaderError | undefined;
    try {
      layout = requireLayout(header);
    } catch (e) {
      if (!(e instanceof HeaderError) || !opts.headerOnly) throw e;
      layoutError = e;
      layout = undefined as unknown as Layout;
    }
    // a named pipe (process substitution, a FIFO) is read on from here, as standard input is
    const keep = path === '' || !seekable;
    if (!keep) fs.closeSync(fd);
    return {
      path, display, fd: keep ? fd : -1, seekable, size, header, layout, layoutError,
      inRecSize: header.sVersion === 1 ? 60 : layout?.size ?? 0,
      dataStart: header.headerSize,
      compressed: (header.flags & HEADER_FLAG.COMPRESS) !== 0,
    };
  } catch (e) {
    if (path !== '') { try { fs.closeSync(fd); } catch { /* closed above */ } }
    if (e instanceof HeaderError) throw new InputError(display, e, e.header);
    throw new InputError(display, e as NodeJS.ErrnoException);
  }
}

