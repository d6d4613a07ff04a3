/**
 * Buffered synchronous output to a descriptor (stdout by default). Writes survive non-blocking
 * pipes (EAGAIN: wait and retry); a closed reader (EPIPE, as with `| head`) becomes a BrokenPipe the
 * CLI ends quietly on.
 */
import fs from 'node:fs';
import { nap } from './fd-read.ts';

export class BrokenPipe extends Error {
  constructor() {
    super('broken pipe');
  }
}

const FLUSH_AT = 1 << 20;

export class Output {
  /**
   * Small writes are copied here until FLUSH_AT bytes: keeping them as references instead pinned
   * the buffers they were cut from (a 2 MiB text buffer per task behind each file's few lines: 2.6
   * GB for `flowsift print` over 2,000 small files).
   */
  private stage: Uint8Array | null = null;
  private pending = 0;
  /** bytes written so far */
  written = 0;
  /** with no descriptor (fd -1) everything written is kept here (tests) */
  readonly captured: Uint8Array[] = [];

  constructor(readonly fd = 1) {}

  /** An Output that keeps what is written in memory. */
  static memory(): Output {
    return new Output(-1);
  }

  /** everything written to a memory Output */
  text(): string {
    this.flush();
    return Buffer.concat(this.captured).toString('latin1');
  }

  write(data: Uint8Array | string): void {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
    if (bytes.length === 0) return;
    if (this.pending + bytes.length > FLUSH_AT) this.flush();
    if (bytes.length >= FLUSH_AT) {
      this.writeAll(bytes);
      return;
    }
    const stage = (this.stage ??= new Uint8Array(FLUSH_AT));
    stage.set(bytes, this.pending);
    this.pending += bytes.length;
  }

  flush(): void {
    if (this.pending === 0) return;
    const n = this.pending;
    this.pending = 0;
    this.writeAll(this.stage!.subarray(0, n));
  }

  private writeAll(data: Uint8Array): void {
    if (this.fd < 0) {
      this.captured.push(Uint8Array.from(data));
      this.written += data.length;
      return;
    }
    let off = 0;
    while (off < data.length) {
      try {
        off += fs.writeSync(this.fd, data, off, data.length - off);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EAGAIN') { nap(1); continue; }
        if (code === 'EPIPE') throw new BrokenPipe();
        // say which output failed; code and syscall stay (a system error, not a bug)
        const where = this.fd === 1 ? 'standard output' : `output (descriptor ${this.fd})`;
        throw Object.assign(new Error(`write to ${where}: ${(e as Error).message}`), { code, syscall: (e as NodeJS.ErrnoException).syscall });
      }
    }
    this.written += data.length;
  }
}
