/**
 * flow-gen drop-in: writes flow-gen's deterministic test stream to stdout (options "b:d:hn:V:z:"):
 * a streaming header with EX_VER (and the v8 aggregation), HEADER_FLAGS, CAP_HOSTNAME and
 * COMMENTS "flow-gen", then -n records (default 1000) of version -V (default 5; "8" is 8.1).
 */
import { FIELD, FT_HEADER_BIG_ENDIAN, FT_HEADER_LITTLE_ENDIAN, HEADER_FLAG } from '../format/constants.ts';
import { emptyHeader } from '../format/header.ts';
import { layoutFor } from '../format/layouts.ts';
import { StreamWriter } from '../io/stream-writer.ts';
import { hasTestPattern, TestPattern } from '../gen/test-pattern.ts';
import { atoi, getopt, GetoptError } from './getopt.ts';
import { byteOrderArg, zLevelArg } from './stream-options.ts';
import type { CliIO } from './runtime.ts';

const TOOL = 'flow-gen';
const USAGE = 'Usage: flow-gen [-h] [-b big|little] [-d debug_level] [-n count]\n'
  + '       [-V version] [-z z_level]\n';
const DEFAULT_COUNT = 1000;
const BATCH = 1024;

/** sscanf("%u.%u"): the version and, when given, the aggregation method; undefined when no number. */
function scanVersion(text: string): { d: number; agg?: number } | undefined {
  const m = /^\s*([+-]?\d+)(?:\.\s*([+-]?\d+))?/.exec(text);
  if (!m) return undefined;
  const u = (s: string): number => Number(BigInt.asUintN(32, BigInt(s)));
  return { d: u(m[1]!) & 0xffff, agg: m[2] === undefined ? undefined : u(m[2]) & 0xff };
}

export async function flowGen(argv: string[], io: CliIO): Promise<number> {
  let parsed;
  try {
    parsed = getopt(argv, 'b:d:hn:V:z:');
  } catch (e) {
    if (!(e instanceof GetoptError)) throw e;
    io.err(`${TOOL}: ${e.message}\n${USAGE}`);
    return 1;
  }
  let byteOrder = FT_HEADER_LITTLE_ENDIAN;
  let count = DEFAULT_COUNT;
  let dVersion = 5;
  let aggMethod = 1;
  let zLevel = 0;
  for (const [o, v] of parsed.opts) {
    switch (o) {
      case 'b': {
        const b = byteOrderArg(TOOL, v!, io.err);
        if (b === undefined) return 1;
        byteOrder = b;
        break;
      }
      case 'd': break;
      case 'h': io.err(USAGE); return 0;
      case 'n': count = atoi(v!); break;
      case 'V': {
        const ver = scanVersion(v!);
        if (!ver) { io.err(`${TOOL}: Version scan failed\n`); return 1; }
        dVersion = ver.d;
        if (ver.agg !== undefined) aggMethod = ver.agg;
        break;
      }
      case 'z': {
        const z = zLevelArg(TOOL, v!, io.err);
        if (z === undefined) return 1;
        zLevel = z;
        break;
      }
    }
  }
  if (parsed.operands.length) {
    io.err(`${TOOL}: Extra arguments starting with ${parsed.operands[0]}.\n`);
    return 1;
  }
  const layout = layoutFor(dVersion, aggMethod);
  if (!layout || !hasTestPattern(layout)) {
    io.err(`${TOOL}: Unsupported record type\n${TOOL}: ftio_set_ver(): failed\n`);
    return 1;
  }

  const header = emptyHeader();
  header.dVersion = dVersion;
  header.fields = FIELD.EX_VER | FIELD.HEADER_FLAGS | FIELD.CAP_HOSTNAME | FIELD.COMMENTS;
  if (dVersion === 8) {
    header.aggVersion = 2;
    header.aggMethod = aggMethod;
    header.fields |= FIELD.AGG_VER | FIELD.AGG_METHOD;
  }
  header.flags = HEADER_FLAG.STREAMING;
  header.capHostname = TOOL;
  header.comments = TOOL;
  const writer = new StreamWriter(io.out, header, { byteOrder, zLevel });
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
