/**
 * flow-split drop-in: reads a flow stream on stdin and writes it to files of at most -N flows or
 * -T seconds each, named BASE.0, BASE.1, ... (BASE "split", -o), or with -g/-G one series of files
 * per source/destination tag, BASE.TAG.0, ... (-n: the tag's name from tag.sym). Options
 * "b:C:d:gGh?nN:o:T:z:". Which record goes where is src/cat/split-plan.ts; each file gets the
 * header flow-split writes: the input's version, streaming at first, then rewritten when the file
 * is complete with its capture start and end and its flow count. A file appears under its name
 * only when complete; a fatal error removes the files not yet complete.
 */
import { strtoul10 } from '../filter/cnum.ts';
import { scan } from '../engine/scan.ts';
import { SplitPlan, type SplitClose, type SplitOutput } from '../cat/split-plan.ts';
import { FT_HEADER_BIG_ENDIAN, FT_HEADER_LITTLE_ENDIAN, HEADER_FLAG } from '../format/constants.ts';
import { derivedHeader } from '../format/derived-header.ts';
import type { FlowHeader } from '../format/header.ts';
import { hasFields } from '../format/layouts.ts';
import { openOutputFile, type OutputFile } from '../io/output-file.ts';
import { StreamWriter } from '../io/stream-writer.ts';
import { symDir } from '../print/symbols-path.ts';
import { loadSymbols } from '../print/symbols.ts';
import { extraArguments, toolOptions } from './getopt.ts';
import { streamOption, type StreamOptValues } from './stream-options.ts';
import type { CliIO } from './runtime.ts';
import { defaultThreads } from './threads.ts';
import { faultLine, openStdinOrReport, strerror } from './tool-errors.ts';

const USAGE = 'Usage: flow-split [-gGhn] [-b big|little] [-C comment] [-d debug_level]\n'
  + '       [-N nflows] [-o outfile_basename] [-T nseconds] [-z z_level]\n';

/** flow-split's MAXPATHNAME: names are cut to one byte less, bases may be 25 bytes shorter */
const MAXPATHNAME = 256;

/** An output's open file. */
interface Open { file: OutputFile; writer: StreamWriter; header: FlowHeader }

