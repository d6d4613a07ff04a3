/**
 * A filtered scan hands the records a filter keeps to the op's whole-buffer loop in runs. Whatever
 * the runs look like (every other record, long stretches, one record at a file's end, nothing, everything), every
 * report must equal the same report over a file holding just the kept records, written by `cat`
 * (whose records op takes one record at a time). Runs bin/ (compiled dist/).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { someRecords, tmpDir, writeFlowFile } from '../helpers/flowfile.ts';

const bin = path.resolve(import.meta.dirname, '../../bin');
const env = { ...process.env, TZ: 'UTC', FLOWSIFT_THREADS: '2' };

function flowsift(args: string[]): string {
  const r = spawnSync(path.join(bin, 'flowsift'), args, { env, maxBuffer: 1 << 27, timeout: 120_000 });
  expect(r.status, r.stderr.toString()).toBe(0);
  return r.stdout.toString();
}

describe('filtered runs', () => {
  const dir = tmpDir();
  const files = [0, 1, 2].map((k) => writeFlowFile(path.join(dir, `ft-v05.${k}`), someRecords(20_000, k * 20_000), { capStart: 1_700_000_000 + k * 900 }));
  const wheres = [
    '$srcport % 2 == 0', // every other record
    '($srcport / 700) % 3 != 1', // stretches of 700 kept, 700 dropped
    '$srcport == 20_000 + 1023 || $srcport < 1030', // a few at the start, one at a file's end
    '$srcport > 1_000_000', // nothing
    '$srcport > 0', // everything: one run per buffer
  ].map((w) => w.replace(/_/g, ''));
  const reports = [['stat', '-f', '0'], ['stat', '-f', '5', '-S', '1'], ['stat', '-f', '10', '-S', '2'], ['stat', '-f', '11'], ['stat', '-f', '8'], ['print', '-f', '5']];

  for (const where of wheres) {
    it(`--where '${where}': stat and print equal their reports over the kept records`, () => {
      const kept = path.join(tmpDir(), 'kept.ft');
      flowsift(['cat', '-q', '--where', where, '-o', kept, ...files]);
      for (const rep of reports) {
        const kind = rep[0] === 'stat' ? ['--output', 'json'] : ['--output', 'ndjson'];
        const got = flowsift([...rep, '-q', ...kind, '--where', where, ...files]);
        const want = flowsift([...rep, '-q', ...kind, kept]);
        expect(got, rep.join(' ')).toBe(want);
      }
      const scan = JSON.parse(flowsift(['scan', '-q', '--output', 'json', '--where', where, ...files])) as { flows: number; octets: number };
      const whole = JSON.parse(flowsift(['scan', '-q', '--output', 'json', kept])) as { flows: number; octets: number };
      expect([scan.flows, scan.octets]).toEqual([whole.flows, whole.octets]);
    }, 120_000);
  }
});
