/**
 * Runs tasks with at most `window` in flight and yields their results in task order (seq), so
 * output keeps input order while work runs in parallel, and memory stays bounded by the window.
 */

export async function* runOrdered<T extends { seq: number }, R>(
  tasks: AsyncIterable<T> | Iterable<T>,
  run: (t: T) => Promise<R>,
  window: number,
  onTaskDone?: (t: T) => void,
): AsyncGenerator<R> {
  const pending = new Map<number, Promise<R>>();
  const order: number[] = [];
  const it = (Symbol.asyncIterator in tasks ? (tasks as AsyncIterable<T>)[Symbol.asyncIterator]() : toAsync(tasks as Iterable<T>));
  let exhausted = false;
  const fill = async (): Promise<void> => {
    while (!exhausted && pending.size < window) {
      const next = await it.next();
      if (next.done) { exhausted = true; break; }
      const t = next.value;
      const p = run(t).finally(() => onTaskDone?.(t));
      p.catch(() => undefined); // surfaced when awaited in order
      pending.set(t.seq, p);
      order.push(t.seq);
    }
  };
  try {
    await fill();
    while (order.length) {
      const seq = order.shift()!;
      const r = await pending.get(seq)!;
      pending.delete(seq);
      await fill();
      yield r;
    }
  } finally {
    // a consumer that stops early (EPIPE, error): let the in-flight tasks settle quietly
    for (const p of pending.values()) p.catch(() => undefined);
    if (!exhausted) await it.return?.();
  }
}

async function* toAsync<T>(items: Iterable<T>): AsyncGenerator<T> {
  yield* items;
}
