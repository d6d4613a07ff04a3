/**
 * Writing a flow-tools stream (header + records, raw or one zlib stream) to a descriptor, as
 * ftio_write_header()/ftio_write()/ftio_close() do. Records arrive already in the output byte
 * order. For a regular file the header can be rewritten at close with final counts (flow-cat -o):
 * it must keep its size, exactly as flow-tools requires.
 */
import fs from 'node:fs';
import { lazyZlib } from '../util/lazy-zlib.ts';
import type zlib from 'node:zlib';
import { FIELD, HEADER_FLAG } from '../format/constants.ts';
import type { FlowHeader } from '../format/header.ts';
import { encodeHeader } from '../format/header-write.ts';
import { Output } from './output.ts';

export interface StreamWriterOptions {
  /** 1 little, 2 big */
  byteOrder: number;
  /** 0 = no compression, 1-9 zlib level */
  zLevel: number;
}

/** ftio's write buffer (FT_D_BUFSIZE): uncompressed records leave in whole buffers of this size. */
const D_BUFSIZE = 32768;

export class StreamWriter {
  private readonly deflate: zlib.Deflate | null;
  private dbuf: Uint8Array | null = null;
  private dfill = 0;
  private recSize = 0;
  private headerBytes = 0;
  private headerWritten = false;
  private pendingZ: Promise<void> = Promise.resolve();
  private zError: Error | null = null;

  constructor(readonly out: Output, readonly header: FlowHeader, readonly opts: StreamWriterOptions) {
    header.fields |= FIELD.HEADER_FLAGS;
    if (opts.zLevel > 0) {
      header.flags |= HEADER_FLAG.COMPRESS;
      const z = lazyZlib();
      this.deflate = z.createDeflate({ level: opts.zLevel, chunkSize: 16384 });
      this.deflate.on('data', (c: Buffer) => {
        try { this.out.write(c); } catch (e) { this.zError = e as Error; }
      });
      this.deflate.on('error', (e) => { this.zError = e; });
    } else {
      header.flags &= ~HEADER_FLAG.COMPRESS;
      this.deflate = null;
    }
  }

  writeHeader(): void {
    const bytes = encodeHeader(this.header, this.opts.byteOrder);
    this.headerBytes = bytes.length;
    this.headerWritten = true;
    this.out.write(bytes);
  }

  get started(): boolean {
    return this.headerWritten;
  }

  /**
   * Append whole records of `recSize` bytes (already in the output byte order). Uncompressed records
   * go through a 32 KiB buffer flushed only when the next record does not fit, as ftio_write() does,
   * so that abort() leaves exactly the bytes flow-tools would have written before a fatal error.
   */
  async writeRecords(bytes: Uint8Array, recSize: number): Promise<void> {
    if (bytes.length === 0) return;
    if (!this.deflate) {
      if (!this.dbuf || this.recSize !== recSize) {
        this.flushDbuf();
        this.recSize = recSize;
        this.dbuf = new Uint8Array(D_BUFSIZE - (D_BUFSIZE % recSize));
      }
      const cap = this.dbuf.length;
      let off = 0;
      while (off < bytes.length) {
        if (this.dfill === cap) this.flushDbuf();
        const n = Math.min(cap - this.dfill, bytes.length - off);
        this.dbuf.set(bytes.subarray(off, off + n), this.dfill);
        this.dfill += n;
        off += n;
      }
      return;
    }
    if (this.zError) throw this.zError;
    // zlib holds the chunk until it compresses it: a copy lets callers reuse their buffer at once
    // (the copy is cheap beside deflating it)
    if (!this.deflate.write(bytes.slice())) {
      const d = this.deflate;
      await new Promise<void>((r) => {
        const wake = (): void => { d.off('drain', wake); d.off('close', wake); r(); };
        d.once('drain', wake);
        d.once('close', wake);
      });
    }
    if (this.zError) throw this.zError;
  }

  private flushDbuf(): void {
    if (this.dbuf && this.dfill) this.out.write(this.dbuf.slice(0, this.dfill));
    this.dfill = 0;
  }

  /** Stop after a fatal error: what is still buffered is dropped, as when flow-tools exits. */
  abort(): void {
    this.dfill = 0;
    this.deflate?.destroy();
    this.out.flush();
  }

  /** Finish the zlib stream and flush. */
  async close(): Promise<void> {
    this.flushDbuf();
    if (this.deflate) {
      const d = this.deflate;
      await new Promise<void>((resolve, reject) => {
        d.once('end', resolve);
        d.once('error', reject);
        d.end();
        d.resume();
      });
      if (this.zError) throw this.zError;
    }
    this.out.flush();
  }

  /**
   * Rewrite the header in place (regular files only), as a second ftio_write_header() does: the
   * DONE flag is set and the size must not change.
   */
  rewriteHeader(): void {
    this.header.flags |= HEADER_FLAG.DONE;
    const bytes = encodeHeader(this.header, this.opts.byteOrder);
    if (bytes.length !== this.headerBytes) throw new Error('Header size change during rewrite not supported');
    this.out.flush();
    fs.writeSync(this.out.fd, bytes, 0, bytes.length, 0);
  }
}
