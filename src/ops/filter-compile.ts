/**
 * Turns a FilterSpec into a record predicate inside a worker, cached per (spec, layout): the
 * "compile once per worker" cache. The filter languages plug in here, loaded only when used.
 */
import type { Layout } from '../format/layouts.ts';
import type { RecordView } from '../format/record.ts';
import type { FilterSpec } from './filter-spec.ts';

export type Predicate = (v: RecordView) => boolean;

export async function compileFilter(spec: FilterSpec, layout: Layout, cache: Map<string, Predicate>): Promise<Predicate> {
  const key = `${layout.id}\u0000${JSON.stringify(spec)}`;
  let p = cache.get(key);
  if (!p) {
    p = await build(spec, layout, cache);
    cache.set(key, p);
  }
  return p;
}

async function build(spec: FilterSpec, layout: Layout, cache: Map<string, Predicate>): Promise<Predicate> {
  switch (spec.kind) {
    case 'all': {
      const parts = await Promise.all(spec.parts.map((s) => compileFilter(s, layout, cache)));
      return (v) => parts.every((p) => p(v));
    }
    case 'nfilter':
      return (await import('../filter/compile.ts')).compileNfilterSpec(spec, layout);
    case 'expr':
      return (await import('../expr/compile.ts')).compilePredicate(spec.source, layout);
    case 'window':
      return (await import('./time-window.ts')).windowPredicate(spec, layout);
  }
}
