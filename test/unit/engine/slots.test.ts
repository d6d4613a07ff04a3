/** Slots: pool slots first, then the main thread's, then a wait until one is given back. */
import { describe, expect, it } from 'vitest';
import { Slots } from '../../../src/engine/slots.ts';

describe('Slots', () => {
  it('hands out pool slots first, then local ones, then waits for a slot given back', async () => {
    let poolSlots = 2;
    const slots = new Slots(() => poolSlots, () => 1);
    expect(await slots.take()).toBe('pool');
    expect(await slots.take()).toBe('pool');
    expect(await slots.take()).toBe('local');
    let got: string | null = null;
    const waiter = slots.take().then((p) => { got = p; });
    await new Promise((r) => setImmediate(r));
    expect(got).toBeNull();
    slots.give('local');
    await waiter;
    expect(got).toBe('local');
    // a pool that grows is seen by the next taker
    poolSlots = 3;
    const more = slots.take();
    expect(await more).toBe('pool');
  });

  it('with no pool slots everything runs locally, one taker per local slot', async () => {
    const slots = new Slots(() => 0, () => 1);
    expect(await slots.take()).toBe('local');
    const order: number[] = [];
    const a = slots.take().then(() => order.push(1));
    const b = slots.take().then(() => order.push(2));
    slots.give('local');
    await a;
    slots.give('local');
    await b;
    expect(order).toEqual([1, 2]);
  });
});
