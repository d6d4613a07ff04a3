/**
 * flow-print drop-in: reads a flow stream on stdin and prints it in one of formats 0-24, byte for
 * byte as flow-tools 0.68 does (options "ph?d:f:c:lnw"; exit 255 when the format needs a field the
 * version lacks).
 */
import { scan } from '../engine/scan.ts';
import { formatHeaderBlock } from '../format/header-print.ts';
import { createPrinter, defaultFormat, NFORMATS } from '../print/printer.ts';
import { symDir } from '../print/symbols-path.ts';
import { atoi, extraArguments, toolOptions } from './getopt.ts';
import { defaultThreads } from './threads.ts';
import type { CliIO } from './runtime.ts';
import { faultLine, openStdinOrReport } from './tool-errors.ts';

const USAGE = 'Usage: flow-print [-hlnpw] [-d debug_level] [-f format]\n';

export async function flowPrint(argv: string[], io: CliIO): Promise<number> {
  let format: number | undefined;
  let printHeader = false;
  let wide = false;
  let names = false;
  let cc = '#';
  // flow-print treats getopt's '?' like -h
  const parsed = toolOptions('flow-print', argv, 'ph?d:f:c:lnw', USAGE, io.err, 0);
  if (typeof parsed === 'number') return parsed;
  for (const [o, v] of parsed.opts) {
    switch (o) {
      case 'c': cc = v!.slice(0, 1) || '\0'; break;
      case 'd': break;
      case 'f': format = atoi(v!); break;
      case 'h': case '?': io.err(USAGE); return 0;
      case 'l': break;
      case 'n': names = true; break;
      case 'p': printHeader = true; break;
      case 'w': wide = true; break;
    }
  }
  if (extraArguments('flow-print', parsed.operands, io.err)) return 1;
  if (format !== undefined && (format >= NFORMATS || format < 0)) {
    io.err(`flow-print: No such format, ${format}\n\n`);
    return 1;
  }
  const input = openStdinOrReport('flow-print', io);
  if (!input) return 1;
  const fmt = format ?? defaultFormat(input.layout);
  if (printHeader) io.out.write(formatHeaderBlock(input.header, cc));
  const spec = { kind: 'print' as const, format: fmt, wide, names, symDir: symDir() };
  // symbol files that fail to load are reported once, here; the workers then print numbers
  const printer = createPrinter(spec, input.layout, () => undefined, (msg) => io.err(`flow-print: ${msg}\n`));
  if ('error' in printer) {
    io.err(`flow-print: ${printer.error}\n`);
    return 255;
  }
  io.out.write(printer.heading);
  for await (const ev of scan([input], { op: spec, threads: defaultThreads(io.env), rangeBytes: 1 << 20 })) {
    if (ev.kind === 'chunk') continue; // not streamed (no `stream`)
    if (ev.kind === 'result') {
      if (ev.result.warnings) { io.out.flush(); io.err(ev.result.warnings); }
      if (ev.result.payload.kind === 'bytes') io.out.write(ev.result.payload.data);
      for (const f of ev.result.faults) io.err(faultLine('flow-print', f));
    } else {
      for (const f of ev.faults) io.err(faultLine('flow-print', f));
    }
  }
  return 0;
}
