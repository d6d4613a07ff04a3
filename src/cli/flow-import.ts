/**
 * flow-import drop-in: reads flows in another format on stdin and writes them as a flow-tools
 * stream of the export version -V (required): -f 0 cflowd records, -f 2 ASCII CSV (the readers are
 * src/export/import-records.ts) and -f 4 NetFlow export packets (v1, v5, v6, v7). Options
 * "b:d:f:h?m:V:z:"; -h prints the usage with status 0.
 * Its exit statuses are flow-import's: a reader's status is -1 (255) unless its input ended at a
 * record boundary it had to look past, so a cflowd import ends with 255 and a CSV import with 0
 * when its last line ends in a newline, an NFCollector import (-f 3, import-nfc.ts) with 1. -f 1
 * is "Not implemented", as in flow-tools.
 */
import fs from 'node:fs';
import { FT_HEADER_BIG_ENDIAN, FT_HEADER_LITTLE_ENDIAN } from '../format/constants.ts';
import { toolHeader } from '../format/derived-header.ts';
import { layoutFor, type Layout } from '../format/layouts.ts';
import { CflowdReader, CsvReader, PduReader } from '../export/import-records.ts';
import { NFC_LINE_MAX, NfcReader, nfcVersionOk } from '../export/import-nfc.ts';
import { PDU_FORMATS } from '../export/wire.ts';
import { recordXlate, type RecordXlate } from '../format/xlate.ts';
import { MaskError, parseMask } from '../export/xfields.ts';
import { readSome } from '../io/fd-read.ts';
import { StreamWriter } from '../io/stream-writer.ts';
import { atoi, extraArguments, toolOptions } from './getopt.ts';
import type { CliIO } from './runtime.ts';
import { scanVersion, streamOption, type StreamOptValues } from './stream-options.ts';

const TOOL = 'flow-import';
const USAGE = 'Usage: flow-import [-h] [-b big|little] [-d debug_level] [-f format]\n'
  + '       [-m mask_fields] [-V pdu_version] [-z z_level]\n';
/** records written at a time */
const BATCH = 4096;

/** Standard input in chunks (blocking reads; a non-blocking pipe is waited for). */
function* chunks(fd: number): Generator<Uint8Array> {
  for (;;) {
    const buf = new Uint8Array(1 << 20);
    const n = readSome(fd, buf, 0, buf.length, null);
    if (n === 0) return;
    yield buf.subarray(0, n);
  }
}

/** Records built into batches and written; counts them. */
class Batches {
  records = 0;
  private readonly buf: Uint8Array;
  readonly dv: DataView;
  fill = 0;
  constructor(private readonly writer: StreamWriter, private readonly size: number) {
    this.buf = new Uint8Array(BATCH * size);
    this.dv = new DataView(this.buf.buffer);
  }
  /** The byte offset of a new, zeroed record. */
  next(): number { return this.fill * this.size; }
  /** The record at next() is not to be written: zeroed again for the next one. */
  drop(): void { this.buf.fill(0, this.fill * this.size, (this.fill + 1) * this.size); }
  /** The record at next() is complete. */
  async done(): Promise<void> {
    this.records++;
    if (++this.fill === BATCH) await this.flush();
  }
  async flush(): Promise<void> {
    if (!this.fill) return;
    // the writer copies what it keeps (its buffer, or zlib's input): the batch is emptied for reuse
    await this.writer.writeRecords(this.buf.subarray(0, this.fill * this.size), this.size);
    this.buf.fill(0, 0, this.fill * this.size);
    this.fill = 0;
  }
}

async function importCflowd(fd: number, layout: Layout, out: Batches, le: boolean, io: CliIO): Promise<number> {
  const reader = CflowdReader.for(layout);
  if (!reader) { io.err(`${TOOL}: Unsupported export version\n`); return -1; }
  let carry = new Uint8Array(0);
  // bytes of the input before `carry`
  let before = 0;
  for (const chunk of chunks(fd)) {
    const data = carry.length ? Buffer.concat([carry, chunk]) : chunk;
    let p = 0;
    for (;;) {
      const n = reader.read(data, p, out.dv, out.next(), le);
      if (!n) break;
      p += n;
      await out.done();
    }
    before += p;
    carry = data.slice(p);
  }
  // flow-import drops a record the end of the input cuts short without a word: say so
  if (carry.length) io.err(`${TOOL}: stdin: byte ${before}: a cflowd record cut short by the end of the input (${carry.length} bytes not imported)\n`);
  // the end of the input (or a record cut short by it) is found by a read that fails: -1
  return -1;
}

