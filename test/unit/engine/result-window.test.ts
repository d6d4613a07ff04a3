/**
 * The window of tasks in flight: wide for small results, narrow for text and records, and narrower
 * (threads + 2) when a compressed file too big to share a task makes one result of its whole
 * output: print and cat over big zlib files held up to threads x 4 + 1 such outputs (1.46 GB of
 * peak RSS at 4 threads over 20 files of 500k flows).
 */
import { describe, expect, it } from 'vitest';
import { resultWindow } from '../../../src/engine/scan.ts';
import type { OpenedInput } from '../../../src/engine/open.ts';

const input = (size: number, compressed: boolean): OpenedInput =>
  ({ path: 'f', display: 'f', fd: -1, seekable: true, size, dataStart: 88, compressed, inRecSize: 48 } as unknown as OpenedInput);

describe('resultWindow', () => {
  it('is wide for small results, whatever the inputs', () => {
    expect(resultWindow(2, true, [input(50 << 20, true)])).toBe(36);
  });
  it('is threads x 4 + 1 for text over raw files and small compressed ones', () => {
    expect(resultWindow(2, false, [input(50 << 20, false), input(20_000, true)])).toBe(9);
    expect(resultWindow(4, false, [input(50 << 20, false)])).toBe(17);
  });
  it('is threads + 2 (at least 3) for text when a big compressed file is among the inputs', () => {
    expect(resultWindow(2, false, [input(50 << 20, false), input(30 << 20, true)])).toBe(4);
    expect(resultWindow(4, false, [input(30 << 20, true)])).toBe(6);
    expect(resultWindow(1, false, [input(30 << 20, true)])).toBe(3);
  });
});
