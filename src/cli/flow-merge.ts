/**
 * flow-merge drop-in: like flow-cat, but the records of all inputs are interleaved by flow end time
 * (src/flow-merge.c). Inputs are read in parallel; the interleaving needs every input's records, so
 * memory grows with the total input (say so for very large merges; flow-cat does not have this cost).
 */
import { FIELD, FT_HEADER_BIG_ENDIAN, FT_HEADER_LITTLE_ENDIAN, HEADER_FLAG } from '../format/constants.ts';
import { emptyHeader } from '../format/header.ts';
import { hasFields } from '../format/layouts.ts';
import { expandInputs, type Opened } from '../engine/inputs.ts';
import { scan } from '../engine/scan.ts';
import type { Output } from '../io/output.ts';
import { openOutputFile, type OutputFile } from '../io/output-file.ts';
import { StreamWriter } from '../io/stream-writer.ts';
import { endTimes, mergeOrder } from '../cat/merge-order.ts';
import { toolOptions } from './getopt.ts';
import { streamOption, type StreamOptValues } from './stream-options.ts';
import { defaultThreads } from './threads.ts';
import type { CliIO } from './runtime.ts';
import { faultLine, inputName, strerror } from './tool-errors.ts';

const USAGE = 'Usage: flow-merge [-aghm] [-b big|little] [-C comment] [-d debug_level]\n'
  + '       [-o filename] [-z z_level] [file|directory ...]\n';

export async function flowMerge(argv: string[], io: CliIO): Promise<number> {
  const tool = 'flow-merge';
  const parsed = toolOptions(tool, argv, 'ab:C:d:gh?mo:i:z:', USAGE, io.err);
  if (typeof parsed === 'number') return parsed;
  let all = false, globalSort = false;
  const so: StreamOptValues = { byteOrder: FT_HEADER_LITTLE_ENDIAN, zLevel: 0 };
  let outFile: string | undefined;
  for (const [k, v] of parsed.opts) {
    const shared = streamOption(tool, k, v, so, io.err);
    if (shared === 'error') return 1;
    if (shared === 'done') continue;
    switch (k) {
      case 'a': all = true; break;
      case 'g': globalSort = true; break;
      case 'o': outFile = v; break;
      case 'm': case 'i': break;
      default: io.err(USAGE); return 1;
    }
  }
  const { byteOrder, zLevel, comment } = so;

  const { inputs, problems } = await expandInputs(parsed.operands, { all, globalSort, allowStdin: true, tmpByArgument: true });
  for (const p of problems) io.err(`${tool}: ${inputName(p.path)}: ${p.message}\n`);

  let out: Output = io.out;
  let outIsFile = false;
  let file: OutputFile | null = null;
  if (outFile !== undefined) {
    try {
      file = openOutputFile(outFile);
    } catch (e) {
      io.err(`${tool}: open(${outFile}): ${strerror(e)}\n`);
      return 1;
    }
    out = file.out;
    outIsFile = file.isFile;
    const abort = file.abort;
    io.cleanup.add(abort);
  }
  const header = emptyHeader();
  header.fields = FIELD.HEADER_FLAGS;
  header.flags = HEADER_FLAG.STREAMING;
  if (comment !== undefined) { header.comments = comment; header.fields |= FIELD.COMMENTS; }
  if (outIsFile) {
    header.capStart = 0xffffffff; header.capEnd = 0; header.flowsCount = 0;
    header.fields |= FIELD.CAP_START | FIELD.CAP_END | FIELD.FLOW_COUNT;
  }
  const writer = new StreamWriter(out, header, { byteOrder, zLevel });

  // every input is opened (and checked) before any record is written, as flow-merge does
  const usable: Opened[] = [];
  let timeStart = 0xffffffff, timeEnd = 0;
  for (const inp of inputs) {
    if (inp.layoutError) { io.err(`${tool}: ${inputName(inp.display)}: byte 4: ${inp.layoutError.lines[0]}\n`); return 1; }
    if (!hasFields(inp.layout, ['unix_secs', 'unix_nsecs', 'sysUpTime', 'First', 'Last'])) {
      io.err(`${tool}: Flow record missing required field.\n`);
      return 1;
    }
    if ((inp.header.capStart >>> 0) < timeStart) timeStart = inp.header.capStart >>> 0;
    if ((inp.header.capEnd >>> 0) > timeEnd) timeEnd = inp.header.capEnd >>> 0;
    const first = usable[0];
    if (!first) {
      header.dVersion = inp.header.dVersion;
      header.fields |= FIELD.EX_VER;
      if (inp.header.dVersion === 8) {
        header.aggVersion = inp.header.aggVersion; header.aggMethod = inp.header.aggMethod;
        header.fields |= FIELD.AGG_VER | FIELD.AGG_METHOD;
      }
      writer.writeHeader();
    } else if (first.header.dVersion !== inp.header.dVersion || first.header.aggMethod !== inp.header.aggMethod) {
      writer.abort();
      io.err(`${tool}: data version or sub version changed!\n`);
      return 1;
    }
    usable.push(inp);
  }

  const parts = usable.map(() => [] as Uint8Array[]);
  const index = new Map(usable.map((inp, i) => [inp, i]));
  for await (const ev of scan(usable, { op: { kind: 'records', byteOrder }, threads: defaultThreads(io.env) })) {
    if (ev.kind === 'chunk') continue; // not streamed (no `stream`)
    if (ev.kind === 'result') {
      if (ev.result.payload.kind === 'bytes') parts[index.get(ev.input)!]!.push(ev.result.payload.data);
      for (const f of ev.result.faults) io.err(faultLine(tool, f));
    } else {
      for (const f of ev.faults) io.err(faultLine(tool, f));
    }
  }
  const outLe = byteOrder !== FT_HEADER_BIG_ENDIAN;
  const sources = usable.map((inp, i) => ({ data: Buffer.concat(parts[i]!), layout: inp.layout, littleEndian: outLe }));
  const keys = sources.map(endTimes);
  const size = usable[0]?.layout.size ?? 0;
  const batch = new Uint8Array(size * 4096);
  let fill = 0;
  let total = 0;
  const pending: Promise<void>[] = [];
  mergeOrder(keys, (s, r) => {
    batch.set(sources[s]!.data.subarray(r * size, r * size + size), fill);
    fill += size;
    total++;
    if (fill === batch.length) { pending.push(writer.writeRecords(batch.slice(0, fill), size)); fill = 0; }
  });
  if (fill) pending.push(writer.writeRecords(batch.slice(0, fill), size));
  await Promise.all(pending);
  if (usable.length) {
    await writer.close();
    if (outIsFile) {
      header.capStart = timeStart; header.capEnd = timeEnd; header.flowsCount = total >>> 0;
      header.flags &= ~HEADER_FLAG.STREAMING;
      writer.rewriteHeader();
    }
  }
  if (file) { io.cleanup.delete(file.abort); file.commit(); }
  return 0;
}