/** Lines as fgets(buf, 1024) reads them: pieces of at most 1,023 characters, newlines kept. */
function* fgetsLines(fd: number): Generator<string> {
  let carry = '';
  for (const chunk of chunks(fd)) {
    const text = carry + Buffer.from(chunk).toString('latin1');
    let p = 0;
    for (let nl = text.indexOf('\n', p); nl >= 0; nl = text.indexOf('\n', p)) {
      yield* pieces(text.slice(p, nl + 1));
      p = nl + 1;
    }
    carry = text.slice(p);
  }
  if (carry) yield* pieces(carry);
}

function* pieces(line: string): Generator<string> {
  for (let p = 0; p < line.length; p += NFC_LINE_MAX) yield line.slice(p, p + NFC_LINE_MAX);
}

/** -f 3: the format line, then a flow a line; flow-import returns 1 when it read them (-1: it could not). */
async function importNfc(fd: number, layout: Layout, version: { d: number; agg?: number }, out: Batches, le: boolean, io: CliIO): Promise<number> {
  if (!nfcVersionOk(version.d, version.agg ?? 0)) { io.err(`${TOOL}: unsupported export version\n`); return -1; }
  const lines = fgetsLines(fd);
  const first = lines.next();
  if (first.done) { io.err(`${TOOL}: No header\n`); return -1; }
  const reader = NfcReader.fromHeader(first.value, layout);
  if (typeof reader === 'string') { io.err(`${TOOL}: ${reader}\n`); return -1; }
  let lineNo = 1;
  for (const line of lines) {
    lineNo++;
    if (reader.read(line, out.dv, out.next(), le)) await out.done();
    else {
      out.drop();
      io.err(`${TOOL}: Broken record at line ${lineNo} (not output)\n`);
    }
  }
  return 1;
}

