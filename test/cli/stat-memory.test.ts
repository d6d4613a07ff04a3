/**
 * `flowsift stat --max-memory`: a cap the aggregation cannot stay under ends the run with one line
 * naming the report and the distinct keys reached (status 1, no stack trace, no hang); a cap that is
 * big enough prints the same report as no cap. The drop-in flow-stat has the same cap, set by
 * FLOWSIFT_MAX_MEMORY. Runs bin/ (compiled dist/).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { someRecords, tmpDir, writeFlowFile } from '../helpers/flowfile.ts';

const bin = path.resolve(import.meta.dirname, '../../bin');
const env = { ...process.env, TZ: 'UTC', FLOWSIFT_THREADS: '2' };

function stat(args: string[]) {
  return spawnSync(path.join(bin, 'flowsift'), ['stat', '-q', ...args], { env, maxBuffer: 1 << 30, timeout: 220_000 });
}

describe('stat --max-memory', () => {
  const dir = tmpDir();
  // 300,000 flows, every one a new source/destination pair: 300,000 distinct keys in report 10
  const file = writeFlowFile(path.join(dir, 'keys', 'ft-v05.many'), someRecords(300_000));

  it('a tiny cap ends the run with one line naming the report and the keys reached', () => {
    const r = stat(['-f', '10', '--max-memory', '2M', file]);
    const err = r.stderr.toString();
    expect(r.status, err).toBe(1);
    expect(err).toMatch(/^flowsift stat: report 10 \(Source\/Destination IP\) reached the memory cap of 2 MiB at [\d,]+ distinct keys; raise --max-memory or narrow the input with a filter\n$/);
    const keys = Number(/at ([\d,]+) distinct/.exec(err)![1]!.replace(/,/g, ''));
    expect(keys).toBeGreaterThan(0);
    expect(keys).toBeLessThan(300_000);
  }, 240_000);

  it('a cap that is big enough prints the report as without a cap', () => {
    const plain = stat(['-f', '10', '-S', '2', file]);
    const capped = stat(['-f', '10', '-S', '2', '--max-memory', '256M', file]);
    expect(plain.status, plain.stderr.toString()).toBe(0);
    expect(capped.status, capped.stderr.toString()).toBe(0);
    const body = (b: Buffer): string => b.toString('latin1').split('\n').filter((l) => !l.startsWith('# Args:')).join('\n');
    expect(body(capped.stdout)).toBe(body(plain.stdout));
    expect(capped.stdout.toString().split('\n').length).toBeGreaterThan(300_000);
  }, 240_000);

  it('rejects a size it cannot read', () => {
    const r = stat(['-f', '10', '--max-memory', 'lots', file]);
    expect(r.status).toBe(2);
    expect(r.stderr.toString()).toMatch(/--max-memory must be a size/);
  }, 240_000);
});

describe('flow-stat under FLOWSIFT_MAX_MEMORY', () => {
  const dir = tmpDir();
  const file = writeFlowFile(path.join(dir, 'ft-v05.many'), someRecords(100_000));
  const dropIn = (cap: string | undefined, args: string[]) => spawnSync(path.join(bin, 'flow-stat'), args, {
    env: { ...env, ...(cap === undefined ? {} : { FLOWSIFT_MAX_MEMORY: cap }) }, input: fs.readFileSync(file), maxBuffer: 1 << 30, timeout: 220_000,
  });

  it('a tiny cap ends the report with one line and status 1; a big one changes nothing', () => {
    const r = dropIn('1M', ['-f', '10']);
    expect(r.status, r.stderr.toString()).toBe(1);
    expect(r.stderr.toString()).toMatch(/^flow-stat: report 10 \(Source\/Destination IP\) reached the memory cap of 1 MiB at [\d,]+ distinct keys; set FLOWSIFT_MAX_MEMORY higher \(e\.g\. 16G\) or narrow the input with flow-nfilter\n$/);
    const plain = dropIn(undefined, ['-f', '10', '-S', '2']);
    const big = dropIn('1G', ['-f', '10', '-S', '2']);
    expect(plain.status).toBe(0);
    expect(big.status).toBe(0);
    expect(big.stdout.equals(plain.stdout)).toBe(true);
    expect(plain.stdout.toString().split('\n').length).toBeGreaterThan(100_000);
  }, 240_000);

  it('rejects a size it cannot read before reading the input', () => {
    const r = dropIn('lots', ['-f', '10']);
    expect(r.status).toBe(1);
    expect(r.stderr.toString()).toBe('flow-stat: FLOWSIFT_MAX_MEMORY must be a size such as 512M, 2G or a number of bytes, not "lots"\n');
    expect(r.stdout.length).toBe(0);
  }, 240_000);
});
