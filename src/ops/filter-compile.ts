/**
 * Turns a FilterSpec into a record predicate inside a worker, cached per (spec, layout): the
 * "compile once per worker" cache. The filter languages plug in here.
 */
import type { Layout } from '../format/layouts.ts';
import type { RecordView } from '../format/record.ts';
import type { FilterSpec } from './filter-spec.ts';
import { compileNfilterSpec } from '../filter/compile.ts';
import { compilePredicate } from '../expr/compile.ts';

export type Predicate = (v: RecordView) => boolean;

export function compileFilter(spec: FilterSpec, layout: Layout, cache: Map<string, Predicate>): Predicate {
  const key = `${layout.id}\u0000${JSON.stringify(spec)}`;
  let p = cache.get(key);
  if (!p) {
    p = build(spec, layout, cache);
    cache.set(key, p);
  }
  return p;
}

function build(spec: FilterSpec, layout: Layout, cache: Map<string, Predicate>): Predicate {
  switch (spec.kind) {
    case 'all': {
      const parts = spec.parts.map((s) => compileFilter(s, layout, cache));
      return (v) => parts.every((p) => p(v));
    }
    case 'nfilter':
      return compileNfilterSpec(spec, layout);
    case 'expr':
      return compilePredicate(spec.source, layout);
  }
}
