/**
 * flow-cat drop-in (and the engine of `flowsift cat`): concatenates flow files, directories and
 * stdin into one stream, with flow-cat's file ordering, header preload (-p), coarse time selection
 * (-t/-T), byte order (-b), compression (-z), comment (-C) and output file (-o, header rewritten at
 * close). Records are read in parallel and written in input order.
 */
import { FIELD, FT_HEADER_LITTLE_ENDIAN, HEADER_FLAG } from '../format/constants.ts';
import { emptyHeader, type FlowHeader } from '../format/header.ts';
import { expandInputs, type Opened } from '../engine/inputs.ts';
import { scan } from '../engine/scan.ts';
import type { Output } from '../io/output.ts';
import { openOutputFile, type OutputFile } from '../io/output-file.ts';
import { StreamWriter } from '../io/stream-writer.ts';
import { preload, type TimeWindow } from '../cat/preload.ts';
import { toolOptions } from './getopt.ts';
import { streamOption } from './stream-options.ts';
import { defaultThreads } from './threads.ts';
import type { CliIO } from './runtime.ts';
import { faultLine, inputName, prunedLine, strerror } from './tool-errors.ts';
import type { FilterSpec } from '../ops/filter-spec.ts';
import type { BytesPayload } from '../ops/types.ts';
import type { OpenedInput } from '../engine/open.ts';
import { nfilterMissingFields } from '../filter/selection.ts';
import { outsideByCapture, windowOf } from '../ops/time-window.ts';

const USAGE = 'Usage: flow-cat [-aghmp] [-b byte_order] [-C comment] [-d debug_level]\n'
  + '       [-o filename] [-t start_time] [-T end_time] [-z z_level]\n'
  + '       file|directory ...\n';

export interface CatOptions {
  all: boolean;
  globalSort: boolean;
  byteOrder: number;
  comment?: string;
  outFile?: string;
  preload: boolean;
  window: TimeWindow | null;
  zLevel: number;
  threads: number;
  /** tool name for messages */
  tool: string;
  /** keep only matching records (flowsift cat --filter/--where/--from/--to) */
  filter?: FilterSpec;
  /** no note of files a --from/--to window left unread */
  quiet?: boolean;
  /** set when any input was damaged or skipped (flowsift's exit status 3) */
  unclean?: boolean;
  /** -m: flow-tools reads with read() instead of mmap; on bytes after a zlib stream it then loops
   * forever, so it dies with only its whole 32 KiB buffers written: the drop-in stops there too */
  noMmap?: boolean;
  /**
   * read runs of small files as one task each (flowsift cat: a task per 5-minute file made an
   * archive of 10,000 of them cost 0.17 ms a file); not the drop-in, whose -m stops at the file
   * it cannot get past, before the files after it
   */
  groupSmall?: boolean;
}

export async function flowCat(argv: string[], io: CliIO): Promise<number> {
  const parsed = toolOptions('flow-cat', argv, 'ab:C:d:gh?mo:pt:T:z:', USAGE, io.err);
  if (typeof parsed === 'number') return parsed;
  const o: CatOptions = {
    all: false, globalSort: false, byteOrder: FT_HEADER_LITTLE_ENDIAN, preload: false, window: null, zLevel: 0,
    threads: defaultThreads(io.env), tool: 'flow-cat',
  };
  let low = 0;
  let high = 0;
  for (const [k, v] of parsed.opts) {
    const shared = streamOption('flow-cat', k, v, o, io.err);
    if (shared === 'error') return 1;
    if (shared === 'done') continue;
    switch (k) {
      case 'a': o.all = true; break;
      case 'm': o.noMmap = true; break;
      case 'g': o.globalSort = true; break;
      case 'h': case '?': io.err(USAGE); return 1;
      case 'o': o.outFile = v; break;
      case 'p': o.preload = true; break;
      case 't': case 'T': {
        o.preload = true;
        const { parseGetdate } = await import('../util/getdate.ts');
        const t = parseGetdate(v!, Math.floor(Date.now() / 1000));
        if (t === undefined) { io.err(`flow-cat: Error parsing time: ${v}.\n`); return 1; }
        if (k === 't') low = t >>> 0; else high = t >>> 0;
        o.window = { low, high };
        break;
      }
    }
  }
  return catStreams(parsed.operands, o, io);
}

