/**
 * Compressed files big enough that their output comes in pieces while they are read (the scan's
 * `stream`): `flowsift print`, `flow-cat` and `flowdumper` print the same as over the same flows
 * uncompressed, on 1 and 2 threads. Runs bin/ (compiled dist/).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tmpDir, variedRecords, writeFlowFile } from '../helpers/flowfile.ts';

const bin = path.resolve(import.meta.dirname, '../../bin');
const env = { ...process.env, TZ: 'UTC' };


function run(cmd: string, args: string[], threads: string, input?: Buffer): Buffer {
  const r = spawnSync(path.join(bin, cmd), args, { env: { ...env, FLOWSIFT_THREADS: threads }, input, maxBuffer: 1 << 30 });
  expect(r.status, r.stderr.toString()).toBe(0);
  return r.stdout;
}

describe('output of big compressed files in pieces', () => {
  const dir = tmpDir();
  const N = 150_000;
  for (let k = 0; k < 2; k++) {
    const recs = variedRecords(N, k + 7);
    writeFlowFile(path.join(dir, 'raw', `ft-v05.r${k}`), recs, { capStart: 1_700_000_000 + k * 900 });
    writeFlowFile(path.join(dir, 'zlib', `ft-v05.z${k}`), recs, { capStart: 1_700_000_000 + k * 900, zLevel: 6 });
  }
  const raw = path.join(dir, 'raw'), zlib = path.join(dir, 'zlib');

  it('the compressed files are read as whole streams (over 1 MiB each)', () => {
    for (const f of fs.readdirSync(zlib)) expect(fs.statSync(path.join(zlib, f)).size).toBeGreaterThan(1 << 20);
  });

  it('flowsift print: the same text as over the raw files, on 1 and 2 threads', () => {
    const want = run('flowsift', ['print', '-f', '5', '--threads', '1', raw], '1');
    expect(want.toString().split('\n').length).toBeGreaterThan(2 * N);
    for (const t of ['1', '2']) expect(run('flowsift', ['print', '-f', '5', '--threads', t, zlib], t).equals(want)).toBe(true);
  }, 120_000);

  it('flow-cat: the same flows as from the raw files, and a header that counts them', () => {
    const text = (cat: Buffer): Buffer => run('flow-print', ['-f', '5'], '1', cat);
    const want = text(run('flow-cat', [raw], '1'));
    for (const t of ['1', '2']) {
      expect(text(run('flow-cat', [zlib], t)).equals(want)).toBe(true);
      // to a file, the header counts the flows written (the pieces' records too)
      const out = path.join(dir, `cat-${t}`);
      run('flow-cat', ['-o', out, zlib], t);
      expect(text(fs.readFileSync(out)).equals(want)).toBe(true);
      expect(run('flow-header', [], '1', fs.readFileSync(out)).toString()).toMatch(new RegExp(`capture flows:\\s+${2 * N}\\n`));
    }
  }, 120_000);

  it('flowdumper -s: the same dump as from the raw files', () => {
    const want = run('flowdumper', ['-s', ...fs.readdirSync(raw).map((f) => path.join(raw, f))], '1');
    for (const t of ['1', '2']) expect(run('flowdumper', ['-s', ...fs.readdirSync(zlib).map((f) => path.join(zlib, f))], t).equals(want)).toBe(true);
  }, 120_000);
});
