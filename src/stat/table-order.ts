/**
 * Which rows a report prints, in which order, for a sort_order: the hash dumpers (chash_*_dump)
 * and the array dumper (tbl_out1), each with its own valid sort fields. undefined means flow-stat's
 * "can't sort on field N." (the table is then not printed at all).
 */
import type { StatResult } from './accumulate.ts';
import { keyColumns, type Dumper } from './formats.ts';
import { printOrder } from './hash-order.ts';
import { reverseInPlace, stableSortAsc } from './order.ts';

const TWO32 = 4294967296;

/** Is |sortOrder| a field this dumper can sort on (0 = no sort is always fine)? */
export function canSort(dumper: Dumper, sortOrder: number): boolean {
  return Math.abs(sortOrder) < sortFields(dumper);
}

/** Sort orders a table's dumper accepts: |sortOrder| (the field plus one) below this. */
export function sortFields(dumper: Dumper): number {
  return dumper === 'tbl' ? 6 : keyColumns(dumper) + 5;
}

/** Entry references of a hash report in print order, or undefined ("can't sort"). */
export function hashRows(r: StatResult, dumper: Dumper, sortOrder: number): Uint32Array | undefined {
  if (!canSort(dumper, sortOrder)) return undefined;
  return printOrder(r.table!, dumper, sortOrder);
}

/** Slot indices of an array report in print order (zero rows included), or undefined. */
export function arrayRows(r: StatResult, sortOrder: number): Uint32Array | undefined {
  if (!canSort('tbl', sortOrder)) return undefined;
  const { vals, hi } = r.array!;
  const size = vals.length / 4;
  let idx: Uint32Array = new Uint32Array(size);
  for (let i = 0; i < size; i++) idx[i] = i;
  const s = Math.abs(sortOrder);
  if (s >= 2) {
    const c = s - 2;
    const lo = new Uint32Array(size);
    let h32: Uint32Array | null = null;
    for (let i = 0; i < size; i++) {
      const x = vals[i * 4 + c]!;
      const h = hi ? hi[i * 4 + c]! : 0;
      if (x < TWO32 && h === 0) { lo[i] = x; continue; }
      const q = Math.floor(x / TWO32);
      lo[i] = x - q * TWO32;
      (h32 ??= new Uint32Array(size))[i] = h + q;
    }
    idx = stableSortAsc(idx, lo, h32);
  }
  return sortOrder >= 0 ? reverseInPlace(idx) : idx;
}
