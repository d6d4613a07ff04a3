#!/usr/bin/env node
// An archive of many small files, as flow-capture leaves with short rotations (a year of 5-minute
// files is 105,120 of them): `flowsift scan`, `stat`, `print` and `cat` over 10,000 zlib files of 500 flows, next
// to the same command over the same number of flows (5M, same traffic model) in 10 big files,
// measured in the same run. The ratio many/few is the cost of the files themselves; "per file" is
// the extra wall milliseconds each small file costs. Run after `npm run build`:
// node bench/many.bench.mjs [--threads 1,2] [--runs N] [--cases scan,f0,f5,f10,f11,print,cat]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { arg, root } from './lib.mjs';

const flowsift = path.join(root, 'bin', 'flowsift');
const many = path.join(root, 'bench', 'data', 'many');
const few = path.join(root, 'bench', 'data', 'few');
const FILES = 10_000;

const threadList = arg('--threads', '1,2').split(',').map(Number);
const runs = Number(arg('--runs', '1'));
const only = arg('--cases', '');

for (const [dir, files, flows, rotation] of [[many, FILES, 500, 300], [few, 10, 500_000, 300 * 1000]]) {
  if (fs.existsSync(dir) && fs.readdirSync(dir).length) continue;
  process.stderr.write(`generating ${dir} (${files} files)...\n`);
  const g = spawnSync(flowsift, ['gen', '--files', String(files), '--flows', String(flows), '--rotation', String(rotation), '--seed', '3', '-z', '6', dir], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (g.status !== 0) process.exit(1);
}

const CASES = [
  { id: 'scan', label: 'scan', args: ['scan'] },
  { id: 'f0', label: 'stat -f 0', args: ['stat', '-f', '0'] },
  { id: 'f5', label: 'stat -f 5 -S 1', args: ['stat', '-f', '5', '-S', '1'] },
  { id: 'f10', label: 'stat -f 10 -S 2', args: ['stat', '-f', '10', '-S', '2'] },
  { id: 'f11', label: 'stat -f 11 -S 1', args: ['stat', '-f', '11', '-S', '1'] },
  // output to /dev/null, like the reports'
  { id: 'print', label: 'print', args: ['print'] },
  { id: 'cat', label: 'cat', args: ['cat'] },
].filter((c) => !only || only.split(',').includes(c.id));

/** One run under /usr/bin/time: [wall s, cpu s, peak RSS MB]. */
function measure(args) {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', flowsift, ...args], { encoding: 'latin1', stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`flowsift ${args.join(' ')}: status ${r.status}\n${r.stderr.slice(0, 2000)}`);
  const [wall, user, sys, kb] = r.stderr.trim().split('\n').pop().split(' ').map(Number);
  return [wall, user + sys, kb / 1024];
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// one untimed pass over both archives first: the first case measured read the files from disk
// (scan at 1 thread, first in the table: 4.6-4.8 s, against 1.7 s once they were in the page cache)
measure(['scan', '-q', many]);
measure(['scan', '-q', few]);

console.log('| case | threads | 10,000 files: wall s | CPU s | peak RSS MB | 10 files: wall s | CPU s | many / few (wall) | ms per file |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (const c of CASES) {
  for (const t of threadList) {
    const m = [], f = [];
    // alternated, so that a drift of the machine's speed hits both alike
    for (let i = 0; i < runs; i++) {
      m.push(measure([...c.args, '-q', '--threads', String(t), many]));
      f.push(measure([...c.args, '-q', '--threads', String(t), few]));
    }
    const [mw, mc, mr] = [0, 1, 2].map((k) => median(m.map((x) => x[k])));
    const [fw, fc] = [0, 1].map((k) => median(f.map((x) => x[k])));
    console.log(`| ${c.label} | ${t} | ${mw.toFixed(2)} | ${mc.toFixed(2)} | ${mr.toFixed(0)} | ${fw.toFixed(2)} | ${fc.toFixed(2)} | ${(mw / fw).toFixed(2)} | ${(((mw - fw) / FILES) * 1000).toFixed(3)} |`);
  }
}
