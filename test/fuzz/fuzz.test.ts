import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultCorpus, fuzz } from './harness.ts';

const root = path.resolve(import.meta.dirname, '../..');

describe('fuzz (short run)', () => {
  it('no mutated input crashes, hangs or prints a stack trace in any tool', async () => {
    const findings = await fuzz({
      seed: 20261126, count: Number(process.env.FUZZ_COUNT ?? 2000), workers: 2,
      corpus: defaultCorpus(root), filterCfg: path.join(root, 'test/fixtures/golden/cfg/filter.cfg'), timeoutMs: 30000,
    });
    expect(findings.map((f) => `${f.index} ${f.mutation} ${f.tool}: ${f.problem.split('\n')[0]}`)).toEqual([]);
  }, 900_000);
});
