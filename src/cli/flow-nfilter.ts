/**
 * flow-nfilter drop-in: reads a flow stream on stdin, keeps the flows a filter.cfg definition
 * permits and writes them as a flow-tools stream (options "b:C:d:f:F:h?kv:z:", plus --seed N for a
 * reproducible random-sample). The config is parsed and checked before stdin is read; every
 * mistake is reported with its position, and none of the output is written when one is fatal.
 */
import { scan } from '../engine/scan.ts';
import { FIELD, FT_HEADER_LITTLE_ENDIAN, HEADER_FLAG } from '../format/constants.ts';
import { derivedHeader } from '../format/derived-header.ts';
import { missingFields } from '../filter/compile.ts';
import { FLOW_TOOLS_WARNINGS } from '../filter/errors.ts';
import { definitionOf, formatDiagnostics, loadFilterFile } from '../filter/load.ts';
import { StreamWriter } from '../io/stream-writer.ts';
import { extraArguments, toolOptions } from './getopt.ts';
import { streamOption, varArg, type StreamOptValues } from './stream-options.ts';
import type { CliIO } from './runtime.ts';
import { defaultThreads } from './threads.ts';
import { faultLine, openStdinOrReport } from './tool-errors.ts';

const USAGE = 'Usage: flow-nfilter [hk] [-b big|little] [-C comment]\n'
  + '       [-d debug_level] [-f filter_fname] [-F filter_definition]\n'
  + '       [-z z_level]\n';

/** FT_PATH_CFG_FILTER of a default flow-tools install; FLOWSIFT_FILTER_CFG overrides it. */
const DEFAULT_CFG = '/usr/local/var/cfg/filter.cfg';

/** Take "--seed N" / "--seed=N" out of the arguments (flow-tools has no long options to clash with). */
export function takeSeed(argv: string[]): { argv: string[]; seed?: number; error?: string } {
  const out: string[] = [];
  let seed: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') { out.push(...argv.slice(i)); break; }
    let v: string | undefined;
    if (a === '--seed') v = argv[++i];
    else if (a.startsWith('--seed=')) v = a.slice(7);
    else { out.push(a); continue; }
    if (v === undefined || !/^\d+$/.test(v)) return { argv, error: `--seed takes a non-negative integer, not "${v ?? ''}"` };
    seed = Number(v) >>> 0;
  }
  return { argv: out, seed };
}

export async function flowNfilter(argvIn: string[], io: CliIO): Promise<number> {
  const tool = 'flow-nfilter';
  const seeded = takeSeed(argvIn);
  if (seeded.error) { io.err(`${tool}: ${seeded.error}\n`); return 1; }
  const parsed = toolOptions(tool, seeded.argv, 'b:C:d:f:F:h?kv:z:', USAGE, io.err);
  if (typeof parsed === 'number') return parsed;
  const so: StreamOptValues = { byteOrder: FT_HEADER_LITTLE_ENDIAN, zLevel: 0 };
  let file = io.env.FLOWSIFT_FILTER_CFG ?? DEFAULT_CFG;
  let defName = 'default';
  let keepTime = false;
  const vars: Record<string, string> = {};
  for (const [k, v] of parsed.opts) {
    const shared = streamOption(tool, k, v, so, io.err);
    if (shared === 'error') return 1;
    if (shared === 'done') continue;
    switch (k) {
      case 'f': file = v!; break;
      case 'F': defName = v!; break;
      case 'k': keepTime = true; break;
      case 'v': if (!varArg(tool, v!, vars, io.err)) return 1; break;
      default: io.err(USAGE); return 1;
    }
  }
  if (extraArguments(tool, parsed.operands, io.err)) return 1;
  const { byteOrder, zLevel, comment } = so;

  const now = Math.floor(Date.now() / 1000);
  const loaded = loadFilterFile(file, { vars, now });
  const shown = formatDiagnostics(loaded, (d) => d.severity !== 'warning' || FLOW_TOOLS_WARNINGS.has(d.code));
  if (shown) io.err(shown);
  if (loaded.errors) {
    io.err(`${tool}: ${file}: ${loaded.errors} error${loaded.errors === 1 ? '' : 's'}, nothing filtered (ftfil_load(): failed)\n`);
    return 1;
  }
  const def = definitionOf(loaded, defName);
  if (!def) {
    io.err(`${tool}: no filter-definition "${defName}" in ${file} (ftfil_def_find(): failed)\n`);
    return 1;
  }

  const input = openStdinOrReport(tool, io);
  if (!input) return 1;
  const missing = missingFields(def, input.layout);
  if (missing.length) {
    io.err(`${tool}: Filter references a field not in flow. (definition "${def.name}" reads ${missing.join(', ')}; the input is v${input.layout.id})\n`);
    return 1;
  }

  // the header flow-nfilter writes: version, zero capture times and count, streaming (+preloaded with -k)
  const ih = input.header;
  const h = derivedHeader(ih, comment);
  // -k asks for the input's capture times, but flow-nfilter then overwrites them with zeros: only the flag stays
  if (keepTime && (ih.fields & FIELD.CAP_START) && (ih.fields & FIELD.CAP_END) && ih.capStart && ih.capEnd) h.flags |= HEADER_FLAG.PRELOADED;

  const writer = new StreamWriter(io.out, h, { byteOrder, zLevel });
  writer.writeHeader();
  const filter = {
    kind: 'nfilter' as const, config: loaded.text, configName: file, definition: def.name, vars, now,
    ...(seeded.seed === undefined ? {} : { seed: seeded.seed }),
  };
  for await (const ev of scan([input], { op: { kind: 'records', byteOrder }, filter, threads: defaultThreads(io.env), rangeBytes: 4 << 20 })) {
    if (ev.kind === 'chunk') continue; // not streamed (no `stream`)
    if (ev.kind === 'result') {
      if (ev.result.payload.kind === 'bytes') await writer.writeRecords(ev.result.payload.data, input.layout.size);
      for (const f of ev.result.faults) io.err(faultLine(tool, f));
    } else {
      for (const f of ev.faults) io.err(faultLine(tool, f));
    }
  }
  await writer.close();
  return 0;
}
