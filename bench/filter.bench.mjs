// What a filter.cfg definition costs in the fused pass: `flowsift stat -f 0` over the generated
// 10M-flow archive with no filter, with a one-match definition, and with a 6-group `or` definition
// over prefix tries and port lists (3-4 match lines per group), in one run. Prints one table.
//
//   node bench/filter.bench.mjs [archive-dir]     (default bench/data/raw; made with `flowsift gen` if missing)
//   BENCH_REPS=3 node bench/filter.bench.mjs      (median of 3 runs per case; default 1)
// Falls back to `flowsift scan` (the same fused pass, totals only) when `flowsift stat` is missing.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const flowsift = path.join(root, 'bin/flowsift');
const archive = path.resolve(process.argv[2] ?? path.join(root, 'bench/data/raw'));
const reps = Math.max(1, Number(process.env.BENCH_REPS ?? 1));

const CFG = `
filter-primitive tcpudp
  type ip-protocol
  permit tcp,udp
filter-primitive udp
  type ip-protocol
  permit udp
filter-primitive inside
  type ip-address-prefix
${Array.from({ length: 16 }, (_, i) => `  permit 192.168.${i * 16}.0/20`).join('\n')}
  deny 192.168.208.0/24
  deny 192.168.30.0/24
filter-primitive outside
  type ip-address-prefix
  deny 10.0.0.0/8
  deny 172.16.0.0/12
  deny 192.168.0.0/16
  default permit
filter-primitive web
  type ip-port
  permit 80,443,8080,8443
filter-primitive mail
  type ip-port
  permit 25,110,143,465,587,993,995
filter-primitive remote
  type ip-port
  permit 22,23,3389,5900-5910
filter-primitive db
  type ip-port
  permit 1433,1521,3306,5432,6379,27017
filter-primitive dns
  type ip-port
  permit 53,123
filter-primitive smb
  type ip-port
  permit 135,137-139,445
filter-primitive small
  type counter
  permit lt 3

filter-definition one
  match ip-destination-port web

filter-definition heavy
  match ip-protocol tcpudp
  match ip-destination-address inside
  match ip-destination-port web
  or
  match ip-protocol tcpudp
  match ip-destination-address inside
  match ip-destination-port mail
  or
  match ip-protocol tcpudp
  match ip-source-address inside
  match ip-source-port remote
  or
  match ip-protocol tcpudp
  match ip-destination-address outside
  match ip-destination-port db
  or
  match ip-protocol udp
  match ip-source-address outside
  match ip-source-port dns
  or
  match ip-protocol tcpudp
  match ip-source-address outside
  match ip-destination-port smb
  match packets small
`;

if (!fs.existsSync(archive) || fs.readdirSync(archive).length === 0) {
  console.error(`generating the 10M-flow archive in ${archive} ...`);
  const g = spawnSync(flowsift, ['gen', '--files', '20', '--flows', '500000', archive], { stdio: 'inherit' });
  if (g.status !== 0) process.exit(1);
}
const cfg = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'filter-bench-')), 'bench-filter.cfg');
fs.writeFileSync(cfg, CFG);

const hasStat = /^\s+stat\b/m.test(spawnSync(flowsift, ['--help'], { encoding: 'latin1' }).stdout ?? '');
const base = hasStat ? ['stat', '-q', '-f', '0'] : ['scan', '-q'];

function time(extra) {
  const runs = [];
  let out = '';
  for (let i = 0; i < reps; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(flowsift, [...base, ...extra, archive], { encoding: 'latin1', maxBuffer: 1 << 26 });
    runs.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (r.status !== 0) throw new Error(`flowsift ${[...base, ...extra].join(' ')}: status ${r.status}\n${r.stderr}`);
    out = r.stdout;
  }
  runs.sort((a, b) => a - b);
  // flows kept: "Total Flows" of stat -f 0, or "matched:" of scan
  const m = /Total Flows\s*:\s*(\d+)/.exec(out) ?? /matched:\s*(\d+)/.exec(out);
  return { ms: runs[Math.floor(runs.length / 2)], flows: m ? Number(m[1]) : NaN };
}

const none = time([]);
const one = time(['--filter-file', cfg, '--filter', 'one']);
const heavy = time(['--filter-file', cfg, '--filter', 'heavy']);
const row = (name, r) => ({
  case: name, seconds: Number((r.ms / 1000).toFixed(2)), 'ratio to no filter': Number((r.ms / none.ms).toFixed(2)), 'flows kept': r.flows,
});
console.table([row('no filter', none), row('one match line', one), row('6-group or (prefixes, ports)', heavy)]);
console.log(`command: flowsift ${base.join(' ')} [--filter-file bench.cfg --filter one|heavy] ${archive}; runs per case: ${reps} (median); `
  + `load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
