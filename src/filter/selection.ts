/**
 * The flow-nfilter part of every flowsift command's record selection: --filter-file, --filter,
 * -v VAR=value and --seed are checked on the main thread (all mistakes reported at once, with
 * positions) and turned into the FilterSpec the workers rebuild the predicate from.
 */
import type { Layout } from '../format/layouts.ts';
import type { FieldName } from '../format/fields.ts';
import type { FilterSpec } from '../ops/filter-spec.ts';
import { missingFields } from './compile.ts';
import { FLOW_TOOLS_WARNINGS } from './errors.ts';
import { definitionOf, formatDiagnostics, loadFilterFile, loadFilterText } from './load.ts';
import { varBinding } from './var-binding.ts';

export interface NfilterOptions {
  filterFile?: string;
  /** definition name. Default: "default", as flow-nfilter */
  filter?: string;
  /** VAR=value bindings */
  var?: string[];
  /** random-sample seed */
  seed?: string | number;
}

/** A mistake in the options or the config: the message to print and the exit status. */
export class SelectionError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

/** Parse VAR=value bindings as ftvar_pset() does (both sides non-empty; the last one wins). */
export function parseVarBindings(list: readonly string[] = []): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const b of list) {
    const kv = varBinding(b);
    if (!kv) throw new SelectionError(2, `-v ${b}: expecting VAR=value`);
    vars[kv[0]] = kv[1];
  }
  return vars;
}

/**
 * The nfilter FilterSpec of the options, or undefined when no filter was asked for. Prints mistakes
 * and flow-tools' own warnings through `warn`; throws SelectionError when the config has errors.
 */
export function nfilterSelection(opts: NfilterOptions, warn: (text: string) => void): FilterSpec | undefined {
  const vars = parseVarBindings(opts.var);
  let seed: number | undefined;
  if (opts.seed !== undefined) {
    const s = String(opts.seed);
    if (!/^\d+$/.test(s)) throw new SelectionError(2, `--seed takes a non-negative integer, not "${s}"`);
    seed = Number(s) >>> 0;
  }
  if (opts.filterFile === undefined) {
    if (opts.filter !== undefined) throw new SelectionError(2, '--filter needs --filter-file (the filter.cfg holding the definition)');
    // silently ignored, they would leave the user believing a sample or a variable applied
    if (seed !== undefined || Object.keys(vars).length) throw new SelectionError(2, `${seed !== undefined ? '--seed' : '-v'} applies to a --filter-file definition, and there is none`);
    return undefined;
  }
  const now = Math.floor(Date.now() / 1000);
  const loaded = loadFilterFile(opts.filterFile, { vars, now });
  const name = opts.filter ?? 'default';
  if (loaded.errors) {
    const list = formatDiagnostics(loaded, (d) => d.severity === 'error').replace(/\n$/, '');
    throw new SelectionError(1, `${opts.filterFile}: ${loaded.errors} error${loaded.errors === 1 ? '' : 's'} in the filter configuration\n${list}`);
  }
  const shown = formatDiagnostics(loaded, (d) => d.severity === 'mistake' || FLOW_TOOLS_WARNINGS.has(d.code));
  if (shown) warn(shown);
  const def = definitionOf(loaded, name);
  if (!def) {
    const names = loaded.validated.config.definitions.map((d) => d.name);
    const known = names.length === 0 ? 'none' : names.length > 12 ? `${names.slice(0, 12).join(', ')}, ... (${names.length})` : names.join(', ');
    throw new SelectionError(1, `no filter-definition "${name}" in ${opts.filterFile} (definitions: ${known})`);
  }
  return {
    kind: 'nfilter', config: loaded.text, configName: opts.filterFile, definition: def.name, vars, now,
    ...(seed === undefined ? {} : { seed }),
  };
}

/** Fields an nfilter spec needs that records of `layout` lack (empty for other specs). */
export function nfilterMissingFields(spec: FilterSpec | undefined, layout: Layout): FieldName[] {
  if (!spec) return [];
  if (spec.kind === 'all') return spec.parts.flatMap((p) => nfilterMissingFields(p, layout));
  if (spec.kind !== 'nfilter') return [];
  const loaded = loadFilterText(spec.config, spec.configName, { vars: spec.vars, now: spec.now });
  const def = definitionOf(loaded, spec.definition);
  return def ? missingFields(def, layout) : [];
}
