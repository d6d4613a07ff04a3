// What a --where expression costs: `flowsift print` (and `flowsift scan`) over the generated
// 10M-flow archive with no expression, with the seed's expression, and with an expression every
// flow passes (the expression's own cost on the same output volume), in one run.
//
//   node bench/expr.bench.mjs [archive-dir]      (default bench/data/raw; made with `flowsift gen` if missing)
//   BENCH_REPS=3 node bench/expr.bench.mjs       (median of 3 runs per case; default 1)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const flowsift = path.join(root, 'bin/flowsift');
const archive = path.resolve(process.argv[2] ?? path.join(root, 'bench/data/raw'));
const reps = Math.max(1, Number(process.env.BENCH_REPS ?? 1));
const SEED = '6 ne $protocol && 17 ne $protocol && 1 ne $protocol';
const EVERY = '0 <= $protocol && $bytes >= 0';

if (!fs.existsSync(archive) || fs.readdirSync(archive).length === 0) {
  console.error(`generating the 10M-flow archive in ${archive} ...`);
  const g = spawnSync(flowsift, ['gen', '--files', '20', '--flows', '500000', archive], { stdio: 'inherit' });
  if (g.status !== 0) process.exit(1);
}

const devnull = fs.openSync('/dev/null', 'w');
function time(args) {
  const runs = [];
  for (let i = 0; i < reps; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(flowsift, args, { stdio: ['ignore', devnull, 'pipe'] });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (r.status !== 0) throw new Error(`flowsift ${args.join(' ')}: status ${r.status}\n${r.stderr}`);
    runs.push(ms);
  }
  runs.sort((a, b) => a - b);
  return runs[Math.floor(runs.length / 2)];
}

const rows = [];
for (const cmd of ['print', 'scan']) {
  const none = time([cmd, '-q', archive]);
  const seed = time([cmd, '-q', '--where', SEED, archive]);
  const every = time([cmd, '-q', '--where', EVERY, archive]);
  rows.push({ command: cmd, 'no expression (s)': none / 1000, 'seed expression (s)': seed / 1000, 'ratio seed/none': seed / none, 'every-flow expression (s)': every / 1000, 'ratio every/none': every / none });
}
console.table(rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'number' ? Number(v.toFixed(2)) : v]))));
console.log(`archive: ${archive}; runs per case: ${reps} (median); seed expression: ${SEED}; every-flow expression: ${EVERY}`);
