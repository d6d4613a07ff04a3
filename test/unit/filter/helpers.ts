/** Test helpers: hand-built records of any version, and configs compiled straight from text. */
import type { FieldName } from '../../../src/format/fields.ts';
import { FIELD_DEFS } from '../../../src/format/fields.ts';
import { LAYOUTS } from '../../../src/format/layouts.ts';
import { RecordView } from '../../../src/format/record.ts';
import { compileDefinition, type Predicate } from '../../../src/filter/compile.ts';
import type { ErrorCode } from '../../../src/filter/errors.ts';
import { definitionOf, loadFilterText, type LoadOptions } from '../../../src/filter/load.ts';

/** A record of layout `id` ("5", "7", "1005", "8.6"...) with the given fields, little endian. */
export function rec(fields: Partial<Record<FieldName, number>>, id = '5', le = true): RecordView {
  const layout = LAYOUTS.get(id)!;
  const dv = new DataView(new ArrayBuffer(layout.size + 8));
  for (const [f, v] of Object.entries(fields) as Array<[FieldName, number]>) {
    const o = layout.offsets[f];
    if (o < 0) throw new Error(`v${id} has no ${f}`);
    const size = FIELD_DEFS[f].size;
    if (size === 4) dv.setUint32(o + 4, v >>> 0, le);
    else if (size === 2) dv.setUint16(o + 4, v, le);
    else dv.setUint8(o + 4, v);
  }
  return new RecordView(layout, dv, le).at(4);
}

/** Compile definition `name` of config text for a layout; throws with the diagnostics on errors. */
export function compile(cfg: string, name: string, id = '5', opts: LoadOptions & { seed?: number } = {}): Predicate {
  const loaded = loadFilterText(cfg, 'test.cfg', { now: 1120668900, ...opts });
  if (loaded.errors) throw new Error(loaded.diagnostics.map((d) => `${d.code}: ${d.message}`).join('\n'));
  const def = definitionOf(loaded, name);
  if (!def) throw new Error(`no definition ${name}`);
  return compileDefinition(def, LAYOUTS.get(id)!, { seed: opts.seed });
}

/** A one-primitive, one-match config. */
export function single(type: string, lines: string[], match: string): string {
  return `filter-primitive P\n  type ${type}\n${lines.map((l) => `  ${l}\n`).join('')}filter-definition D\n  match ${match} P\n`;
}

/** Diagnostics of a config as [code, line, column] triples (plus severity). */
export function codes(cfg: string, opts: LoadOptions = {}): Array<{ code: ErrorCode; severity: string; line: number; col: number; end: number }> {
  const loaded = loadFilterText(cfg, 'test.cfg', { now: 1120668900, ...opts });
  const starts = [0];
  for (let i = 0; i < cfg.length; i++) if (cfg[i] === '\n') starts.push(i + 1);
  return loaded.diagnostics.map((d) => {
    let line = 0;
    while (line + 1 < starts.length && starts[line + 1]! <= d.start) line++;
    return { code: d.code, severity: d.severity, line: line + 1, col: d.start - starts[line]! + 1, end: d.end - starts[line]! + 1 };
  });
}
