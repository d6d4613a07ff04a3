/**
 * Resolving definitions against primitives (resolve_primitives()): every match line of every
 * definition needs a known match type and a primitive of a compatible type, as in flow-tools,
 * where one bad definition makes the whole file fail to load, whichever definition is asked for.
 */
import type { FieldName } from '../format/fields.ts';
import type { Definition, FilterConfig, Primitive } from './ast.ts';
import type { Diagnostic } from './errors.ts';
import { matchType, type MatchType } from './match-types.ts';

export interface ResolvedItem {
  match: MatchType;
  primitive: Primitive;
}

export interface ResolvedDefinition {
  name: string;
  groups: ResolvedItem[][];
  invert: boolean;
  /** fields the records must have (ftfil_def_test_xfields) */
  fields: FieldName[];
  source: Definition;
}

export interface ValidatedConfig {
  config: FilterConfig;
  definitions: Map<string, ResolvedDefinition>;
}

/** Resolve every definition; problems are appended to `diagnostics`. */
export function validateConfig(config: FilterConfig, diagnostics: Diagnostic[]): ValidatedConfig {
  const prims = new Map<string, Primitive>();
  for (const p of config.primitives) prims.set(p.name.toLowerCase(), p);
  const definitions = new Map<string, ResolvedDefinition>();
  for (const def of config.definitions) {
    const fields = new Set<FieldName>();
    const groups: ResolvedItem[][] = [];
    let ok = true;
    for (const g of def.groups) {
      const items: ResolvedItem[] = [];
      for (const m of g) {
        const prim = prims.get(m.primitive.toLowerCase());
        const mt = matchType(m.match);
        if (!prim) {
          diagnostics.push({
            code: 'UNKNOWN_PRIMITIVE', severity: 'error', ...m.primitiveRange,
            message: `unable to resolve primitive "${m.primitive}" in filter-definition "${def.name}"`,
          });
        }
        if (!mt) {
          diagnostics.push({
            code: 'UNKNOWN_MATCH', severity: 'error', ...m.matchRange,
            message: `unknown match criteria "${m.match}" in filter-definition "${def.name}"`,
          });
        }
        if (!prim || !mt) { ok = false; continue; }
        if (!prim.type || !mt.accepts.includes(prim.type)) {
          diagnostics.push({
            code: 'TYPE_MISMATCH', severity: 'error', start: m.matchRange.start, end: m.primitiveRange.end,
            message: `primitive "${prim.name}" (${prim.type ? `type ${prim.type}` : 'no type'}) is incompatible with match ${mt.name}`
              + ` in filter-definition "${def.name}" (${mt.name} takes ${mt.accepts.filter((a) => a !== 'counter' || mt.kind !== 'start-time').join(' or ')})`,
          });
          ok = false;
          continue;
        }
        if (mt.kind === 'start-time' && prim.type === 'counter') {
          diagnostics.push({
            code: 'COUNTER_START_TIME', severity: 'mistake', start: m.matchRange.start, end: m.primitiveRange.end,
            message: `start-time with a counter primitive: flow-tools accepts it but evaluates it with an undefined function;`
              + ' flowsift compares the start time in unix seconds (use a time-date primitive)',
          });
        }
        if (prim.type === 'rate' && !prim.entries.some((e) => e.kind === 'rate')) {
          diagnostics.push({
            code: 'RATE_UNSET', severity: 'error', ...m.primitiveRange,
            message: `rate primitive "${prim.name}" has no "permit N" line (flow-tools divides by zero)`,
          });
          ok = false;
          continue;
        }
        for (const f of mt.fields) fields.add(f);
        items.push({ match: mt, primitive: prim });
      }
      groups.push(items);
    }
    if (ok) definitions.set(def.name.toLowerCase(), { name: def.name, groups, invert: def.invert, fields: [...fields], source: def });
  }
  return { config, definitions };
}

/** ftfil_def_find(): a definition by name, case-insensitively. */
export function findDefinition(v: ValidatedConfig, name: string): ResolvedDefinition | undefined {
  return v.definitions.get(name.toLowerCase());
}
