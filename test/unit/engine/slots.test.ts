/** Slots: pool slots first (local ones first while the workers boot), then the main thread's, then a wait until one is given back. */
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

  it('while localFirst() holds, local slots come first, then the pool\'s; after, the pool\'s first again', async () => {
    let booting = true;
    const slots = new Slots(() => 2, () => 1, () => booting);
    expect(await slots.take()).toBe('local');
    expect(await slots.take()).toBe('pool');
    slots.give('local');
    booting = false;
    expect(await slots.take()).toBe('pool');
    expect(await slots.take()).toBe('local');
    // no local slots at all (the main thread does not scan): the pool's, whatever localFirst says
    const poolOnly = new Slots(() => 1, () => 0, () => true);
    expect(await poolOnly.take()).toBe('pool');
  });

  it('says how many of its slots are taken, the pool\'s and the main thread\'s', async () => {
    const slots = new Slots(() => 2, () => 1);
    await slots.take(); await slots.take(); await slots.take();
    expect([slots.poolHeld, slots.localHeld]).toEqual([2, 1]);
    slots.give('pool');
    expect([slots.poolHeld, slots.localHeld]).toEqual([1, 1]);
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
