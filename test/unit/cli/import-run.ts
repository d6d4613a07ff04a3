/** flow-import run in-process on a given standard input, and the records of the stream it wrote. */
import fs from 'node:fs';
import path from 'node:path';
import { flowImport } from '../../../src/cli/flow-import.ts';
import type { CliIO } from '../../../src/cli/runtime.ts';
import { bufferSource, readHeader } from '../../../src/format/header.ts';
import { Output } from '../../../src/io/output.ts';

export async function importFrom(argv: string[], text: string | Uint8Array, dir: string): Promise<{ status: number; out: Buffer; err: string }> {
  const stdin = path.join(dir, `stdin-${Math.random().toString(36).slice(2)}`);
  fs.writeFileSync(stdin, text);
  let err = '';
  const io: CliIO = { out: Output.memory(), err: (t) => { err += t; }, env: { FLOWSIFT_THREADS: '1' }, stderrIsTTY: false, cleanup: new Set(), stdinPath: stdin };
  const status = await flowImport(argv, io);
  io.out.flush();
  return { status, out: Buffer.concat(io.out.captured), err };
}

/** The records of a stream flow-import wrote (uncompressed). */
export function records(stream: Buffer): Buffer {
  const { header } = readHeader(bufferSource(stream));
  return stream.subarray(header.headerSize);
}
