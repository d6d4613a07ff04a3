/**
 * flow-gen drop-in: writes flow-gen's deterministic test stream to stdout (options "b:d:hn:V:z:"):
 * a streaming header with EX_VER (and the v8 aggregation), HEADER_FLAGS, CAP_HOSTNAME and
 * COMMENTS "flow-gen", then -n records (default 1000) of version -V (default 5; "8" is 8.1).
 */
import { FT_HEADER_BIG_ENDIAN, FT_HEADER_LITTLE_ENDIAN } from '../format/constants.ts';
import { toolHeader } from '../format/derived-header.ts';
import { layoutFor } from '../format/layouts.ts';
import { StreamWriter } from '../io/stream-writer.ts';
import { hasTestPattern, TestPattern } from '../gen/test-pattern.ts';
import { atoi, extraArguments, toolOptions } from './getopt.ts';
import { scanVersion, streamOption, type StreamOptValues } from './stream-options.ts';
import type { CliIO } from './runtime.ts';

const TOOL = 'flow-gen';
const USAGE = 'Usage: flow-gen [-h] [-b big|little] [-d debug_level] [-n count]\n'
  + '       [-V version] [-z z_level]\n';
const DEFAULT_COUNT = 1000;
const BATCH = 1024;

export async function flowGen(argv: string[], io: CliIO): Promise<number> {
  const parsed = toolOptions(TOOL, argv, 'b:d:hn:V:z:', USAGE, io.err);
  if (typeof parsed === 'number') return parsed;
  const so: StreamOptValues = { byteOrder: FT_HEADER_LITTLE_ENDIAN, zLevel: 0 };
  let count = DEFAULT_COUNT;
  let dVersion = 5;
  let aggMethod = 1;
  for (const [o, v] of parsed.opts) {
    const shared = streamOption(TOOL, o, v, so, io.err);
    if (shared === 'error') return 1;
    if (shared === 'done') continue;
    switch (o) {
      case 'h': io.err(USAGE); return 0;
      case 'n': count = atoi(v!); break;
      case 'V': {
        const ver = scanVersion(v!);
        if (!ver) { io.err(`${TOOL}: Version scan failed\n`); return 1; }
        dVersion = ver.d;
        if (ver.agg !== undefined) aggMethod = ver.agg;
        break;
      }
    }
  }
  if (extraArguments(TOOL, parsed.operands, io.err)) return 1;
  const { byteOrder, zLevel } = so;
  const layout = layoutFor(dVersion, aggMethod);
  if (!layout || !hasTestPattern(layout)) {
    io.err(`${TOOL}: Unsupported record type\n${TOOL}: ftio_set_ver(): failed\n`);
    return 1;
  }

  const writer = new StreamWriter(io.out, toolHeader(TOOL, layout), { byteOrder, zLevel });
  writer.writeHeader();

  const pattern = new TestPattern(layout);
  const le = byteOrder !== FT_HEADER_BIG_ENDIAN;
  for (let left = count; left > 0;) {
    const n = Math.min(BATCH, left);
    // a fresh batch each time: the deflate stream may still hold the previous one
    const batch = new Uint8Array(n * layout.size);
    pattern.fill(batch, n, le);
    await writer.writeRecords(batch, layout.size);
    left -= n;
  }
  await writer.close();
  return 0;
}