async function importCsv(fd: number, layout: Layout, mask: bigint | undefined, out: Batches, le: boolean, io: CliIO): Promise<number> {
  const reader = new CsvReader(layout, mask);
  const line = async (text: string): Promise<'flow' | 'skipped' | 'bad'> => {
    if (!out.records && text.startsWith('#:')) {
      try {
        reader.setColumns(text.slice(2));
      } catch (e) {
        if (!(e instanceof MaskError)) throw e;
        io.err(`${TOOL}: ${e.message}\n${TOOL}: ftxfield_parse(): failed\n`);
        return 'bad';
      }
    }
    if (/^\s*#/.test(text)) return 'skipped';
    reader.read(text, out.dv, out.next(), le);
    await out.done();
    return 'flow';
  };
  let carry = '';
  for (const chunk of chunks(fd)) {
    const lines = (carry + Buffer.from(chunk).toString('latin1')).split('\n');
    carry = lines.pop()!;
    for (const l of lines) if ((await line(l)) === 'bad') return -1;
  }
  // after a newline the read that finds the end says 0; a last flow without one ends the loop at -1
  if (!carry) return 0;
  const last = await line(carry);
  return last === 'skipped' ? 0 : -1;
}

/** fread() over standard input: exactly n bytes, or null when fewer are left. */
class Pull {
  private buf = new Uint8Array(0);
  private p = 0;
  private readonly it: Generator<Uint8Array>;
  constructor(fd: number) { this.it = chunks(fd); }
  read(n: number): Uint8Array | null {
    while (this.buf.length - this.p < n) {
      const next = this.it.next();
      if (next.done) return null;
      this.buf = Buffer.concat([this.buf.subarray(this.p), next.value]);
      this.p = 0;
    }
    const out = this.buf.subarray(this.p, this.p + n);
    this.p += n;
    return out;
  }
}

/**
 * -f 4: NetFlow export packets back to back. flow-import reads a 24-byte header, then the rest of
 * the PDU by its version and count, so a v8 PDU (28-byte header) fails its verification there:
 * kept. A PDU of another version than -V is translated (src/format/xlate.ts).
 */
async function importPdus(fd: number, layout: Layout, out: Batches, le: boolean, io: CliIO): Promise<number | { fatal: string }> {
  const pull = new Pull(fd);
  const reader = new PduReader();
  const xlates = new Map<string, RecordXlate | undefined>();
  for (;;) {
    const head = pull.read(24);
    if (!head) return -1;
    const hv = new DataView(head.buffer, head.byteOffset, 24);
    const version = hv.getUint16(0), count = hv.getUint16(2), agg = hv.getUint8(22);
    const id = version === 8 ? `8.${agg}` : String(version);
    const fmt = PDU_FORMATS[id];
    if (!fmt || version === 1005) return { fatal: version === 8 ? `Unrecognized PDU version: 8 aggregation ${agg}.` : `Unrecognized PDU version: ${version}.` };
    // the rest as flow-import counts it: the records, less 8 for v1's shorter header
    const len = count * fmt.recSize - (version === 1 ? 8 : 0);
    const rest = pull.read(len);
    if (!rest) return { fatal: `fread(): failed - expecting to read ${len} bytes.` };
    const pdu = Buffer.concat([head, rest]);
    if (count > fmt.maxFlows || pdu.length !== fmt.header + count * fmt.recSize) {
      io.err(`${TOOL}: ftpdu_verify(): failed.\n`);
      return -1;
    }
    const from = layoutFor(version)!;
    if (layout.dVersion === 8) return { fatal: `Unexpected PDU: oagg=${layout.aggMethod} agg=0 over=2 ver=0` };
    if (!xlates.has(id)) xlates.set(id, from === layout ? undefined : recordXlate(from, layout));
    const xlate = xlates.get(id);
    if (from !== layout && !xlate) return { fatal: `ftrec_xlate_func(): failed (v${id} records cannot be stored as v${layout.id})` };
    const lost = reader.checkSeq(pdu, version);
    if (lost) io.err(`${TOOL}: ftpdu_seq_check(): expecting=${lost.expected} received=${lost.received} lost=${lost.lost}\n`);
    // the PDU's records, then each into the batch (translated, or as they are)
    const recs = new Uint8Array(from.size * count);
    reader.decode(pdu, from, count, new DataView(recs.buffer), 0, xlate ? true : le);
    for (let n = 0; n < count; n++) {
      if (xlate) xlate.translate(new DataView(recs.buffer), n * from.size, out.dv, out.next(), le);
      else new Uint8Array(out.dv.buffer).set(recs.subarray(n * from.size, (n + 1) * from.size), out.next());
      await out.done();
    }
  }
}

export async function flowImport(argv: string[], io: CliIO): Promise<number> {
  // getopt() answers '?', which flow-import takes as a request for help: status 0
  const parsed = toolOptions(TOOL, argv, 'b:d:f:h?m:V:z:', USAGE, io.err, 0);
  if (typeof parsed === 'number') return parsed;
  const so: StreamOptValues = { byteOrder: FT_HEADER_LITTLE_ENDIAN, zLevel: 0 };
  let format = 0;
  let mask: bigint | undefined;
  let version: { d: number; agg?: number } | undefined;
  for (const [k, v] of parsed.opts) {
    const shared = streamOption(TOOL, k, v, so, io.err);
    if (shared === 'error') return 1;
    if (shared === 'done') continue;
    switch (k) {
      case 'f': format = atoi(v!); break;
      case 'h': case '?': io.err(USAGE); return 0;
      case 'm':
        try {
          mask = parseMask(v!).mask;
        } catch (e) {
          if (!(e instanceof MaskError)) throw e;
          io.err(`${TOOL}: ${e.message}\n${TOOL}: ftxfield_parse(): failed\n`);
          return 1;
        }
        break;
      case 'V':
        version = scanVersion(v!);
        if (!version) { io.err(`${TOOL}: Version scan failed\n`); return 1; }
        break;
      default: io.err(USAGE); return 1;
    }
  }
  if (extraArguments(TOOL, parsed.operands, io.err)) return 1;
  const { byteOrder, zLevel } = so;
  if (format >= 5 || format < 0) { io.err(`${TOOL}: No such format, ${format}\n`); return 1; }
  if (!version) { io.err(`${TOOL}: Must specify export version to store flows\n`); return 1; }
  const layout = version.d === 8 ? layoutFor(8, version.agg ?? 0) : layoutFor(version.d);
  if (!layout) { io.err(`${TOOL}: ftio_set_ver(): failed\n`); return 1; }

  const writer = new StreamWriter(io.out, toolHeader(TOOL, layout), { byteOrder, zLevel });
  writer.writeHeader();

  const fd = io.stdinPath ? fs.openSync(io.stdinPath, 'r') : 0;
  const out = new Batches(writer, layout.size);
  const le = byteOrder !== FT_HEADER_BIG_ENDIAN;
  let status: number;
  try {
    if (format === 1) { io.err(`${TOOL}: Not implemented\n`); status = -1; }
    else if (format === 0) status = await importCflowd(fd, layout, out, le, io);
    else if (format === 2) status = await importCsv(fd, layout, mask, out, le, io);
    else if (format === 3) status = await importNfc(fd, layout, version, out, le, io);
    else {
      const r = await importPdus(fd, layout, out, le, io);
      // flow-import's fterr_errx(): the message, and exit 1 with no count
      if (typeof r !== 'number') { io.err(`${TOOL}: ${r.fatal}\n`); writer.abort(); return 1; }
      status = r;
    }
  } finally {
    if (io.stdinPath) fs.closeSync(fd);
  }
  await out.flush();
  await writer.close();
  io.err(`${TOOL}: Imported ${out.records} records.\n`);
  return status & 0xff;
}
