/**
 * flow-stat drop-in: reads a flow stream on stdin and prints report 0-32 byte for byte as flow-tools
 * 0.68 does (options "c:d:f:h?npPs:S:t:T:w"). Exit status 0 once the stream header was read, even
 * for a missing field or an invalid sort field; 1 for a bad header, extra arguments or a bad format.
 * Unlike flow-tools, a report's tables cannot take all the memory: past FLOWSIFT_MAX_MEMORY
 * (default 80% of the memory the process may use) the report stops with one line and status 1.
 */
import { formatHeaderBlock } from '../format/header-print.ts';
import { hasFields } from '../format/layouts.ts';
import { symDir } from '../print/symbols-path.ts';
import { collectStat, MemCapError, sizeText } from '../stat/collect.ts';
import type { StatResult } from '../stat/accumulate.ts';
import { defaultMaxMemory, sizeBytes } from '../stat/mem-cap.ts';
import { BASE_FIELDS, FORMATS, NFORMATS } from '../stat/formats.ts';
import type { StatOptions } from '../stat/options.ts';
import { renderLead } from '../stat/render.ts';
import { renderBodyParallel } from '../stat/render-parallel.ts';
import { reportInfo } from '../stat/render-summary.ts';
import { atoi, extraArguments, getopt, GetoptError, type GetoptResult } from './getopt.ts';
import type { CliIO } from './runtime.ts';
import { defaultThreads } from './threads.ts';
import { faultLine, openStdinOrReport } from './tool-errors.ts';

const SPEC = 'c:d:f:h?npPs:S:t:T:w';
const USAGE = 'Usage: flow-stat [-hnpPw] [-d debug_level] [-f format] [-S sort_field]\n       [-s sort_field] [-t tally_lines] [-T title]\n';
const MISSING_FIELD = 'flow-stat: Flow record missing required field for format.\n';

/** getopt that, like the C loop, keeps going after an unknown option (counted as a usage call). */
function parseArgs(argv: string[]): { parsed: GetoptResult; usage: number } {
  let args = [...argv];
  let usage = 0;
  for (;;) {
    try {
      return { parsed: getopt(args, SPEC), usage };
    } catch (e) {
      if (!(e instanceof GetoptError)) throw e;
      usage++;
      if (e.kind === 'missing') return { parsed: { opts: [], operands: [] }, usage };
      // drop the offending letter and parse again
      const i = args.findIndex((a) => a.length > 1 && a[0] === '-' && a !== '--' && a.slice(1).includes(e.letter));
      if (i < 0) return { parsed: { opts: [], operands: [] }, usage };
      const rest = args[i]!.replace(e.letter, '');
      args = rest === '-' ? [...args.slice(0, i), ...args.slice(i + 1)] : [...args.slice(0, i), rest, ...args.slice(i + 1)];
    }
  }
}

function usageText(calls: number): string {
  let s = '';
  for (let i = 0; i < calls; i++) {
    if (i === 0) s += USAGE;
    else s += 'Formats:\n' + FORMATS.map((f) => `  ${String(f.id).padEnd(2)} ${f.name}\n`).join('');
  }
  return s;
}

export async function flowStat(argv: string[], io: CliIO): Promise<number> {
  const { parsed, usage } = parseArgs(argv);
  let calls = usage;
  const o: StatOptions = {
    format: 0, sortOrder: 0, percent: false, names: false, wide: false, tally: 0, cc: '#',
    printHeader: false, argv: ['flow-stat', ...argv], symDir: symDir(),
  };
  for (const [opt, v] of parsed.opts) {
    switch (opt) {
      case 'c': o.cc = v!.length ? v![0]! : '\0'; break;
      case 'd': break;
      case 'f': o.format = atoi(v!); break;
      case 'h': case '?': calls++; break;
      case 'n': o.names = true; break;
      case 'p': o.printHeader = true; break;
      case 'P': o.percent = true; break;
      case 's': o.sortOrder = (-(atoi(v!) + 1)) | 0; break;
      case 'S': o.sortOrder = (atoi(v!) + 1) | 0; break;
      case 't': o.tally = atoi(v!); break;
      case 'T': o.title = v!; break;
      case 'w': o.wide = true; break;
    }
  }
  if (calls) io.err(usageText(calls));
  if (extraArguments('flow-stat', parsed.operands, io.err)) return 1;
  if (calls) return 0;
  if (o.format >= NFORMATS || o.format < 0) {
    io.err(`flow-stat: No such format, ${o.format}\n\n`);
    return 1;
  }
  const capText = io.env.FLOWSIFT_MAX_MEMORY;
  const maxMemory = capText === undefined || capText === '' ? defaultMaxMemory() : sizeBytes(capText);
  if (maxMemory === undefined) {
    io.err(`flow-stat: FLOWSIFT_MAX_MEMORY must be a size such as 512M, 2G or a number of bytes, not "${capText}"\n`);
    return 1;
  }
  const input = openStdinOrReport('flow-stat', io);
  if (!input) return 1;
  const fmt = FORMATS[o.format]!;
  io.out.write(reportInfo(fmt, o));
  if (o.printHeader) io.out.write(formatHeaderBlock(input.header, o.cc));
  io.out.write(renderLead(fmt, o));
  if (fmt.shape === 'none') return 0;
  if (!hasFields(input.layout, [...BASE_FIELDS, ...fmt.needs])) {
    io.err(MISSING_FIELD);
    return 0;
  }
  const threads = defaultThreads(io.env);
  let result: StatResult;
  try {
    result = await collectStat([input], o.format, {
      threads,
      maxMemory,
      textSink: (t) => io.out.write(t),
      observe: (ev) => {
        const faults = ev.kind === 'result' ? ev.result.faults : ev.kind === 'chunk' ? [] : ev.faults;
        if (ev.kind === 'result' && ev.result.warnings) io.err(ev.result.warnings);
        for (const f of faults) io.err(faultLine('flow-stat', f));
      },
    });
  } catch (e) {
    if (!(e instanceof MemCapError)) throw e;
    io.out.flush();
    io.err(`flow-stat: report ${e.format} (${fmt.name}) reached the memory cap of ${sizeText(e.capBytes)} at ${e.keys.toLocaleString('en-US')} distinct keys; set FLOWSIFT_MAX_MEMORY higher (e.g. 16G) or narrow the input with flow-nfilter\n`);
    return 1;
  }
  await renderBodyParallel(result, o, (b) => io.out.write(b), (line) => { io.out.flush(); io.err(line); }, { threads });
  return 0;
}
