/** LocalRate: the main thread's rate decides whether workers join a scan that began without them. */
import { describe, expect, it } from 'vitest';
import { LocalRate } from '../../../src/engine/local-rate.ts';

const MiB = 1 << 20;

describe('LocalRate', () => {
  it('leaves the first (cold) task out of the rate and waits for 40 ms of the others', () => {
    const r = new LocalRate();
    expect(r.worthWorkers(640 * MiB)).toBe(false);
    r.add(16 * MiB, 500); // cold: 20 s of work left at this rate, but not counted
    expect(r.worthWorkers(640 * MiB)).toBe(false);
    r.add(16 * MiB, 39);
    expect(r.worthWorkers(640 * MiB)).toBe(false);
    r.add(MiB, 1); // 17 MiB in 40 ms: 608 MiB left take 1,431 ms
    expect(r.worthWorkers(640 * MiB)).toBe(true);
  });

  it('starts workers only when the rest would take the main thread 800 ms or more', () => {
    const r = new LocalRate();
    r.add(64 * MiB, 1000);
    r.add(64 * MiB, 50); // warm: 1.28 MiB/ms
    // 640 MiB: 512 MiB left, 400 ms
    expect(r.worthWorkers(640 * MiB)).toBe(false);
    // 1,152 MiB: 1,024 MiB left, exactly 800 ms
    expect(r.worthWorkers(1152 * MiB)).toBe(true);
    expect(r.worthWorkers(1151 * MiB)).toBe(false);
  });

  it('never starts workers for inputs below 64 MiB, however slow', () => {
    const r = new LocalRate();
    r.add(MiB, 1000);
    r.add(MiB, 1000);
    expect(r.worthWorkers(64 * MiB - 1)).toBe(false);
    expect(r.worthWorkers(64 * MiB)).toBe(true);
  });

  it('counts nothing left once the main thread has done it all', () => {
    const r = new LocalRate();
    r.add(100 * MiB, 100);
    r.add(600 * MiB, 5000);
    expect(r.worthWorkers(640 * MiB)).toBe(false);
  });
});
