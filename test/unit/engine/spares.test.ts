import { describe, expect, it } from 'vitest';
import { Spares } from '../../../src/engine/spares.ts';

describe('spare result buffers', () => {
  it('hands back the smallest kept buffer that fits without wasting half, else a new one', () => {
    const s = new Spares();
    const a = new ArrayBuffer(1 << 20), b = new ArrayBuffer(3 << 20);
    s.give(a); s.give(b);
    expect(s.take(900 << 10)).toBe(a);
    expect(s.take(1 << 20)).not.toBe(b); // b would waste more than half: a new buffer
    expect(s.take(2 << 20)).toBe(b);
    expect(s.take(2 << 20)).not.toBe(b); // taken once only
  });

  it('keeps neither small, shared, moved-away buffers nor more than its bound', () => {
    const s = new Spares(3 << 20);
    s.give(new ArrayBuffer(1024));
    s.give(new SharedArrayBuffer(1 << 20));
    const moved = new ArrayBuffer(1 << 20);
    structuredClone(moved, { transfer: [moved] });
    s.give(moved);
    expect(s.takeSome(10)).toEqual([]);
    const kept = [new ArrayBuffer(2 << 20), new ArrayBuffer(2 << 20)];
    for (const k of kept) s.give(k);
    expect(s.takeSome(10)).toEqual([kept[0]]);
  });

  it('gives the largest first to move to a worker, and forgets what it gave', () => {
    const s = new Spares();
    const small = new ArrayBuffer(128 << 10), big = new ArrayBuffer(4 << 20);
    s.give(small); s.give(big);
    expect(s.takeSome(1)).toEqual([big]);
    expect(s.takeSome(5)).toEqual([small]);
    expect(s.takeSome(5)).toEqual([]);
  });
});
