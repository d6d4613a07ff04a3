/**
 * What every command shares at the process edge: the stdout/stderr pair a command writes to, and
 * runTool(), which maps the command's result to an exit status, ends quietly on a closed pipe and
 * turns an unexpected exception into one line instead of a stack trace. The only process.exit.
 */
import fs from 'node:fs';
import { BrokenPipe, Output } from '../io/output.ts';
import { nap } from '../io/fd-read.ts';

export interface CliIO {
  out: Output;
  /** write text to stderr, unbuffered */
  err(text: string): void;
  env: NodeJS.ProcessEnv;
  /** read this file as standard input instead of descriptor 0 (tests run tools in-process) */
  stdinPath?: string;
  /** is stderr a terminal (progress bars) */
  stderrIsTTY: boolean;
  /** run on SIGINT/SIGTERM before exiting (remove temporary output files) */
  cleanup: Set<() => void>;
}

/**
 * The cleanup set of a process: SIGINT and SIGTERM are caught (to run it, say "interrupted" and exit
 * 130/143) only while it holds something. Otherwise they keep their default action, which ends the
 * process at once: a handler in JavaScript runs only between tasks of the event loop, so a process
 * blocked writing to a full pipe (a paused `| less`) or busy in a long synchronous step would not
 * stop until that ended. Killed by the signal, the shell reports the same status.
 */
class SignalCleanup extends Set<() => void> {
  private readonly handlers: Array<[NodeJS.Signals, () => void]>;

  constructor(name: string, err: (text: string) => void) {
    super();
    this.handlers = ([['SIGINT', 130], ['SIGTERM', 143]] as const).map(([sig, status]) => [sig, () => {
      for (const fn of this) { try { fn(); } catch { /* best effort */ } }
      err(`${name}: interrupted\n`);
      process.exit(status);
    }]);
  }

  override add(fn: () => void): this {
    const was = this.size;
    super.add(fn);
    // handlers is unset while Set's constructor runs
    if (was === 0 && this.size === 1 && this.handlers) for (const [sig, h] of this.handlers) process.on(sig, h);
    return this;
  }

  override delete(fn: () => void): boolean {
    const gone = super.delete(fn);
    if (gone && this.size === 0) for (const [sig, h] of this.handlers) process.off(sig, h);
    return gone;
  }
}

export function processIO(name = 'flowsift'): CliIO {
  return {
    out: new Output(1),
    err: (text) => writeErr(text),
    env: process.env,
    // asked only by commands that may draw a progress bar: creating process.stderr loads node:net
    // and node:stream, ~5 ms of a drop-in call's start-up
    get stderrIsTTY() { return Boolean(process.stderr.isTTY); },
    cleanup: new SignalCleanup(name, writeErr),
  };
}

function writeErr(text: string): void {
  const b = Buffer.from(text, 'latin1');
  let off = 0;
  while (off < b.length) {
    try {
      off += fs.writeSync(2, b, off, b.length - off);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EAGAIN') { nap(1); continue; }
      return; // stderr gone: nothing more to say
    }
  }
}

/** Thrown by commands to end with a status after printing their message. */
export class ExitError extends Error {
  constructor(readonly status: number, message = '') {
    super(message);
  }
}

export type Main = (argv: string[], io: CliIO) => Promise<number>;

export async function runTool(name: string, main: Main, argv = process.argv.slice(2)): Promise<void> {
  const io = processIO(name);
  let status: number;
  try {
    status = await main(argv, io);
    io.out.flush();
  } catch (e) {
    status = handleError(name, e, io);
  }
  // whatever output a command did not commit (an error path) is removed, never left half-written
  for (const fn of io.cleanup) { try { fn(); } catch { /* best effort */ } }
  // exit now: workers or open handles must not keep a finished command alive
  process.exit(status);
}

export function handleError(name: string, e: unknown, io: CliIO): number {
  if (e instanceof BrokenPipe) return 0;
  if (e instanceof ExitError) {
    try { io.out.flush(); } catch { /* reader gone */ }
    if (e.message) io.err(`${name}: ${e.message}\n`);
    return e.status;
  }
  const err = e as NodeJS.ErrnoException;
  if (err?.code === 'EPIPE') return 0;
  if (err instanceof Error && err.name === 'ScanFailure') {
    io.err(`${name}: ${err.message}\n`);
    return 1;
  }
  if (typeof err?.code === 'string' && typeof err.syscall === 'string') {
    // the system refused (a full disk, an output that exists, a device error): not a bug of ours
    io.err(`${name}: ${err.message}\n`);
    return 1;
  }
  io.err(`${name}: internal error: ${err?.message ?? String(e)}\n`);
  if (process.env.FLOWSIFT_DEBUG && err?.stack) io.err(`${err.stack}\n`);
  return 70;
}
