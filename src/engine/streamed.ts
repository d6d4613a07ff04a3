/**
 * A scan whose whole compressed files' output comes in pieces while they are read (ScanOptions.
 * stream): the tasks in order, each with a stream of its own (task-stream.ts), their pieces as
 * `chunk` events before their results.
 */
import type { OpenedInput } from './open.ts';
import { runOrdered } from './ordered.ts';
import type { ScanEvent } from './scan.ts';
import type { Item } from './task-plan.ts';
import { STREAM_AHEAD, STREAM_BUDGET, TaskStream } from './task-stream.ts';

/** Pieces each task in flight may hold of the budget when `window` items are (never below STREAM_AHEAD). */
export function pieceShare(window: number): number {
  return Math.max(STREAM_AHEAD, Math.floor(STREAM_BUDGET / Math.max(1, window)));
}

/** ops whose results are bytes to write in order, which a streamed scan sends in pieces */
export const STREAMED_OPS = new Set(['print', 'records', 'export', 'dump']);

interface Handle { input: OpenedInput; stream?: TaskStream; done: Promise<[ScanEvent, OpenedInput[] | undefined]> }

/**
 * scan's events when whole compressed files' output comes in pieces: each task starts with a
 * stream of its own (a zlib file's task) and is handed on at once; its pieces are yielded as
 * `chunk` events, in order, while it runs, then its result. A task whose turn has not come holds
 * at most its share of STREAM_BUDGET pieces (then its thread waits), so memory is bounded by the
 * budget, not by the files. `window` counts items, and a whole file's end follows its task: the
 * scan gives two a thread, a file a thread (at 2 threads four files in flight ran no faster than
 * two and held 1.7 times the memory). runOrdered hands a task on as soon as it starts, so it is
 * given one less than the window: the task being written is the one more.
 */
export async function* streamed(
  items: AsyncIterable<Item> | Iterable<Item>, outcome: (it: Item, stream?: TaskStream) => Promise<ScanEvent>, window: number, chunk?: number,
  recycle = false,
): AsyncGenerator<ScanEvent> {
  // the streams not yet read to their end: closed if the consumer stops early, so that no port
  // keeps the process alive and no thread waits for an acknowledgement that will not come
  const open = new Set<TaskStream>();
  // the tasks in flight share the budget of pieces held (pieces of a custom size: as many)
  const ahead = pieceShare(window);
  const start = async (it: Item): Promise<Handle> => {
    const t = it.task;
    const stream = t && t.data.kind === 'zfile' ? new TaskStream(recycle) : undefined;
    if (stream) open.add(stream);
    if (t && stream && chunk) t.streamChunk = chunk;
    if (t && stream) t.streamAhead = ahead;
    const done = outcome(it, stream).then((ev): [ScanEvent, OpenedInput[] | undefined] => [ev, it.ends]);
    // settled in order below; the file is let go when its task is over
    done.then(() => it.release?.(), () => it.release?.());
    return { input: it.input, stream, done };
  };
  const pieces = (r: [ScanEvent, OpenedInput[] | undefined]): number => (r[0].kind === 'result' ? r[0].result.pieces ?? 0 : 0);
  try {
    for await (const h of runOrdered<Item, Handle>(items, start, Math.max(1, window - 1))) {
      if (h.stream) {
        for await (const payload of h.stream.pieces(h.done, pieces)) yield { kind: 'chunk', input: h.input, payload };
        open.delete(h.stream);
      }
      const [ev, ends] = await h.done;
      yield ev;
      for (const input of ends ?? []) yield { kind: 'end', input, faults: [] };
    }
  } finally {
    for (const s of open) s.close();
  }
}
