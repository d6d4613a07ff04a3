/** LocalRate: the main thread's rate decides whether workers join a scan that began without them. */
import { describe, expect, it } from 'vitest';
import { LocalRate } from '../../../src/engine/local-rate.ts';

const MiB = 1 << 20;

describe('LocalRate', () => {
  it('says nothing before 50 ms of main-thread work have been measured', () => {
    const r = new LocalRate();
    expect(r.worthWorkers(640 * MiB)).toBe(false);
    r.add(16 * MiB, 49); // 40 s of work left at this rate, but one cold task is not a rate
    expect(r.worthWorkers(640 * MiB)).toBe(false);
    r.add(MiB, 1);
    expect(r.worthWorkers(640 * MiB)).toBe(true);
  });

  it('starts workers only when the rest would take the main thread 800 ms or more', () => {
    const r = new LocalRate();
    r.add(64 * MiB, 50); // 1.28 MiB/ms
    // 640 MiB: 576 MiB left, 450 ms
    expect(r.worthWorkers(640 * MiB)).toBe(false);
    // 1,088 MiB: 1,024 MiB left, exactly 800 ms
    expect(r.worthWorkers(1088 * MiB)).toBe(true);
    expect(r.worthWorkers(1087 * MiB)).toBe(false);
  });

  it('never starts workers for inputs below 64 MiB, however slow', () => {
    const r = new LocalRate();
    r.add(MiB, 1000);
    expect(r.worthWorkers(64 * MiB - 1)).toBe(false);
    expect(r.worthWorkers(64 * MiB)).toBe(true);
  });

  it('counts nothing left once the main thread has done it all', () => {
    const r = new LocalRate();
    r.add(700 * MiB, 5000);
    expect(r.worthWorkers(640 * MiB)).toBe(false);
  });
});
