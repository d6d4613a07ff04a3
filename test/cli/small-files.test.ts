/**
 * An archive of small files: `flowsift stat` (and `scan`, `print`, `cat`) reads consecutive small
 * files of one record layout in one task (src/engine/groups.ts). Its reports must equal those over
 * `flowsift cat`'s output of the same files (one file of them all), in first-seen order too; a
 * damaged file inside a group is reported under its own name and offset, as `flowsift print` and
 * `scan` report it (their bytes against a task per file: test/unit/engine/group-bytes.test.ts); a
 * filter that fails names the file; a lost task names each of its files. Runs bin/ (compiled dist/).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { flowFile, someRecords, tmpDir, writeFlowFile } from '../helpers/flowfile.ts';

const bin = path.resolve(import.meta.dirname, '../../bin');
const env = { ...process.env, TZ: 'UTC', FLOWSIFT_THREADS: '2' };

function run(args: string[], extraEnv: Record<string, string> = {}) {
  const r = spawnSync(path.join(bin, 'flowsift'), args, { env: { ...env, ...extraEnv }, maxBuffer: 1 << 27, timeout: 120_000 });
  return { status: r.status, out: r.stdout.toString(), err: r.stderr.toString() };
}
/** The report without its comment lines (they hold the command line). */
const body = (text: string): string => text.split('\n').filter((l) => !l.startsWith('#')).join('\n');

describe('small files share tasks', () => {
  const dir = tmpDir();
  const arch = path.join(dir, 'arch');
  let t = 1_700_000_000;
  const at = (): number => (t += 300);
  // 40 small files: raw and zlib v5 (groups), a big-endian one between them (a group ends at a
  // change of byte order; of layout too, tested in test/unit/stat/small-files.test.ts: cat cannot
  // mix versions), a raw file over 1 MiB (a task of its own)
  for (let k = 0; k < 40; k++) {
    const recs = someRecords(150 + k, k * 1000);
    const spec = k === 23 ? { littleEndian: false } : { zLevel: k % 3 === 0 ? 0 : 6 };
    writeFlowFile(path.join(arch, `ft-v05.${String(k).padStart(3, '0')}`), recs, { ...spec, capStart: at() });
  }
  writeFlowFile(path.join(arch, 'ft-v05.big'), someRecords(20_000, 900_000), { capStart: 1_700_000_000 + 30 * 300 + 1 });
  // damage: a zlib file cut short, a raw file ending in a partial record
  const cut = writeFlowFile(path.join(dir, 'damaged', 'ft-v05.cut'), someRecords(400, 50_000), { zLevel: 6, capStart: at() });
  fs.truncateSync(cut, fs.statSync(cut).size - 700);
  const partial = path.join(dir, 'damaged', 'ft-v05.partial');
  fs.writeFileSync(partial, Buffer.concat([Buffer.from(flowFile(someRecords(300, 60_000), { capStart: at() })), Buffer.alloc(20, 7)]));
  const all = [arch, path.join(dir, 'damaged')];

  it('every report equals the one over cat\'s output, rows in first-seen order too', () => {
    const catted = path.join(dir, 'all.ft');
    const c = run(['cat', '-q', '-o', catted, ...all]);
    expect(c.status, c.err).toBe(3);
    for (const rep of [['-f', '0'], ['-f', '5', '-S', '1'], ['-f', '10', '-S', '2'], ['-f', '11'], ['-f', '9'], ['-f', '10']]) {
      const got = run(['stat', '-q', ...rep, ...all]);
      const want = run(['stat', '-q', ...rep, catted]);
      expect(got.status, got.err).toBe(3);
      expect(body(got.out), rep.join(' ')).toBe(body(want.out));
      // the address reports have many rows (the archive has one destination port)
      expect(body(got.out).split('\n').length).toBeGreaterThan(['9', '10', '11'].includes(rep[1]!) ? 40 : 1);
    }
  }, 120_000);

  it('a damaged file in a group is reported under its own name and offset, as print reports it', () => {
    const stat = run(['stat', '-q', '-f', '11', ...all]);
    const print = run(['print', '-q', ...all]);
    expect(stat.status).toBe(3);
    expect(stat.err).toBe(print.err);
    expect(run(['scan', '-q', ...all]).err).toBe(print.err);
    expect(stat.err).toContain('ft-v05.cut');
    expect(stat.err).toContain('ft-v05.partial');
    expect(stat.err).toMatch(/41 files ok, 2 damaged, 0 skipped; \d+ records read/);
  }, 120_000);

  it('print reads runs of small files as one task each, but a task a file under -p', () => {
    const tasks = (args: string[]): number => {
      const r = run(['print', '-q', '--stats', ...args, arch]);
      expect(r.status, r.err).toBe(0);
      const st = JSON.parse(r.err.split('\n').find((l) => l.startsWith('{"stats"'))!);
      return st.localTasks + st.poolTasks;
    };
    // 41 files: two groups around the big-endian file, and the big file's own tasks
    expect(tasks([])).toBeLessThan(10);
    expect(tasks(['-p'])).toBeGreaterThanOrEqual(41);
  }, 60_000);

  it('a filter that fails on a record names the file it is in', () => {
    // every file has a flow with srcport 1030; the first file in capture order fails first
    const r = run(['stat', '-q', '-f', '5', '--where', '1 / ($srcport - 1030) > 0', arch]);
    expect(r.status).toBe(1);
    expect(r.err).toMatch(/ft-v05\.000: byte \d+: the filter failed on this record/);
  }, 60_000);

  it('a task lost with --keep-going names each of its files', () => {
    const r = run(['stat', '-q', '-f', '0', '--keep-going', arch], { FLOWSIFT_INJECT_FAULT: '0:exit' });
    expect(r.status).toBe(3);
    const lost = r.err.split('\n').filter((l) => l.includes('file skipped (--keep-going)'));
    // the first task: files 000-022 (023 is big-endian)
    expect(lost.map((l) => path.basename(l.split(':')[1]!))).toEqual(Array.from({ length: 23 }, (_, k) => `ft-v05.${String(k).padStart(3, '0')}`));
    expect(r.err).toMatch(/18 files ok, 23 damaged, 0 skipped/);
  }, 60_000);
});
