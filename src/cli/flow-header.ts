/** flow-header drop-in: prints the header block of the stream on stdin (ftio_header_print()). */
import { InputError, openStdin } from '../engine/open.ts';
import { formatHeaderBlock } from '../format/header-print.ts';
import { extraArguments, toolOptions } from './getopt.ts';
import type { CliIO } from './runtime.ts';
import { inputErrorLine } from './tool-errors.ts';

const USAGE = 'Usage: flow-header [-h] [-c comment_char] [-d debug_level]\n';

export async function flowHeader(argv: string[], io: CliIO): Promise<number> {
  let cc = '#';
  const parsed = toolOptions('flow-header', argv, 'c:d:h?', USAGE, io.err, 0);
  if (typeof parsed === 'number') return parsed;
  for (const [o, v] of parsed.opts) {
    if (o === 'c') cc = v!.slice(0, 1) || '\0';
    else if (o === 'h' || o === '?') { io.err(USAGE); return 0; }
  }
  if (extraArguments('flow-header', parsed.operands, io.err)) return 1;
  try {
    const input = openStdin(io);
    io.out.write(formatHeaderBlock(input.header, cc));
    return 0;
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    io.err(inputErrorLine('flow-header', e));
    return 1;
  }
}
