/**
 * A task's output in pieces while it runs (see src/ops/chunks.ts): the thread running the task posts
 * each piece on a MessagePort of the task's own; the coordinator queues the pieces and acknowledges
 * each once it has been handed on (written, when the task is the oldest). A thread waits for
 * acknowledgements when its task's allowance of pieces (STREAM_AHEAD unless the scan gives another)
 * is out, so a task holds at most that many pieces beside the one it is writing, however big its
 * file. One mechanism for pool workers and the main thread alike (a port works within a thread too).
 */
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import type { BytesPayload } from '../ops/types.ts';

/** pieces a task may have sent and not had acknowledged before it waits, unless the scan says otherwise */
export const STREAM_AHEAD = 2;
/**
 * Pieces the tasks of a streamed scan may hold together, waiting for their turn (see streamed.ts):
 * 32 of 4 MiB. A task whose turn has not come runs on until its share is out; with two pieces each,
 * the tasks behind the one being written stopped after an eighth of a 500k-flow file, and the
 * threads took turns (print over the bench's 20 zlib files as slow at 2 threads as at 1).
 */
export const STREAM_BUDGET = 32;
/** bytes of output per piece, unless the scan says otherwise */
export const STREAM_CHUNK = 4 << 20;

/** The running task's side: post a piece; a promise when the task must wait before going on. */
export interface PieceSender {
  send(piece: BytesPayload): Promise<void> | undefined;
  /** a piece's buffer the coordinator has written and given back (see TaskStream's `recycle`), if any */
  spare(): Uint8Array | undefined;
  /** pieces posted */
  readonly sent: number;
  close(): void;
}

/** The sender of a task's port (the thread that runs the task). */
export function pieceSender(port: MessagePort, ahead = STREAM_AHEAD): PieceSender {
  let unacked = 0, sent = 0, closed = false;
  let wake: (() => void) | null = null;
  // buffers of written pieces given back with their acknowledgements (at most the allowance),
  // kept with the task, not in the thread's spares (spares.ts): those keep up to 64 MB a thread
  // past the task, and pieces given back after it ended stayed there (cat over the bench's zlib
  // files at 2 threads, paired: peak RSS 1.35 times)
  const spares: Uint8Array[] = [];
  const go = (): void => { if (wake) { const w = wake; wake = null; w(); } };
  port.on('message', (m: unknown) => {
    unacked--;
    if (m instanceof Uint8Array && m.length > 0 && spares.length < ahead) spares.push(m);
    if (unacked < ahead) go();
  });
  // the coordinator stopped listening (it stopped early, or gave the attempt up): run on, unheard
  port.on('close', () => { closed = true; go(); });
  // the port must not keep a worker's event loop alive between tasks: only a wait refs it
  port.unref();
  return {
    send(piece) {
      if (closed) return undefined;
      port.postMessage(piece, [piece.data.buffer as ArrayBuffer]);
      sent++;
      if (++unacked < ahead) return undefined;
      port.ref();
      return new Promise<void>((r) => { wake = () => { port.unref(); r(); }; });
    },
    spare: () => spares.pop(),
    get sent() { return sent; },
    close() { port.close(); },
  };
}

/**
 * The coordinator's side of one task: its pieces, in order. A rerun after its worker died (see
 * scan.ts) skips the `records` whose pieces came, and sends the rest in pieces on a port of its own
 * once the task's turn to be written has come.
 */
export class TaskStream {
  /**
   * @param recycle the consumer is done with a piece's bytes when it asks for the next (it wrote or
   *   copied them): each piece's buffer goes back to the task's thread with its acknowledgement, for
   *   the task's next piece, instead of fresh memory there and garbage here
   */
  constructor(private readonly recycle = false) {}

  /** records whose bytes came in pieces (a rerun skips them) */
  records = 0;
  private readonly queue: BytesPayload[] = [];
  /** pieces of the current attempt that came */
  private got = 0;
  private wake: (() => void) | null = null;
  private port: MessagePort | null = null;
  /** the consumer has begun reading the pieces (the task's turn has come) */
  private reading = false;
  /** nobody reads the pieces any more: a task waiting for its turn gives up */
  closed = false;
  private onTurn: Array<() => void> = [];

  /** The port the task's attempt sends its pieces on (a new one for each attempt). */
  open(): MessagePort {
    const { port1, port2 } = new MessageChannel();
    port1.on('message', (piece: BytesPayload) => {
      // a piece of an attempt given up (its worker died) that was still on its way: dropped
      if (this.port !== port1) return;
      this.records += piece.records;
      this.got++;
      this.queue.push(piece);
      this.wake?.();
    });
    this.port = port1;
    this.got = 0;
    return port2;
  }

  /**
   * Settles when the consumer begins reading the pieces (the task is the oldest being written), or
   * when nobody will (`closed`).
   */
  turn(): Promise<void> {
    if (this.reading || this.closed) return Promise.resolve();
    return new Promise<void>((r) => { this.onTurn.push(r); });
  }

  /**
   * The pieces, in order, each acknowledged as the consumer asks for the next; ends when `done`
   * has settled and the `expect(result)` pieces the result counts have come (a piece and the
   * result travel on different ports, so the result may come first). A failed task ends with the
   * pieces that came before its failure was known: as before pieces, a failed task's whole output
   * was lost, and its fault says so.
   */
  async *pieces<R>(done: Promise<R>, expect: (r: R) => number): AsyncGenerator<BytesPayload> {
    let settled = false, want = Infinity;
    this.reading = true;
    for (const r of this.onTurn.splice(0)) r();
    void done.then((r) => { settled = true; want = expect(r); this.wake?.(); }, () => { settled = true; want = 0; this.wake?.(); });
    try {
      for (;;) {
        const piece = this.queue.shift();
        if (piece) {
          yield piece;
          this.acknowledge(piece);
          continue;
        }
        if (settled && this.got >= want) return;
        await new Promise<void>((r) => { this.wake = r; });
        this.wake = null;
      }
    } finally {
      this.close();
    }
  }

  /** Tell the task's thread a piece is written, giving its buffer back when recycling. */
  private acknowledge(piece: BytesPayload): void {
    const port = this.port;
    if (!port) return;
    const buf = piece.data.buffer;
    if (this.recycle && buf instanceof ArrayBuffer && buf.byteLength > 0) {
      const whole = new Uint8Array(buf);
      port.postMessage(whole, [buf]);
    } else {
      port.postMessage(0);
    }
  }

  /** The current attempt is given up: pieces of it still on their way are dropped. */
  endAttempt(): void {
    this.port?.close();
    this.port = null;
  }

  /** Nobody reads the pieces any more (read to the end, or the consumer stopped). */
  close(): void {
    this.endAttempt();
    this.closed = true;
    for (const r of this.onTurn.splice(0)) r();
  }
}
