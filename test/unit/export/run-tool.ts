/** Runs flow-export / flow-gen in-process on a file given as standard input. */
import { flowExport } from '../../../src/cli/flow-export.ts';
import { flowGen } from '../../../src/cli/flow-gen.ts';
import type { CliIO } from '../../../src/cli/runtime.ts';
import { Output } from '../../../src/io/output.ts';

export interface Run { status: number; out: Buffer; err: string }

export async function run(tool: 'flow-export' | 'flow-gen', argv: string[], stdinPath?: string): Promise<Run> {
  let err = '';
  const io: CliIO = {
    out: Output.memory(), err: (t) => { err += t; }, env: { FLOWSIFT_THREADS: '1' }, stderrIsTTY: false,
    cleanup: new Set(), stdinPath,
  };
  const status = await (tool === 'flow-export' ? flowExport : flowGen)(argv, io);
  io.out.flush();
  return { status, out: Buffer.concat(io.out.captured), err };
}
