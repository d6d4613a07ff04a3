/**
 * Hash reports over several zlib files: a thread runs several zlib tasks at once (they interleave
 * between inflate rounds), and each must aggregate into its own stage. The same flows, raw or
 * compressed, on 1 or 2 threads, give the same report. Runs bin/ (compiled dist/).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { someRecords, tmpDir, writeFlowFile } from '../helpers/flowfile.ts';

const bin = path.resolve(import.meta.dirname, '../../bin');
const env = { ...process.env, TZ: 'UTC' };

function body(args: string[], threads: string): string {
  const r = spawnSync(path.join(bin, 'flowsift'), ['stat', '-q', '--threads', threads, ...args], { env, maxBuffer: 1 << 30 });
  expect(r.status, r.stderr.toString()).toBe(0);
  // the lead names the command line; the rows follow it
  return r.stdout.toString().split('\n').filter((l) => !l.startsWith('#')).join('\n');
}

describe('stat over zlib files', () => {
  const dir = tmpDir();
  for (let k = 0; k < 4; k++) {
    // 40,000 flows per file, new sources in every file: inflating takes several rounds per file
    const recs = someRecords(40_000, k * 1_000_000).map((r, i) => ({ ...r, dstaddr: 0xc0a80001 + ((i * 7919 + k) % 5000) }));
    writeFlowFile(path.join(dir, 'raw', `ft-v05.r${k}`), recs, { capStart: 1_700_000_000 + k * 900 });
    writeFlowFile(path.join(dir, 'zlib', `ft-v05.z${k}`), recs, { capStart: 1_700_000_000 + k * 900, zLevel: 6 });
  }

  /** the first line where two reports differ ('' when equal): a diff of 40,000-line texts takes minutes */
  function firstDifference(a: string, b: string): string {
    const x = a.split('\n'), y = b.split('\n');
    for (let i = 0; i < Math.max(x.length, y.length); i++) if (x[i] !== y[i]) return `line ${i + 1}: ${x[i]} | ${y[i]}`;
    return '';
  }

  for (const f of ['8', '10', '11']) {
    it(`-f ${f}: zlib on 1 and 2 threads equals raw`, () => {
      const raw = body(['-f', f, '-S', '2', path.join(dir, 'raw')], '1');
      expect(raw.split('\n').length).toBeGreaterThan(5000);
      expect(firstDifference(body(['-f', f, '-S', '2', path.join(dir, 'zlib')], '1'), raw)).toBe('');
      expect(firstDifference(body(['-f', f, '-S', '2', path.join(dir, 'zlib')], '2'), raw)).toBe('');
    }, 120_000);
  }
});
