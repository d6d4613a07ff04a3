/**
 * Runs the fuzz worker over a range of inputs with a watchdog: when the heartbeat stops for
 * `timeoutMs`, the input being processed is reported as a hang and the run resumes after it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Finding, FuzzJob } from './child.ts';

export interface FuzzOptions {
  seed: number;
  count: number;
  /** first input index (resume a long run) */
  from?: number;
  corpus: string[];
  filterCfg: string;
  timeoutMs?: number;
  /** parallel fuzz workers */
  workers?: number;
  onProgress?: (done: number) => void;
}

export async function fuzz(o: FuzzOptions): Promise<Finding[]> {
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'flowsift-fuzz-'));
  const findings: Finding[] = [];
  const from = o.from ?? 0;
  const n = Math.max(1, o.workers ?? 1);
  const per = Math.ceil(o.count / n);
  let done = 0;
  await Promise.all(Array.from({ length: n }, (_, w) => runRange(from + w * per, Math.min(from + o.count, from + (w + 1) * per))));
  return findings;

  async function runRange(start: number, end: number): Promise<void> {
    let next = start;
    while (next < end) {
      next = await runWorker(next, end);
    }
  }

  /** run inputs [start, end) in one child process; returns where to resume */
  function runWorker(start: number, end: number): Promise<number> {
    return new Promise((resolve) => {
      const job: FuzzJob = { seed: o.seed, from: start, to: end, corpus: o.corpus, filterCfg: o.filterCfg, tmpDir };
      const child = fork(fileURLToPath(new URL('./child.ts', import.meta.url)), [], {
        execArgv: ['--import', 'tsx'],
        env: { ...process.env, FLOWSIFT_FUZZ_JOB: JSON.stringify(job), FLOWSIFT_THREADS: '1' },
        stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      });
      let childErr = '';
      child.stderr?.on('data', (d: Buffer) => { if (childErr.length < 4000) childErr += d.toString(); });
      let cur = start;
      let reported = start;
      let lastBeat = Date.now();
      let finished = false;
      const finish = (resumeAt: number): void => {
        if (finished) return;
        finished = true;
        clearInterval(timer);
        if (cur !== reported) { done += cur - reported; o.onProgress?.(done); }
        resolve(resumeAt);
      };
      const limit = o.timeoutMs ?? 15000;
      let beatCpu = cpuMs(child.pid);
      const timer = setInterval(() => {
        const silent = Date.now() - lastBeat;
        if (silent < limit) return;
        // A hang is a child that burnt `limit` of CPU without progress, or made none for 10x as
        // long at all: on a loaded machine a starved child is slow, not hung.
        const cpu = cpuMs(child.pid);
        if (cpu !== undefined && beatCpu !== undefined && cpu - beatCpu < limit && silent < 10 * limit) return;
        findings.push({ index: cur, mutation: '?', tool: 'any', problem: `no progress in ${silent} ms (hang)`, saved: path.join(tmpDir, `input-${start}.ft`) });
        child.kill('SIGKILL');
        finish(cur + 1);
      }, 250);
      child.on('message', (m: Finding | { beat: number; done?: boolean }) => {
        lastBeat = Date.now();
        beatCpu = cpuMs(child.pid);
        if ('beat' in m) {
          if (m.beat !== cur) { cur = m.beat; if (cur - reported >= 10) { done += cur - reported; reported = cur; o.onProgress?.(done); } }
          if (m.done) finish(end);
          return;
        }
        findings.push(m);
      });
      child.on('exit', (code, signal) => {
        if (finished) return;
        if (code !== 0 || signal) {
          findings.push({ index: cur, mutation: '?', tool: 'process', problem: `fuzz child ended with ${signal ?? code}: ${childErr.slice(0, 2000)}`, saved: path.join(tmpDir, `input-${start}.ft`) });
          finish(cur + 1);
        } else finish(end);
      });
    });
  }
}

/** CPU milliseconds a process has used (Linux /proc; undefined elsewhere or when it is gone). */
function cpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'latin1');
    // fields after the command name (which may hold spaces): utime and stime are the 12th and 13th
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) * 10; // clock ticks of 10 ms (USER_HZ 100)
  } catch {
    return undefined;
  }
}

/** The corpus: small valid files of every version, raw and compressed, both byte orders. */
export function defaultCorpus(root: string): string[] {
  const dir = path.join(root, 'test/fixtures/golden/data');
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const n of fs.readdirSync(d)) {
      const p = path.join(d, n);
      const st = fs.statSync(p);
      if (st.isDirectory()) { if (n !== 'broken') walk(p); } else if (st.size <= 80_000) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}
