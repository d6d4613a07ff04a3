#!/usr/bin/env node
// Paired comparison of this checkout against another build of flowsift (a git worktree of an older
// commit, built): node bench/pair.mjs --base DIR [--runs N] [--check] -- ARGS...
// e.g. node bench/pair.mjs --base /tmp/base --runs 8 -- stat -f 10 -S 2 bench/data/raw
//
// On a shared VM whose speed drifts by 2x within minutes, two tables from different minutes say
// little; runs of the two builds one right after the other do. Each pair runs both builds (which
// one goes first alternates, so a drift does not favour either), and the figures are the ratios
// new / base within each pair: their median, their range, and how many pairs the new build won.
// Wall, CPU and peak RSS come from /usr/bin/time, phases from flowsift's --stats line (ARGS must be
// a flowsift command). Output goes to /dev/null; --check first compares the two builds' output bytes.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { root } from './lib.mjs';

const argv = process.argv.slice(2);
const dash = argv.indexOf('--');
const opts = dash >= 0 ? argv.slice(0, dash) : argv;
const args = dash >= 0 ? argv.slice(dash + 1) : [];
const opt = (name, def) => {
  const i = opts.indexOf(name);
  return i >= 0 ? opts[i + 1] : def;
};
const base = opt('--base');
const runs = Number(opt('--runs', '6'));
if (!base || args.length === 0 || !(runs > 0)) {
  process.stderr.write('usage: node bench/pair.mjs --base DIR [--runs N] [--check] -- FLOWSIFT-ARGS...\n');
  process.exit(2);
}
const builds = { base: path.join(path.resolve(base), 'bin', 'flowsift'), new: path.join(root, 'bin', 'flowsift') };
for (const b of Object.values(builds)) {
  if (!fs.existsSync(b)) {
    process.stderr.write(`bench/pair: no ${b}\n`);
    process.exit(2);
  }
}

/** The sha256 of a build's output (streamed through sha256sum: reports run to hundreds of MB). */
function outputHash(exe) {
  const r = spawnSync('sh', ['-c', '"$0" "$@" | sha256sum', exe, ...args], { encoding: 'latin1', stdio: ['ignore', 'pipe', 'inherit'] });
  return r.stdout.split(' ')[0];
}

/** One run: wall s, CPU s (and its user and system parts), peak RSS MB and the --stats phases (s). */
function run(exe) {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', exe, ...args, '--stats'], { encoding: 'latin1', stdio: ['ignore', 'ignore', 'pipe'] });
  const err = r.stderr.trim().split('\n');
  const [wall, user, sys, kb] = err.pop().split(' ').map(Number);
  if (r.status !== 0) throw new Error(`${exe} ${args.join(' ')}: status ${r.status}\n${r.stderr.slice(0, 2000)}`);
  const st = err.find((l) => l.startsWith('{"stats":true'));
  const s = st ? JSON.parse(st) : {};
  // user and system CPU apart too: on this VM system time follows the machine's memory state
  // (zeroing pages it hands out), user time the code (bench/RESULTS.md, 2026-11-29)
  const m = { wall, cpu: user + sys, user, sys, rss: kb / 1024 };
  for (const k of ['scanMs', 'mergeMs', 'orderMs', 'printMs']) if (typeof s[k] === 'number') m[k.replace('Ms', '')] = s[k] / 1000;
  return m;
}

if (opts.includes('--check')) {
  const a = outputHash(builds.base), b = outputHash(builds.new);
  process.stdout.write(a === b ? `same output (sha256 ${a.slice(0, 16)})\n` : `OUTPUT DIFFERS: base ${a.slice(0, 16)}, new ${b.slice(0, 16)}\n`);
  if (a !== b) process.exitCode = 1;
}

const pairs = [];
for (let i = 0; i < runs; i++) {
  const order = i % 2 === 0 ? ['base', 'new'] : ['new', 'base'];
  const got = {};
  for (const k of order) got[k] = run(builds[k]);
  pairs.push(got);
  const f = (m) => `${m.wall.toFixed(2)} s`;
  process.stderr.write(`pair ${i + 1}/${runs}: base ${f(got.base)}, new ${f(got.new)}\n`);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const keys = ['wall', 'cpu', 'user', 'sys', 'rss', 'scan', 'merge', 'order', 'print'].filter((k) => pairs.every((p) => k in p.base && k in p.new));
const rows = keys.map((k) => {
  const ratios = pairs.map((p) => (p.base[k] > 0 ? p.new[k] / p.base[k] : 1));
  const wins = pairs.filter((p) => p.new[k] < p.base[k]).length;
  const range = (b) => `${Math.min(...pairs.map((p) => p[b][k])).toFixed(2)}-${Math.max(...pairs.map((p) => p[b][k])).toFixed(2)}`;
  return `| ${k}${k === 'rss' ? ' MB' : ' s'} | ${range('base')} | ${range('new')} | ${median(ratios).toFixed(3)} | ${Math.min(...ratios).toFixed(2)}-${Math.max(...ratios).toFixed(2)} | ${wins} of ${pairs.length} |`;
});
process.stdout.write(`flowsift ${args.join(' ')}: ${runs} pairs, new = ${root}, base = ${path.resolve(base)}\n\n`);
process.stdout.write('| figure | base | new | median new/base | range of new/base | pairs new was lower |\n|---|---|---|---|---|---|\n');
process.stdout.write(`${rows.join('\n')}\n`);