export async function flowSplit(argv: string[], io: CliIO): Promise<number> {
  const tool = 'flow-split';
  const parsed = toolOptions(tool, argv, 'b:C:d:gGh?nN:o:T:z:', USAGE, io.err);
  if (typeof parsed === 'number') return parsed;
  const so: StreamOptValues = { byteOrder: FT_HEADER_LITTLE_ENDIAN, zLevel: 0 };
  let maxFlows = 0, maxSeconds = 0, names = false;
  let base = 'split';
  let tag: 'src_tag' | 'dst_tag' | null = null;
  for (const [k, v] of parsed.opts) {
    const shared = streamOption(tool, k, v, so, io.err);
    if (shared === 'error') return 1;
    if (shared === 'done') continue;
    switch (k) {
      case 'g':
        if (tag === 'dst_tag') { io.err(`${tool}: Split on destination or source.\n`); return 1; }
        tag = 'src_tag';
        break;
      case 'G':
        if (tag === 'src_tag') { io.err(`${tool}: Split on destination or source.\n`); return 1; }
        tag = 'dst_tag';
        break;
      case 'n': names = true; break;
      case 'N': maxFlows = strtoul10(v!); break;
      case 'o':
        base = v!;
        if (Buffer.byteLength(base) > MAXPATHNAME - 25) { io.err(`${tool}: base output too long\n`); return 1; }
        break;
      case 'T': maxSeconds = strtoul10(v!); break;
      default: io.err(USAGE); return 1;
    }
  }
  if (extraArguments(tool, parsed.operands, io.err)) return 1;
  const { byteOrder, zLevel, comment } = so;

  const input = openStdinOrReport(tool, io);
  if (!input) return 1;
  const layout = input.layout;
  if (maxSeconds && !hasFields(layout, ['unix_secs'])) { io.err(`${tool}: Flow record missing unix_secs.\n`); return 1; }
  if (tag && !hasFields(layout, [tag])) {
    io.err(`${tool}: Flow record missing ${tag === 'src_tag' ? 'source' : 'destination'} tag.\n`);
    return 1;
  }

  // a tag's part of the file names: its name in tag.sym under -n (up to 31 bytes), else its number
  const symbols = tag && names ? loadSymbols(symDir(), 'tag.sym').table : null;
  const tagText = (t: number): string => {
    const b = symbols?.get(t);
    return b ? Buffer.from(b.buffer, b.byteOffset, Math.min(b.length, 31)).toString('latin1') : String(t);
  };
  const fileName = (o: SplitOutput, id: number): string => {
    const name = tag ? `${base}.${tagText(o.tag)}.${id}` : `${base}.${id}`;
    const bytes = Buffer.from(name);
    return bytes.length < MAXPATHNAME ? name : bytes.subarray(0, MAXPATHNAME - 1).toString();
  };

  const files = new Map<SplitOutput, Open>();
  const abortAll = (): void => { for (const f of files.values()) f.file.abort(); files.clear(); };
  io.cleanup.add(abortAll);
  const open = (o: SplitOutput, id: number): boolean => {
    const name = fileName(o, id);
    let file: OutputFile;
    try {
      file = openOutputFile(name);
    } catch (e) {
      io.err(`${tool}: open(${name}): ${strerror(e)}\n`);
      return false;
    }
    const header = derivedHeader(input.header, comment);
    const writer = new StreamWriter(file.out, header, { byteOrder, zLevel });
    writer.writeHeader();
    files.set(o, { file, writer, header });
    return true;
  };
  const close = async (o: SplitOutput, c: SplitClose): Promise<void> => {
    const f = files.get(o)!;
    files.delete(o);
    await f.writer.close();
    if (f.file.isFile) {
      f.header.capStart = c.capStart; f.header.capEnd = c.capEnd; f.header.flowsCount = c.flows;
      f.header.flags &= ~HEADER_FLAG.STREAMING;
      f.writer.rewriteHeader();
    }
    f.file.commit();
  };

  const plan = new SplitPlan(maxFlows, maxSeconds, tag !== null);
  const size = layout.size;
  const le = byteOrder !== FT_HEADER_BIG_ENDIAN;
  const secsAt = layout.offsets.unix_secs;
  const tagAt = tag ? layout.offsets[tag] : -1;
  try {
    for await (const ev of scan([input], { op: { kind: 'records', byteOrder }, threads: defaultThreads(io.env), rangeBytes: 4 << 20 })) {
      if (ev.kind === 'chunk') continue; // not streamed (no `stream`)
      if (ev.kind !== 'result') { for (const f of ev.faults) io.err(faultLine(tool, f)); continue; }
      const p = ev.result.payload;
      if (p.kind === 'bytes' && p.data.length) {
        // records go out in runs: the ones in a row for the same file are written together
        const data = p.data, dv = new DataView(data.buffer, data.byteOffset, data.byteLength);
        let run: SplitOutput | null = null, runFrom = 0;
        for (let at = 0; at + size <= data.length; at += size) {
          const o = plan.route(secsAt < 0 ? 0 : dv.getUint32(at + secsAt, le), tagAt < 0 ? 0 : dv.getUint32(at + tagAt, le));
          if (o !== run || plan.closing || plan.opening >= 0) {
            if (run && at > runFrom) await files.get(run)!.writer.writeRecords(data.subarray(runFrom, at), size);
            if (plan.closing) await close(o, plan.closing);
            if (plan.opening >= 0 && !open(o, plan.opening)) { abortAll(); return 1; }
            run = o;
            runFrom = at;
          }
        }
        if (run) await files.get(run)!.writer.writeRecords(data.subarray(runFrom, data.length - (data.length % size)), size);
      }
      for (const f of ev.result.faults) io.err(faultLine(tool, f));
    }
    for (const { output, close: c } of plan.finish()) await close(output, c);
  } catch (e) {
    abortAll();
    throw e;
  } finally {
    io.cleanup.delete(abortAll);
  }
  return 0;
}
