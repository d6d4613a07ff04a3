/**
 * Compiling a resolved definition into a record predicate for one layout (new Function over the
 * generated source), and the worker-side entry that rebuilds it from a FilterSpec: the config text
 * is parsed and validated again there, and only the validated tree reaches the code generator.
 */
import type { FieldName } from '../format/fields.ts';
import { hasField, type Layout } from '../format/layouts.ts';
import type { RecordView } from '../format/record.ts';
import type { FilterSpec } from '../ops/filter-spec.ts';
import { generate, type CodegenOptions, type Generated } from './codegen.ts';
import { definitionOf, loadFilterText } from './load.ts';
import type { ResolvedDefinition } from './validate.ts';

export type Predicate = (v: RecordView) => boolean;

/** Fields the definition needs that this record version lacks ("Filter references a field not in flow."). */
export function missingFields(def: ResolvedDefinition, layout: Layout): FieldName[] {
  return def.fields.filter((f) => !hasField(layout, f));
}

/** Generated source and tables of a definition for a layout (also what check-filter --dump shows). */
export function generateDefinition(def: ResolvedDefinition, layout: Layout, opts: CodegenOptions = {}): Generated {
  return generate(def, layout, opts);
}

/** The predicate of a definition for a layout; throws when the layout lacks a field it reads. */
export function compileDefinition(def: ResolvedDefinition, layout: Layout, opts: CodegenOptions = {}): Predicate {
  const missing = missingFields(def, layout);
  if (missing.length) {
    throw new Error(`filter definition "${def.name}" reads ${missing.join(', ')}, which v${layout.id} flows do not have`);
  }
  const g = generate(def, layout, opts);
  const names = g.env.map((_, i) => `E${i}`);
  // the source comes from the validated tree (numbers and table references only), never from config text
  const factory = new Function(...names, g.source) as (...env: unknown[]) => Predicate;
  return factory(...g.env);
}

/** Worker side: rebuild the predicate of an nfilter FilterSpec for a layout. */
export function compileNfilterSpec(spec: Extract<FilterSpec, { kind: 'nfilter' }>, layout: Layout): Predicate {
  const loaded = loadFilterText(spec.config, spec.configName, { vars: spec.vars, now: spec.now });
  if (loaded.errors) throw new Error(`${spec.configName}: filter configuration has ${loaded.errors} error(s)`);
  const def = definitionOf(loaded, spec.definition);
  if (!def) throw new Error(`${spec.configName}: no filter-definition "${spec.definition}"`);
  return compileDefinition(def, layout, { seed: spec.seed });
}
