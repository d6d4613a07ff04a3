// Shared benchmark helpers: make the 10M-flow archive, time commands with /usr/bin/time
// (wall, CPU, peak RSS), take medians, print tables.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const bin = (t) => path.join(root, 'bin', t);
export const dataDir = path.join(root, 'bench/data');

/** The value after `--name` on the command line, or `def`. */
export const arg = (name, def) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : def;
};

/** The bench archive: 20 files x 500k v5 flows, raw and zlib copies (made once, kept in bench/data). */
export function ensureArchive() {
  for (const [kind, z] of [['raw', '0'], ['zlib', '6']]) {
    const dir = path.join(dataDir, kind);
    if (fs.existsSync(dir) && fs.readdirSync(dir).length === 20) continue;
    fs.rmSync(dir, { recursive: true, force: true });
    process.stderr.write(`bench: generating ${dir} (20 files x 500,000 flows, -z ${z})\n`);
    execFileSync(bin('flowsift'), ['gen', dir, '--files', '20', '--flows', '500000', '--seed', '7', '-z', z], { stdio: 'inherit' });
  }
  return { raw: path.join(dataDir, 'raw'), zlib: path.join(dataDir, 'zlib') };
}

export function archiveFiles(dir) {
  return fs.readdirSync(dir).sort().map((f) => path.join(dir, f));
}

/** C baseline binary, built on first use (cc -O2 ... -lz); undefined when no compiler. */
export function cBaseline() {
  const out = path.join(root, 'bench/out/c-baseline');
  if (fs.existsSync(out)) return out;
  fs.mkdirSync(path.dirname(out), { recursive: true });
  try {
    execFileSync('cc', ['-O2', '-o', out, path.join(root, 'bench/baseline.c'), '-lz'], { stdio: 'inherit' });
    return out;
  } catch {
    return undefined;
  }
}

/** Run a shell command under /usr/bin/time; stdout to /dev/null unless keep. */
export function timeOnce(command, { keep = false, env = {} } = {}) {
  const r = spawnSync('/usr/bin/time', ['-f', '@@%e %U %S %M', 'bash', '-c', keep ? command : `${command} > /dev/null`],
    { env: { ...process.env, TZ: 'UTC', ...env }, maxBuffer: 1 << 26, cwd: root });
  const err = r.stderr.toString();
  const m = /@@([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(err);
  if (!m || r.status !== 0) throw new Error(`failed: ${command}\n${err}`);
  const stats = /(\{"stats":true[^\n]*\})/.exec(err);
  return {
    wall: Number(m[1]), cpu: Number(m[2]) + Number(m[3]), rssMB: Math.round(Number(m[4]) / 1024),
    stats: stats ? JSON.parse(stats[1]) : undefined, stdout: r.stdout.toString(),
  };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Median (by wall time) of n runs. */
export function time(command, opts = {}, n = 3) {
  const runs = Array.from({ length: n }, () => timeOnce(command, opts));
  const mid = median(runs.map((r) => r.wall));
  return runs.find((r) => r.wall === mid);
}

export function machine() {
  const cpus = os.cpus();
  return `${cpus.length} x ${cpus[0]?.model ?? '?'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`;
}

/**
 * Milliseconds this machine takes to hand a process fresh memory, per MiB: a new process (with the
 * launcher's malloc settings) touches one byte per page of a new 128 MiB buffer. On the reference
 * VM it is 0.2-6 ms/MiB: cheap right after another process freed as much (the guest's pages are
 * still backed), dear after a pause (the hypervisor backs each page again). A report's peak RSS is
 * mostly memory touched once, so this moves the reports' CPU: printed beside the figures, so that
 * runs on other days and machines compare.
 */
export function firstTouchMsPerMiB() {
  const src = 'const t0 = performance.now(); const u = new Uint8Array(128 << 20); for (let i = 0; i < u.length; i += 4096) u[i] = 1; console.log((performance.now() - t0) / 128);';
  const r = spawnSync(process.execPath, ['-e', src], { encoding: 'utf8', env: { ...process.env, GLIBC_TUNABLES: 'glibc.malloc.hugetlb=1:glibc.malloc.arena_max=1' } });
  return r.status === 0 ? Number(r.stdout.trim()) : NaN;
}

export function table(headers, rows) {
  const w = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(w[i])).join(' | ')} |`;
  return [line(headers), `|${w.map((n) => '-'.repeat(n + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

export const fmt = (x, d = 2) => Number(x).toFixed(d);
