/**
 * flow-tag drop-in: reads a flow stream on stdin, sets the source and destination tags of every
 * flow by a tag-definition of a tag.cfg (-t, -T; src/tag/) and writes the flows as v1005 records,
 * as flow-tag does (options "b:C:d:h?kt:T:v:z:"). Input of v5, v6 or v7 is translated to v1005
 * with both tags 0 first; v1005 input keeps its tags for the definition to set or OR. Versions
 * without every v5 field (v1, v8) are refused. The config is loaded and checked before stdin is read.
 */
import { scan } from '../engine/scan.ts';
import { FIELD, FT_HEADER_BIG_ENDIAN, FT_HEADER_LITTLE_ENDIAN, HEADER_FLAG } from '../format/constants.ts';
import { derivedHeader } from '../format/derived-header.ts';
import { layoutFor } from '../format/layouts.ts';
import { recordXlate } from '../format/xlate.ts';
import { StreamWriter } from '../io/stream-writer.ts';
import { loadTagFile, TagLoadError, type LoadedTags } from '../tag/load.ts';
import { Tagger } from '../tag/tagger.ts';
import { extraArguments, toolOptions } from './getopt.ts';
import { streamOption, varArg, type StreamOptValues } from './stream-options.ts';
import type { CliIO } from './runtime.ts';
import { defaultThreads } from './threads.ts';
import { faultLine, openStdinOrReport } from './tool-errors.ts';

const USAGE = 'Usage: flow-tag [-hk] [-b big|little] [-C comment] [-d debug_level]\n'
  + '       [-t tag_fname ] [-T tag_active ] [-z z_level]\n';

/** FT_PATH_CFG_TAG of a default flow-tools install; FLOWSIFT_TAG_CFG overrides it. */
const DEFAULT_CFG = '/usr/local/var/cfg/tag.cfg';

const V1005 = layoutFor(1005)!;
/** FT_XFIELD_TAGGING_MASK: the fields of v5 */
const TAGGING_FIELDS = layoutFor(5)!.xfields;

export async function flowTag(argv: string[], io: CliIO): Promise<number> {
  const tool = 'flow-tag';
  const parsed = toolOptions(tool, argv, 'b:C:d:h?kt:T:v:z:', USAGE, io.err);
  if (typeof parsed === 'number') return parsed;
  const so: StreamOptValues = { byteOrder: FT_HEADER_LITTLE_ENDIAN, zLevel: 0 };
  let keepTime = false;
  let file = io.env.FLOWSIFT_TAG_CFG ?? DEFAULT_CFG;
  // flow-tag's default definition is "": without -T no definition is found
  let defName = '';
  const vars: Record<string, string> = {};
  for (const [k, v] of parsed.opts) {
    const shared = streamOption(tool, k, v, so, io.err);
    if (shared === 'error') return 1;
    if (shared === 'done') continue;
    switch (k) {
      case 'k': keepTime = true; break;
      case 't': file = v!; break;
      case 'T': defName = v!; break;
      case 'v': if (!varArg(tool, v!, vars, io.err)) return 1; break;
      default: io.err(USAGE); return 1;
    }
  }
  if (extraArguments(tool, parsed.operands, io.err)) return 1;
  const { byteOrder, zLevel, comment } = so;

  let tags: LoadedTags;
  try {
    tags = loadTagFile(tool, file, defName, { vars });
  } catch (e) {
    if (!(e instanceof TagLoadError)) throw e;
    io.err(e.message);
    return 1;
  }
  if (tags.warnings) io.err(tags.warnings);
  const tagger = new Tagger(tags.config, tags.definition);

  const input = openStdinOrReport(tool, io);
  if (!input) return 1;
  const layout = input.layout;
  const is1005 = layout.id === V1005.id;
  const xlate = is1005 ? undefined : recordXlate(layout, V1005);
  if ((layout.xfields & TAGGING_FIELDS) !== TAGGING_FIELDS || (!is1005 && !xlate)) {
    io.err(`${tool}: Flow record missing required field for tagging. (the input is v${layout.id}; flow-tag reads v5, v6, v7 and v1005)\n`);
    return 1;
  }

  // the header flow-tag writes: v1005, zero capture times and count, streaming (+preloaded with -k)
  const ih = input.header;
  const h = derivedHeader({ ...ih, dVersion: 1005 }, comment);
  // -k asks for the input's capture times, but flow-tag then overwrites them with zeros: only the flag stays
  if (keepTime && (ih.fields & FIELD.CAP_START) && (ih.fields & FIELD.CAP_END) && ih.capStart && ih.capEnd) h.flags |= HEADER_FLAG.PRELOADED;
  const writer = new StreamWriter(io.out, h, { byteOrder, zLevel });
  writer.writeHeader();

  const le = byteOrder !== FT_HEADER_BIG_ENDIAN;
  const inSize = layout.size, outSize = V1005.size;
  // v1005 records come in the output byte order and are tagged where they are; others are
  // read little-endian and translated into a new buffer in the output order
  const readOrder = xlate ? FT_HEADER_LITTLE_ENDIAN : byteOrder;
  for await (const ev of scan([input], { op: { kind: 'records', byteOrder: readOrder }, threads: defaultThreads(io.env), rangeBytes: 4 << 20 })) {
    if (ev.kind === 'chunk') continue; // not streamed (no `stream`)
    if (ev.kind !== 'result') { for (const f of ev.faults) io.err(faultLine(tool, f)); continue; }
    const p = ev.result.payload;
    if (p.kind === 'bytes' && p.data.length >= inSize) {
      const n = Math.floor(p.data.length / inSize);
      const src = new DataView(p.data.buffer, p.data.byteOffset, n * inSize);
      const out = xlate ? new Uint8Array(n * outSize) : p.data.subarray(0, n * inSize);
      const dv = xlate ? new DataView(out.buffer) : src;
      for (let i = 0; i < n; i++) {
        if (xlate) xlate.translate(src, i * inSize, dv, i * outSize, le);
        tagger.tagRecord(dv, i * outSize, le);
      }
      await writer.writeRecords(out, outSize);
    }
    for (const f of ev.result.faults) io.err(faultLine(tool, f));
  }
  await writer.close();
  return 0;
}
