/**
 * flow-export drop-in: the flow stream on stdin exported as cflowd records (-f 0), a pcap file
 * (-f 1), ASCII CSV (-f 2) or NetFlow export packets (-f 4); -f 3/5 (MySQL/PostgreSQL) report
 * "Format not supported", as a flow-tools build without database support does. Records are read
 * (and inflated) by the scan engine and formatted here in input order: cflowd and PDU output
 * depend on the records before them. Ends with "Exported N records" on stderr, as flow-tools does.
 */
import { scan } from '../engine/scan.ts';
import { hasFields, type Layout } from '../format/layouts.ts';
import { RecordView } from '../format/record.ts';
import { BinOut } from '../export/bin-out.ts';
import { cflowdEncoder, cflowdMaskFromFields } from '../export/cflowd.ts';
import { CsvEncoder } from '../export/csv.ts';
import { PCAP_FIELDS, pcapFileHeader, pcapPacket, pcapThisZone } from '../export/pcap.ts';
import { PduEncoder } from '../export/wire.ts';
import { ALL_FIELDS, MaskError, parseMask } from '../export/xfields.ts';
import { atoi, extraArguments, toolOptions } from './getopt.ts';
import { defaultThreads } from './threads.ts';
import type { CliIO } from './runtime.ts';
import { faultLine, openStdinOrReport } from './tool-errors.ts';

const TOOL = 'flow-export';
const USAGE = 'Usage: flow-export [-h] [-d debug_level] [-f format] [-m mask_fields] -u [database URI]\n';
const NFORMATS = 6;
/** flow-tools' dbaseURI buffer */
const URI_MAX = 256;
const FLUSH_AT = 1 << 20;

interface Exporter {
  /** bytes before the first record */
  start(out: BinOut): void;
  record(v: RecordView, out: BinOut): void;
  finish(out: BinOut): void;
}

export async function flowExport(argv: string[], io: CliIO): Promise<number> {
  // getopt's '?' is the -h case in flow-export
  const parsed = toolOptions(TOOL, argv, 'h?d:f:m:u:', USAGE, io.err, 0);
  if (typeof parsed === 'number') return parsed;
  let format = 0;
  let ftMask = ALL_FIELDS;
  let cflowdMask = 0xffffffff;
  let byName = false;
  for (const [o, v] of parsed.opts) {
    switch (o) {
      case 'd': break;
      case 'f': format = atoi(v!); break;
      case 'h': case '?': io.err(USAGE); return 0;
      case 'm':
        try {
          const m = parseMask(v!);
          ftMask = m.mask;
          byName = m.byName;
          if (!byName) cflowdMask = Number(m.mask & 0xffffffffn);
        } catch (e) {
          if (!(e instanceof MaskError)) throw e;
          io.err(`${TOOL}: ${e.message}\n${TOOL}: ftxfield_parse(): failed\n`);
          return 1;
        }
        break;
      case 'u':
        if (v!.length >= URI_MAX) { io.err(`${TOOL}: dbaseURI string too long.\n`); return 1; }
        break;
    }
  }
  if (extraArguments(TOOL, parsed.operands, io.err)) return 1;
  if (format >= NFORMATS || format < 0) {
    io.err(`${TOOL}: No such format, ${format}\n`);
    return 1;
  }
  if (format === 0 && byName) {
    try {
      cflowdMask = cflowdMaskFromFields(ftMask);
    } catch (e) {
      if (!(e instanceof MaskError)) throw e;
      io.err(`${TOOL}: ${e.message}\n${TOOL}: ftxfield_tocflow(): failed\n`);
      return 1;
    }
  }
  const input = openStdinOrReport(TOOL, io);
  if (!input) return 1;
  const exporter = makeExporter(format, input.layout, ftMask, cflowdMask, io);
  if (typeof exporter === 'number') {
    // a fatal error (status 1) ends flow-tools before its count line
    if (exporter !== 1) io.err(`${TOOL}: Exported 0 records\n`);
    return exporter;
  }
  const out = new BinOut();
  const view = new RecordView(input.layout, new DataView(new ArrayBuffer(0)), true);
  const size = input.layout.size;
  let records = 0;
  exporter.start(out);
  for await (const ev of scan([input], { op: { kind: 'records', byteOrder: 1 }, threads: defaultThreads(io.env) })) {
    if (ev.kind === 'chunk') continue; // not streamed (no `stream`)
    if (ev.kind !== 'result') {
      for (const f of ev.faults) io.err(faultLine(TOOL, f));
      continue;
    }
    const payload = ev.result.payload;
    if (payload.kind === 'bytes') {
      const data = payload.data;
      view.dv = new DataView(data.buffer, data.byteOffset, data.byteLength);
      for (let p = 0; p + size <= data.length; p += size) {
        exporter.record(view.at(p), out);
        records++;
        if (out.length >= FLUSH_AT) io.out.write(out.take());
      }
    }
    if (ev.result.faults.length) {
      io.out.write(out.take());
      io.out.flush();
      for (const f of ev.result.faults) io.err(faultLine(TOOL, f));
    }
  }
  exporter.finish(out);
  io.out.write(out.take());
  io.out.flush();
  io.err(`${TOOL}: Exported ${records} records\n`);
  return 0;
}

/** The exporter of format `format`, or the exit status when the format cannot run (message printed). */
function makeExporter(format: number, layout: Layout, ftMask: bigint, cflowdMask: number, io: CliIO): Exporter | number {
  const none = (): void => undefined;
  switch (format) {
    case 0: {
      const enc = cflowdEncoder(layout, cflowdMask);
      if (!enc) { io.err(`${TOOL}: Unsupported export version\n`); return 255; }
      return { start: none, record: (v, out) => enc.record(v, out), finish: none };
    }
    case 1: {
      if (!hasFields(layout, PCAP_FIELDS)) { io.err(`${TOOL}: Flow record missing required field for format.\n`); return 255; }
      const zone = pcapThisZone();
      return { start: (out) => pcapFileHeader(out, zone), record: (v, out) => { pcapPacket(v, out); }, finish: none };
    }
    case 2: {
      const csv = new CsvEncoder(layout, ftMask);
      return { start: (out) => out.buf.str(csv.heading()), record: (v, out) => csv.record(v, out), finish: none };
    }
    case 4: {
      const enc = PduEncoder.for(layout);
      // flow-tools cannot encode these records; its zero-length write then fails
      if (!enc) { io.err(`${TOOL}: fwrite(): no NetFlow PDU format for export version ${layout.id}\n`); return 1; }
      return { start: none, record: (v, out) => enc.record(v, out), finish: (out) => enc.flush(out) };
    }
    default:
      // 3 MySQL, 5 PostgreSQL: this build has no database client
      io.err(`${TOOL}: Format not supported\n`);
      return 0;
  }
}
