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

/** A ByteSource reading sequentially from a descriptor (for headers). */
export function fdSource(fd: number, start: number | null): { read(n: number): Uint8Array; position: number } {
  let pos = start ?? 0;
  return {
    get position() { return pos; },
    read(n: number) {
      const buf = new Uint8Array(n);
      const got = readFull(fd, buf, 0, n, start === null ? null : pos);
      pos += got;
      return got === n ? buf : buf.subarray(0, got);
    },
  };
}
