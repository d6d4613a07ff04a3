/**
 * The progress bar on stderr (cli-progress): files, records, bytes, rate and ETA, read from the
 * shared counters the workers add to. Shown only when stderr is a terminal, the run is not --quiet,
 * and the run lasts longer than a moment; never on a pipe.
 */
import type { CliIO } from './runtime.ts';

const SHOW_AFTER_MS = 700;
const TICK_MS = 200;

export interface Progress {
  /** the counters workers add to: [records, bytes] as BigInt64 */
  readonly shared: SharedArrayBuffer;
  /** an input finished (file counter) */
  fileDone(): void;
  stop(): void;
}

export function startProgress(io: CliIO, opts: { quiet?: boolean; totalBytes: number; totalFiles: number }): Progress {
  const shared = new SharedArrayBuffer(16);
  const counters = new BigInt64Array(shared);
  let files = 0;
  if (opts.quiet || !io.stderrIsTTY || opts.totalBytes <= 0) {
    return { shared, fileDone: () => { files++; }, stop: () => undefined };
  }
  let bar: { update(v: number, p: object): void; stop(): void; start(total: number, v: number, p: object): void } | null = null;
  const t0 = Date.now();
  const payload = () => {
    const records = Number(Atomics.load(counters, 0));
    const secs = Math.max(0.001, (Date.now() - t0) / 1000);
    return {
      files: `${files}/${opts.totalFiles}`,
      records: records.toLocaleString('en-US'),
      rate: `${(records / secs / 1e6).toFixed(1)}M rec/s`,
      mb: (Number(Atomics.load(counters, 1)) / 1048576).toFixed(0),
    };
  };
  const timer = setInterval(() => {
    void (async () => {
      if (!bar && Date.now() - t0 >= SHOW_AFTER_MS) {
        const { default: cliProgress } = await import('cli-progress');
        if (bar) return;
        bar = new cliProgress.SingleBar({
          format: 'flowsift |{bar}| {percentage}% | {files} files | {records} records | {mb} MiB | {rate} | ETA {eta_formatted}',
          stream: process.stderr,
          // the cursor stays: Ctrl-C usually ends the process by the signal's default action
          // (src/cli/runtime.ts), which could not show it again
          hideCursor: false,
          clearOnComplete: true,
        }, cliProgress.Presets.shades_classic);
        bar.start(opts.totalBytes, 0, payload());
      }
      bar?.update(Math.min(opts.totalBytes, Number(Atomics.load(counters, 1))), payload());
    })();
  }, TICK_MS);
  timer.unref();
  return {
    shared,
    fileDone: () => { files++; },
    stop: () => {
      clearInterval(timer);
      bar?.stop();
    },
  };
}
