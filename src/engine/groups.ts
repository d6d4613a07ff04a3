/**
 * Small files share a task. An archive of small files (flow-capture with short rotations: a year
 * of 5-minute files is 105,120) paid per file for a task: its dispatch, its op and, for a hash
 * report, a partial of its own to merge (10,000 files of 500 flows: 0.6-0.7 ms a file, several
 * times the flows' own cost). Consecutive small files of one record layout and byte order are read
 * by one task, up to about a range's worth of records; the files stay in input order within it.
 */
import type { OpenedInput } from './open.ts';
import type { GroupPart } from './types.ts';

/** a data section at most this big (compressed: its bytes, before inflating) may join a group */
export const GROUP_FILE_MAX = 1 << 20;
/** compressed bytes are counted as this many raw bytes when a group is filled (as the scan's sizes do) */
const INFLATE_FACTOR = 6;

/** Can this input join a group? A seekable file with a small data section. */
export function groupable(input: OpenedInput): boolean {
  return input.seekable && input.path !== '' && input.size - input.dataStart <= GROUP_FILE_MAX;
}

/** The raw bytes an input's data section is counted as when a group is filled. */
export function rawBytes(input: OpenedInput): number {
  return Math.max(0, input.size - input.dataStart) * (input.compressed ? INFLATE_FACTOR : 1);
}

/** Can `b` share a task with `a`? Same record layout, byte order and stream version. */
export function sameRecords(a: OpenedInput, b: OpenedInput): boolean {
  return a.layout.id === b.layout.id && a.header.littleEndian === b.header.littleEndian && a.header.sVersion === b.header.sVersion;
}

/** A whole file as a part of a group. */
export function groupPart(input: OpenedInput): GroupPart {
  const data: GroupPart['data'] = input.compressed
    ? { kind: 'zfile', path: input.path, start: input.dataStart }
    : { kind: 'file', path: input.path, start: input.dataStart, end: input.size, eof: true };
  return { file: input.display, data };
}
