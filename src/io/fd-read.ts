/**
 * Synchronous reads that cope with non-blocking descriptors: a pipe handed over by another program
 * may be O_NONBLOCK, where read() answers EAGAIN instead of waiting.
 */
import fs from 'node:fs';

const napCell = new Int32Array(new SharedArrayBuffer(4));

/** Sleep the thread briefly (used only while a non-blocking pipe has nothing for us). */
export function nap(ms: number): void {
  Atomics.wait(napCell, 0, 0, ms);
}

/**
 * Read up to `length` bytes into `buf` at `offset`; `position` null reads from the current file
 * position (pipes). Returns 0 only at end of input.
 */
export function readSome(fd: number, buf: Uint8Array, offset: number, length: number, position: number | null): number {
  for (;;) {
    try {
      return fs.readSync(fd, buf, offset, length, position);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN' || code === 'EWOULDBLOCK') { nap(2); continue; }
      if (code === 'EINTR') continue;
      throw e;
    }
  }
}

/** Read until `length` bytes or end of input; returns the count read. */
export function readFull(fd: number, buf: Uint8Array, offset: number, length: number, position: number | null): number {
  let got = 0;
  while (got < length) {
    const n = readSome(fd, buf, offset + got, length - got, position === null ? null : position + got);
    if (n === 0) break;
    got += n;
  }
  return got;
}

/** bytes a file's header source reads at once: a whole header in one call, not three */
export const READ_AHEAD = 4096;

/**
 * A ByteSource reading sequentially from a descriptor (for headers): from the current position
 * when `start` is null (a pipe: never a byte past what is asked for), else by position from
 * `start`, reading ahead (opening the 10,000 files of a small-file archive took three reads a
 * header) into `scratch` when given (a caller opening many files passes one for all: a fresh
 * 4 KiB array a file is memory the collector frees late; 10,000 files held 40 MB more).
 */
export function fdSource(fd: number, start: number | null, scratch?: Uint8Array): { read(n: number): Uint8Array; position: number } {
  let pos = start ?? 0;
  if (start === null) {
    return {
      get position() { return pos; },
      read(n: number) {
        const buf = new Uint8Array(n);
        const got = readFull(fd, buf, 0, n, null);
        pos += got;
        return got === n ? buf : buf.subarray(0, got);
      },
    };
  }
  // the bytes read ahead: the file's [at, at + ahead.length)
  let ahead: Uint8Array = new Uint8Array(0), at = 0;
  return {
    get position() { return pos; },
    read(n: number) {
      if (pos < at || pos + n > at + ahead.length) {
        const want = Math.max(n, READ_AHEAD);
        const buf = scratch && scratch.length >= want ? scratch : new Uint8Array(want);
        let got = readSome(fd, buf, 0, want, pos);
        // a short read may not be the end of the file: read on until n bytes, as readFull would
        if (got > 0 && got < n) got += readFull(fd, buf, got, n - got, pos + got);
        ahead = buf.subarray(0, got);
        at = pos;
      }
      // a copy: the scratch is read into again for the next file
      const from = pos - at;
      const out = new Uint8Array(Math.max(0, Math.min(ahead.length, from + n) - from));
      out.set(ahead.subarray(from, from + out.length));
      pos += out.length;
      return out;
    },
  };
}
