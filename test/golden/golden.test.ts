/**
 * Golden tests: a selection of the real flow-tools / flowdumper runs (test/fixtures/golden, copied
 * from the shared conformance set by select.mjs) run through the executables in bin/ (the compiled
 * dist/, built by `npm test`'s pretest), comparing stdout byte for byte and the exit status.
 */
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../fixtures/golden');
const bin = path.resolve(import.meta.dirname, '../../bin');
const cases = fs.readFileSync(path.join(root, 'cases.tsv'), 'utf8').split('\n').filter(Boolean).slice(1)
  .map((l) => l.split('\t')).map(([id, command, out, status]) => ({ id: id!, command: command!, out: out!, status: Number(status) }));

function run(command: string): Promise<{ stdout: Buffer; code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('bash', ['-c', command], {
      cwd: root,
      env: { ...process.env, PATH: `${bin}:${path.dirname(process.execPath)}:/usr/local/bin:/usr/bin:/bin`, TZ: 'UTC', LC_ALL: 'C', FLOWSIFT_THREADS: '' },
    });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => { if (err.length < 4000) err += d.toString(); });
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('close', (code, signal) => { clearTimeout(timer); resolve({ stdout: Buffer.concat(out), code, signal, stderr: err }); });
  });
}

// Cflow prints TCP flag names in Perl hash order; compare them as a set, as the reference runner does
function sortFlagNames(b: Buffer): Buffer {
  return Buffer.from(b.toString('latin1').replace(/\(((?:FIN|SYN|RST|PUSH|ACK|URG)(?:\|(?:FIN|SYN|RST|PUSH|ACK|URG))*)\)/g,
    (_, n: string) => `(${n.split('|').sort().join('|')})`), 'latin1');
}

describe.concurrent('golden: flow-tools reference outputs', () => {
  for (const c of cases) {
    it(c.id, async () => {
      const r = await run(c.command);
      expect(r.signal, r.stderr).toBeNull();
      if (c.status > 128 && c.status < 192) {
        // flow-tools hung or crashed here: we must end cleanly
        expect(r.code! <= 128 || r.code === 255, r.stderr).toBe(true);
        return;
      }
      let got = r.stdout;
      if (c.out.startsWith('sha256:')) {
        const [, hash, size] = c.out.split(':');
        if (c.id.startsWith('flowdumper/')) got = sortFlagNames(got);
        expect(`${crypto.createHash('sha256').update(got).digest('hex')}:${got.length}`, `${c.command}\nstderr: ${r.stderr.slice(0, 500)}`).toBe(`${hash}:${size}`);
        expect(r.code, r.stderr).toBe(c.status);
        return;
      }
      let expected = fs.readFileSync(path.join(root, c.out));
      if (c.out.endsWith('.gz')) expected = zlib.gunzipSync(expected);
      if (c.id.startsWith('flowdumper/')) { expected = sortFlagNames(expected); got = sortFlagNames(got); }
      expect(got.equals(expected), `${c.command}\nstderr: ${r.stderr.slice(0, 500)}`).toBe(true);
      expect(r.code, r.stderr).toBe(c.status);
    });
  }
});