/** The concatenation itself; returns the exit status (1 when no input could be read). */
export async function catStreams(args: string[], o: CatOptions, io: CliIO): Promise<number> {
  const tool = o.tool;
  const { inputs, problems } = await expandInputs(args, { all: o.all, globalSort: o.globalSort, allowStdin: true, tmpByArgument: true });
  if (problems.length) o.unclean = true;
  for (const p of problems) {
    if (p.kind === 'header' && p.error) io.err(`${tool}: ${inputName(p.path)}: byte ${(p.error.cause as { offset?: number }).offset ?? 0}: ${p.message}, ignoring file\n`);
    else io.err(`${tool}: ${inputName(p.path)}: ${p.message}\n`);
  }

  let out: Output = io.out;
  let outIsFile = false;
  let file: OutputFile | null = null;
  if (o.outFile !== undefined) {
    try {
      file = openOutputFile(o.outFile);
    } catch (e) {
      io.err(`${tool}: open(${o.outFile}): ${strerror(e)}\n`);
      return 1;
    }
    out = file.out;
    outIsFile = file.isFile;
    const abort = file.abort;
    io.cleanup.add(abort);
  }

  const header: FlowHeader = emptyHeader();
  header.fields = FIELD.HEADER_FLAGS;
  header.flags = HEADER_FLAG.STREAMING;
  if (o.comment !== undefined) { header.comments = o.comment; header.fields |= FIELD.COMMENTS; }
  if (outIsFile) {
    header.capStart = 0xffffffff; header.capEnd = 0; header.flowsCount = 0; header.pktsCorrupt = 0; header.flowsLost = 0;
    header.fields |= FIELD.CAP_START | FIELD.CAP_END | FIELD.FLOW_COUNT | FIELD.PKT_CORRUPT | FIELD.FLOW_LOST;
  }

  let selected: Opened[] = inputs;
  if (o.preload) {
    // preload reads the headers of real files only (stdin is taken as it comes)
    const files = inputs.filter((i) => i.path !== '');
    const { skip } = preload(header, files.map((i) => i.header), o.window);
    const skipped = new Set(files.filter((_, k) => skip[k]));
    selected = inputs.filter((i) => !skipped.has(i));
    header.flags |= HEADER_FLAG.PRELOADED;
  }

  // flow-cat stops at the first input whose record version differs from the first one's
  const usable: Opened[] = [];
  let versionChanged = false;
  let stuck = false;
  const window = windowOf(o.filter);
  let pruned = 0;
  for (const inp of selected) {
    if (inp.layoutError) {
      o.unclean = true;
      io.err(`${tool}: ${inputName(inp.display)}: byte 4: ${inp.layoutError.lines[0]}, ignoring file\n`);
      continue;
    }
    const missing = o.filter ? nfilterMissingFields(o.filter, inp.layout) : [];
    if (missing.length) {
      o.unclean = true;
      io.err(`${tool}: ${inputName(inp.display)}: Filter references a field not in flow (${missing.join(', ')}), ignoring file\n`);
      continue;
    }
    if (window && outsideByCapture(window, inp.header)) { pruned++; continue; }
    const first = usable[0];
    if (first && (first.header.dVersion !== inp.header.dVersion || first.header.aggMethod !== inp.header.aggMethod)) {
      versionChanged = true;
      break;
    }
    usable.push(inp);
  }

  if (window && pruned > 0 && !o.quiet) io.err(prunedLine(tool, pruned, selected.length, window));

  const writer = new StreamWriter(out, header, { byteOrder: o.byteOrder, zLevel: o.zLevel });
  let timeStart = 0xffffffff;
  let timeEnd = 0;
  let total = 0;
  if (usable.length) {
    const f = usable[0]!.header;
    header.dVersion = f.dVersion;
    header.fields |= FIELD.EX_VER;
    if (f.dVersion === 8) {
      header.aggVersion = f.aggVersion; header.aggMethod = f.aggMethod;
      header.fields |= FIELD.AGG_VER | FIELD.AGG_METHOD;
    }
    writer.writeHeader();
    for (const inp of usable) {
      if ((inp.header.capStart >>> 0) < timeStart) timeStart = inp.header.capStart >>> 0;
      if ((inp.header.capEnd >>> 0) > timeEnd) timeEnd = inp.header.capEnd >>> 0;
    }
    /** Write records; the header's flow count is of the flows written (a filter keeps fewer than were read). */
    const write = async (p: BytesPayload, input: OpenedInput): Promise<void> => {
      await writer.writeRecords(p.data, input.layout.size);
      total += p.records;
    };
    // a compressed file's records come in chunks as it is read: memory stays bounded by the chunks
    for await (const ev of scan(usable, { op: { kind: 'records', byteOrder: o.byteOrder }, threads: o.threads, filter: o.filter, groupSmall: o.groupSmall && !o.noMmap, stream: true, recycleChunks: true })) {
      if (ev.kind === 'chunk') { await write(ev.payload, ev.input); continue; }
      const faults = ev.kind === 'result' ? ev.result.faults : ev.faults;
      if (faults.length) o.unclean = true;
      if (o.noMmap && faults.some((f) => f.code === 'TRAILING_GARBAGE')) stuck = true;
      if (ev.kind === 'result') {
        if (ev.result.payload.kind === 'bytes') await write(ev.result.payload, ev.input);
        for (const f of ev.result.faults) io.err(faultLine(tool, f));
      } else {
        for (const f of ev.faults) io.err(faultLine(tool, f));
      }
      if (stuck) {
        io.err(`${tool}: stopping: flow-cat -m cannot get past bytes after a zlib stream (flow-tools loops forever here)\n`);
        break;
      }
    }
  }
  if (versionChanged || stuck) {
    writer.abort();
    if (file) { io.cleanup.delete(file.abort); file.abort(); }
    if (versionChanged) io.err(`${tool}: data version or sub version changed!\n`);
    return 1;
  }
  if (usable.length) {
    await writer.close();
    if (outIsFile) {
      header.capStart = timeStart; header.capEnd = timeEnd; header.flowsCount = total >>> 0;
      header.fields |= FIELD.CAP_START | FIELD.CAP_END | FIELD.FLOW_COUNT;
      header.flags &= ~HEADER_FLAG.STREAMING;
      writer.rewriteHeader();
    }
  }
  if (file) { io.cleanup.delete(file.abort); file.commit(); }
  return usable.length ? 0 : 1;
}
