#!/usr/bin/env node
// The core benchmark (issue: format, engine, flow-cat/print): over the 10M-flow archive, in one run,
//  - the physical baseline: a minimal C pass (read + sum, zlib inflate for the zlib copy) and `cat`;
//  - the raw scan (`flowsift scan`) and `flowsift print -f 5 > /dev/null`, threads 1, 2 and 4:
//    records/s, GB/s, wall and CPU seconds, peak RSS, and the serial fraction (main-thread time
//    outside scanning, from --stats; and Karp-Flatt from the 1- and 2-thread times);
//  - the engine's steady-state scan throughput with a warm pool (no process start-up);
//  - start-up: `flow-print -f 3 < small fixture` against `node -e 0`.
// Usage: node bench/core.bench.mjs [--reps 3]   (run `npm run build` first; machine quiet)
import fs from 'node:fs';
import path from 'node:path';
import { archiveFiles, bin, cBaseline, ensureArchive, fmt, machine, root, table, time, timeOnce } from './lib.mjs';

const reps = Number(process.argv[process.argv.indexOf('--reps') + 1] || 3) || 3;
const { raw, zlib } = ensureArchive();
const RECORDS = 10_000_000;
const rawBytes = archiveFiles(raw).reduce((s, f) => s + fs.statSync(f).size, 0);
const zBytes = archiveFiles(zlib).reduce((s, f) => s + fs.statSync(f).size, 0);
console.log(`# core benchmark, ${new Date().toISOString()}\n# ${machine()}\n# archive: 10M v5 flows, raw ${(rawBytes / 1e6).toFixed(0)} MB, zlib ${(zBytes / 1e6).toFixed(0)} MB; median of ${reps}\n`);

// warm the page cache
timeOnce(`cat ${raw}/* ${zlib}/*`);

const rows = [];
const add = (name, threads, r, bytes) => rows.push([name, threads, fmt(r.wall), fmt(r.cpu), r.rssMB,
  `${fmt(RECORDS / r.wall / 1e6, 1)}M`, fmt(bytes / r.wall / 1e9), r.stats ? `${fmt((r.stats.serialMs + 0) / r.stats.wallMs * 100, 0)}%` : '']);

const c = cBaseline();
if (c) {
  add('C baseline (read + sum)', 1, time(`${c} ${raw}/*`, {}, reps), rawBytes);
  add('C baseline zlib (inflate + sum)', 1, time(`${c} ${zlib}/*`, {}, reps), zBytes);
}
add('cat > /dev/null', 1, time(`cat ${raw}/*`, {}, reps), rawBytes);

const scan = {};
for (const t of [1, 2, 4]) {
  scan[t] = time(`${bin('flowsift')} scan -q --stats --threads ${t} ${raw}`, {}, reps);
  add('flowsift scan (raw)', t, scan[t], rawBytes);
}
for (const t of [1, 2, 4]) add('flowsift scan (zlib)', t, time(`${bin('flowsift')} scan -q --stats --threads ${t} ${zlib}`, {}, reps), zBytes);
const print = {};
for (const t of [1, 2, 4]) {
  print[t] = time(`${bin('flowsift')} print -f 5 -q --stats --threads ${t} ${raw}`, {}, reps);
  add('flowsift print -f 5', t, print[t], rawBytes);
}
add('flow-cat | flow-print -f 5', 2, time(`${bin('flow-cat')} ${raw} | ${bin('flow-print')} -f 5`, {}, reps), rawBytes);

console.log(table(['case', 'threads', 'wall s', 'CPU s', 'peak RSS MB', 'records/s', 'GB/s', 'serial (coordinator) share'], rows));

// Karp-Flatt serial fraction from 1 -> 2 threads: e = (1/S - 1/2) / (1 - 1/2)
const kf = (t1, t2) => { const s = t1 / t2; return (1 / s - 0.5) / 0.5; };
console.log(`\nKarp-Flatt serial fraction (1 -> 2 threads): scan ${fmt(kf(scan[1].wall, scan[2].wall), 2)}, print -f 5 ${fmt(kf(print[1].wall, print[2].wall), 2)}`);

// steady state: the engine in-process, warm pool, no process start-up
const { expandInputs } = await import(path.join(root, 'dist/src/engine/inputs.js'));
const { scan: engineScan } = await import(path.join(root, 'dist/src/engine/scan.js'));
const { closePools } = await import(path.join(root, 'dist/src/engine/pool.js'));
for (const threads of [1, 2]) {
  const times = [];
  for (let i = 0; i < reps + 1; i++) {
    const { inputs } = await expandInputs([raw]);
    const t0 = performance.now();
    let n = 0;
    for await (const ev of engineScan(inputs, { op: { kind: 'count' }, threads, inProcessBelow: threads > 1 ? 0 : undefined })) if (ev.kind === 'result') n += ev.result.records;
    if (n !== RECORDS) throw new Error(`scan read ${n} records`);
    if (i > 0) times.push((performance.now() - t0) / 1000);
  }
  const t = [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)];
  console.log(`engine steady-state raw scan, ${threads} thread(s), warm: ${fmt(t, 3)} s = ${fmt(RECORDS / t / 1e6, 1)}M records/s, ${fmt(rawBytes / t / 1e9, 2)} GB/s`);
}
await closePools();

// start-up of a drop-in call on a small file
const small = path.join(root, 'test/fixtures/golden/data/fixtures/ft-v05.2005-07-06.130500-0400');
const startReps = 15;
const nodeOnly = time('node -e 0', {}, startReps);
const drop = time(`${bin('flow-print')} -f 3 < '${small}'`, {}, startReps);
console.log(`\nstart-up (median of ${startReps}): flow-print -f 3 < 1000-flow file ${(drop.wall * 1000).toFixed(0)} ms; node -e 0 ${(nodeOnly.wall * 1000).toFixed(0)} ms`);
