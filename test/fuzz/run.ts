/**
 * The long fuzz run: `npx tsx test/fuzz/run.ts --count 200000 [--seed N] [--from K] [--workers 2]`.
 * Prints progress and every finding (the failing input is kept in a temporary directory).
 */
import path from 'node:path';
import { defaultCorpus, fuzz } from './harness.ts';

const args = process.argv.slice(2);
const opt = (n: string, d: number): number => {
  const i = args.indexOf(n);
  return i >= 0 ? Number(args[i + 1]) : d;
};
const root = path.resolve(import.meta.dirname, '../..');
const count = opt('--count', 200_000);
const t0 = Date.now();
let printed = 0;
const findings = await fuzz({
  seed: opt('--seed', 1), count, from: opt('--from', 0), workers: opt('--workers', 2),
  corpus: defaultCorpus(root), filterCfg: path.join(root, 'test/fixtures/golden/cfg/filter.cfg'),
  timeoutMs: opt('--timeout', 20000),
  onProgress: (done) => {
    // progress comes in steps of ten or more: print on crossing each thousand
    if (Math.floor(done / 1000) <= printed) return;
    printed = Math.floor(done / 1000);
    process.stderr.write(`fuzz: ${done}/${count} inputs, ${((Date.now() - t0) / 1000).toFixed(0)} s\n`);
  },
});
for (const f of findings) console.log(JSON.stringify(f));
console.log(`fuzz: ${count} inputs, ${findings.length} findings, ${((Date.now() - t0) / 1000).toFixed(0)} s`);
process.exitCode = findings.length ? 1 : 0;
