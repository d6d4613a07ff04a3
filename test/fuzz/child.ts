/**
 * Fuzz child process: mutates corpus files and runs every drop-in tool and the reader on each
 * mutation, in-process, reporting anything that is not a clean, ordinary ending (an internal error,
 * a stack trace, an exception escaping a tool). Heartbeat messages let the parent detect hangs.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Rng } from '../../src/gen/prng.ts';
import { loadTool } from '../../src/cli/entry.ts';
import { Output } from '../../src/io/output.ts';
import type { CliIO } from '../../src/cli/runtime.ts';
import { handleError } from '../../src/cli/runtime.ts';
import { expandInputs } from '../../src/engine/inputs.ts';
import { scan } from '../../src/engine/scan.ts';
import { mutate } from './mutate.ts';

export interface FuzzJob {
  seed: number;
  from: number;
  to: number;
  corpus: string[];
  filterCfg: string;
  tmpDir: string;
}

export interface Finding { index: number; mutation: string; tool: string; problem: string; saved: string }

const job = JSON.parse(process.env.FLOWSIFT_FUZZ_JOB ?? '{}') as FuzzJob;
const send = (m: unknown): void => { process.send?.(m); };

type Run = { tool: string; argv: (file: string) => string[]; stdin: boolean };
const RUNS: Run[] = [
  { tool: 'flow-header', argv: () => [], stdin: true },
  { tool: 'flow-print', argv: () => ['-f', '5'], stdin: true },
  { tool: 'flow-print', argv: () => [], stdin: true },
  { tool: 'flow-stat', argv: () => ['-f', '0'], stdin: true },
  { tool: 'flow-stat', argv: () => ['-f', '10', '-S', '2'], stdin: true },
  { tool: 'flow-nfilter', argv: () => ['-f', job.filterCfg, '-F', 'prot-tcp'], stdin: true },
  { tool: 'flowdumper', argv: (f) => ['-s', f], stdin: false },
  { tool: 'flow-cat', argv: (f) => [f], stdin: false },
  { tool: 'flow-merge', argv: (f) => [f], stdin: false },
  // its files go to the job's directory (the same names each time)
  { tool: 'flow-split', argv: () => ['-N', '50', '-o', path.join(job.tmpDir, `split-${job.from}`)], stdin: true },
  // tags by the shipped example config
  { tool: 'flow-tag', argv: () => ['-t', path.resolve(import.meta.dirname, '../../data/demo-tag.cfg'), '-T', 'demo'], stdin: true },
  // any bytes as cflowd records, CSV lines or NFCollector lines
  { tool: 'flow-import', argv: () => ['-f', '0', '-V', '5'], stdin: true },
  { tool: 'flow-import', argv: () => ['-f', '2', '-V', '8.5'], stdin: true },
  { tool: 'flow-import', argv: () => ['-f', '3', '-V', '5'], stdin: true },
];

async function runTool(run: Run, file: string): Promise<string | null> {
  const main = await loadTool(run.tool);
  if (!main) return null;
  let stderr = '';
  const io: CliIO = {
    out: Output.memory(),
    err: (t) => { if (stderr.length < 20000) stderr += t; },
    env: { ...process.env, FLOWSIFT_THREADS: '1', TZ: 'UTC' },
    stderrIsTTY: false,
    stdinPath: run.stdin ? file : undefined,
    cleanup: new Set(),
  };
  let status: number;
  try {
    status = await main(run.argv(file), io);
    io.out.flush();
  } catch (e) {
    status = handleError(run.tool, e, io);
    if (status === 70) return `exception: ${(e as Error)?.stack ?? String(e)}`;
  }
  if (status === 70 || /internal error/.test(stderr)) return `internal error: ${stderr.slice(0, 2000)}`;
  if (/\n\s+at .+:\d+:\d+\)?\n/.test(stderr)) return `stack trace on stderr: ${stderr.slice(0, 2000)}`;
  if (!Number.isInteger(status) || status < 0 || status > 255) return `odd exit status ${status}`;
  return null;
}

async function runReader(file: string): Promise<string | null> {
  try {
    const { inputs } = await expandInputs([file]);
    for await (const _ of scan(inputs.filter((i) => !i.layoutError), { op: { kind: 'count' }, threads: 1 })) { /* drain */ }
    return null;
  } catch (e) {
    return `reader threw: ${(e as Error)?.stack ?? String(e)}`;
  }
}

const corpus = job.corpus.map((p) => fs.readFileSync(p));
const input = path.join(job.tmpDir, `input-${job.from}.ft`);
for (let i = job.from; i < job.to; i++) {
  const rng = new Rng(job.seed * 1_000_003 + i);
  const a = corpus[rng.int(0, corpus.length - 1)]!;
  const b = corpus[rng.int(0, corpus.length - 1)]!;
  const m = mutate(rng, a, b);
  fs.writeFileSync(input, m.data);
  send({ beat: i });
  const problems: Array<[string, string]> = [];
  const r = await runReader(input);
  if (r) problems.push(['reader', r]);
  for (const run of RUNS) {
    send({ beat: i, tool: run.tool });
    const p = await runTool(run, input);
    if (p) problems.push([`${run.tool} ${run.argv('FILE').join(' ')}`, p]);
  }
  for (const [tool, problem] of problems) {
    const saved = path.join(job.tmpDir, `finding-${i}.ft`);
    fs.writeFileSync(saved, m.data);
    send({ index: i, mutation: m.name, tool, problem, saved } satisfies Finding);
  }
}
send({ beat: job.to, done: true });
process.disconnect?.();
