/**
 * What an operator hits at the edges of `flowsift` (found by probing the built tool): a sort field
 * the report does not have is an error before any input is read, not an empty report; a file named
 * on the command line is judged as tmp* by its own name, and skipping it is said; text print over
 * many small files keeps memory flat; an input the print format cannot show is skipped, not fatal,
 * and the summary line counts it once. Runs bin/ (compiled dist/).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { someRecords, tmpDir, writeFlowFile } from '../helpers/flowfile.ts';

const bin = path.resolve(import.meta.dirname, '../../bin');
const env = { ...process.env, TZ: 'UTC', FLOWSIFT_THREADS: '2' };

function flowsift(args: string[], cwd?: string) {
  return spawnSync(path.join(bin, 'flowsift'), args, { env, cwd, maxBuffer: 1 << 26, timeout: 120_000 });
}

describe('flowsift at the edges', () => {
  const dir = tmpDir();
  const file = writeFlowFile(path.join(dir, 'ft-v05.a'), someRecords(500));

  it('a sort field the report lacks is an error naming the fields, before any input is read, in every output kind', () => {
    for (const output of ['text', 'json', 'csv']) {
      const r = flowsift(['stat', '-q', '-f', '10', '-S', '9', '--output', output, file]);
      expect(r.status).toBe(2);
      expect(r.stdout.length).toBe(0);
      expect(r.stderr.toString()).toMatch(/can't sort on field 9: report 10 \(Source\/Destination IP\) has fields 0-5/);
    }
    const port = flowsift(['stat', '-q', '-f', '5', '-s', '6', file]);
    expect(port.status).toBe(2);
    expect(port.stderr.toString()).toMatch(/can't sort on field 6: report 5 \(UDP\/TCP destination port\) has fields 0-4/);
    // the last field of each is fine
    expect(flowsift(['stat', '-q', '-f', '10', '-S', '5', file]).status).toBe(0);
    expect(flowsift(['stat', '-q', '-f', '5', '-S', '4', file]).status).toBe(0);
    expect(flowsift(['stat', '-q', '-f', '5', '-S', '5', file]).status).toBe(2);
  }, 120_000);

  it('a named file is read unless its own name starts with "tmp"; a skipped one is reported (status 3)', () => {
    const tmpNamed = writeFlowFile(path.join(dir, 'tmp-v05.capturing'), someRecords(7));
    writeFlowFile(path.join(dir, 'tmpdir', 'ft-v05.b'), someRecords(11));
    // relative to dir: "tmpdir/ft-v05.b" starts with tmp, but the file's name does not
    const r = flowsift(['scan', '-q', 'tmpdir/ft-v05.b'], dir);
    expect(r.status, r.stderr.toString()).toBe(0);
    expect(r.stdout.toString()).toMatch(/records: +11\n/);
    const skipped = flowsift(['scan', '-q', tmpNamed, file]);
    expect(skipped.status).toBe(3);
    expect(skipped.stderr.toString()).toContain(`${tmpNamed}: name begins with "tmp" (a capture in progress), skipping; -a reads it`);
    expect(skipped.stdout.toString()).toMatch(/records: +500\n/);
    expect(flowsift(['scan', '-q', '-a', tmpNamed]).stdout.toString()).toMatch(/records: +7\n/);
  }, 120_000);

  it('text print over 1,500 small files keeps memory flat (it held a 2 MiB buffer per file: 660 MB)', () => {
    const many = path.join(dir, 'many');
    for (let i = 0; i < 1500; i++) writeFlowFile(path.join(many, `ft-v05.${String(i).padStart(4, '0')}`), someRecords(3, i * 3), { capStart: 1000 + i });
    const r = spawnSync('/usr/bin/time', ['-f', '%M', path.join(bin, 'flowsift'), 'print', '-q', many], { env, maxBuffer: 1 << 26, timeout: 120_000 });
    expect(r.status, r.stderr.toString()).toBe(0);
    expect(r.stdout.toString().split('\n').length).toBe(1 + 1500 * 3 + 1);
    const rssKiB = Number(r.stderr.toString().trim().split('\n').at(-1));
    expect(rssKiB).toBeLessThan(300 * 1024);
  }, 120_000);

  it('print skips an input its format cannot show (status 3), prints the others, and counts each file once', () => {
    const mixed = path.join(dir, 'mixed');
    fs.mkdirSync(mixed, { recursive: true });
    const v5 = writeFlowFile(path.join(mixed, 'ft-v05.a'), someRecords(4), { capStart: 1 });
    const v81 = writeFlowFile(path.join(mixed, 'ft-v08m01.b'), someRecords(4), { capStart: 2, version: '8.1' });
    const r = flowsift(['print', '-q', '-f', '5', v5, v81]);
    const err = r.stderr.toString();
    expect(r.status, err).toBe(3);
    expect(err).toContain(`${v81}: Flow record missing required field for format (export version 8.1, format 5) (file skipped)`);
    expect(err).toMatch(/1 files ok, 0 damaged, 1 skipped; 4 records read/);
    expect(r.stdout.toString().split('\n').filter((l) => /^\d/.test(l))).toHaveLength(4);
  }, 120_000);

  it('stat with a filter on a field one input lacks skips that input (status 3) and reports the others', () => {
    const mixed = path.join(dir, 'mixed-stat');
    fs.mkdirSync(mixed, { recursive: true });
    const v5 = writeFlowFile(path.join(mixed, 'ft-v05.a'), someRecords(40), { capStart: 1 });
    const v81 = writeFlowFile(path.join(mixed, 'ft-v08m01.b'), someRecords(4), { capStart: 2, version: '8.1' });
    const cfg = path.join(mixed, 'filter.cfg');
    fs.writeFileSync(cfg, 'filter-primitive any-proto\n  type ip-protocol\n  permit tcp\n  permit udp\n  permit icmp\nfilter-definition p\n  match ip-protocol any-proto\n');
    for (const output of ['text', 'json']) {
      const r = flowsift(['stat', '-q', '-f', '0', '--output', output, '--filter-file', cfg, '--filter', 'p', v5, v81]);
      const err = r.stderr.toString();
      expect(r.status, err).toBe(3);
      expect(err).toContain(`${v81}: Filter references a field not in flow (prot in export version 8.1) (file skipped)`);
      expect(err).toMatch(/1 files ok, 0 damaged, 1 skipped; 40 records read/);
      expect(err).not.toMatch(/worker|internal/);
      expect(r.stdout.length).toBeGreaterThan(0);
    }
  }, 120_000);

  it('--top on a report without rows is a usage error; on plot data it keeps whole flows, and the totals are counted', () => {
    for (const f of ['0', '4', '15']) {
      const r = flowsift(['stat', '-q', '-f', f, '--top', '3', file]);
      expect(r.status).toBe(2);
      expect(r.stdout.length).toBe(0);
      expect(r.stderr.toString()).toMatch(new RegExp(`--top: report ${f} \\(.*\\) has no rows to limit`));
    }
    const plot = flowsift(['stat', '-q', '-f', '13', '--top', '3', file]).stdout.toString();
    const data = plot.split('\n').filter((l) => !l.startsWith('#'));
    expect(data.filter((l) => l !== '')).toHaveLength(6);
    expect(data.filter((l) => l === '')).toHaveLength(4); // three flows' and the last line's
    expect(plot).toMatch(/\n\n# xmin=\d+ +ymin=\d+ +xmax=\d+ +ymax=\d+ *\n$/);
    const totals = (f: string) => JSON.parse(flowsift(['stat', '-q', '-f', f, '--output', 'json', file]).stdout.toString()).totals;
    expect(totals('13').flows).toBe(500);
    for (const f of ['13', '14']) expect(totals(f)).toEqual(totals('15'));
  }, 120_000);

  it('header names the byte where a bad or short header failed, prints the good ones, and exits 3', () => {
    const bad = path.join(dir, 'hdr-bad.ft'), short = path.join(dir, 'hdr-short.ft');
    fs.writeFileSync(bad, 'garbage-not-a-flow-file');
    fs.writeFileSync(short, fs.readFileSync(file).subarray(0, 40));
    const r = flowsift(['header', bad, short, file]);
    expect(r.status).toBe(3);
    expect(r.stderr.toString()).toBe(`flowsift: ${bad}: byte 0: ftiheader_read(): Warning, bad magic number\nflowsift: ${short}: byte 40: Short read while loading header\n`);
    expect(r.stdout.toString()).toContain(`# file: ${file}\n`);
  }, 120_000);

  it('header shows a file once however many arguments name it, says so, and exits 0', () => {
    const sub = path.join(dir, 'once'), one = path.join(sub, 'ft-v05.one');
    fs.mkdirSync(sub);
    fs.copyFileSync(file, one);
    const r = flowsift(['header', one, sub, one]);
    expect(r.status, r.stderr.toString()).toBe(0);
    expect(r.stdout.toString().split(`# file: ${one}\n`)).toHaveLength(2);
    expect(r.stderr.toString()).toContain(`flowsift: ${one}: already read (another argument or a link leads to it too): read once\n`);
  }, 120_000);

  it('gen refuses a --start whose archive would not fit in 32-bit unix time, and writes one that does', () => {
    const out = path.join(dir, 'gen');
    for (const start of ['1969-12-31T23:00:00Z', '2106-02-07T06:00:00Z', 'not a date']) {
      const r = flowsift(['gen', '--files', '2', '--flows', '5', '--start', start, out]);
      expect(r.status, start).toBe(2);
      expect(r.stderr.toString()).toMatch(/^flowsift: --start: /);
      expect(fs.existsSync(out)).toBe(false);
    }
    const ok = flowsift(['gen', '--files', '2', '--flows', '5', '--start', '2106-02-07T05:00:00Z', out]);
    expect(ok.status, ok.stderr.toString()).toBe(0);
    const scan = flowsift(['scan', '-q', '--output', 'json', out]);
    expect(JSON.parse(scan.stdout.toString())).toMatchObject({ records: 10 });
  }, 120_000);

  it('cat -o with a filter writes the count of flows written, not read, into the header', () => {
    const out = path.join(dir, 'filtered.ft');
    const r = flowsift(['cat', '-q', '--where', '$srcport < 1250', '-o', out, file]);
    expect(r.status, r.stderr.toString()).toBe(0);
    const header = spawnSync(path.join(bin, 'flow-header'), [], { input: fs.readFileSync(out), env }).stdout.toString();
    const printed = spawnSync(path.join(bin, 'flow-print'), [], { input: fs.readFileSync(out), env }).stdout.toString().split('\n').filter((l) => /^\d/.test(l)).length;
    expect(printed).toBeGreaterThan(0);
    expect(printed).toBeLessThan(500);
    expect(header).toMatch(new RegExp(`# capture flows: +${printed}\n`));
  }, 120_000);

  it('a full output device is a one-line error naming standard output, status 1 (not an internal error)', () => {
    const fd = fs.openSync('/dev/full', 'w');
    try {
      const r = spawnSync(path.join(bin, 'flowsift'), ['print', '-q', file], { env, stdio: ['ignore', fd, 'pipe'], timeout: 120_000 });
      expect(r.status).toBe(1);
      expect(r.stderr.toString()).toBe('flowsift: write to standard output: ENOSPC: no space left on device, write\n');
    } finally {
      fs.closeSync(fd);
    }
  }, 120_000);

  it('standard input named twice is read once; --threads past what the machine can use is capped; nothing readable is status 1', () => {
    const bytes = fs.readFileSync(file);
    const twice = spawnSync(path.join(bin, 'flowsift'), ['scan', '-q', '-', '-'], { env, input: bytes, timeout: 120_000 });
    expect(twice.status).toBe(3);
    expect(twice.stdout.toString()).toMatch(/records: +500\n/);
    expect(twice.stderr.toString()).toContain('standard input named more than once, read once');
    const many = flowsift(['scan', '-q', '--threads', '100000', file]);
    expect(many.status).toBe(0);
    expect(many.stdout.toString()).toMatch(/records: +500\n/);
    expect(many.stderr.toString()).toMatch(/--threads 100000 is more than this machine can use; running \d+\n/);
    const none = flowsift(['scan', '-q', path.join(dir, 'no-such-file')]);
    expect(none.status).toBe(1);
    expect(none.stderr.toString()).toContain('No such file or directory');
  }, 120_000);

  it('a --where expression that fails at run time is named as the filter with its record, raw or zlib, never as corrupt data', () => {
    const z = writeFlowFile(path.join(dir, 'ft-v05.z'), someRecords(500), { zLevel: 6 });
    for (const f of [file, z]) {
      const r = flowsift(['stat', '-q', '-f', '0', '--where', '$bytes / ($dstport - 80) > 100', f]);
      const err = r.stderr.toString();
      expect(r.status, err).toBe(1);
      expect(err).toMatch(/byte \d+: the filter failed on this record: Illegal division by zero/);
      expect(err).not.toMatch(/inflate|damaged/);
    }
  }, 120_000);

  it('options that would be silently ignored or contradict each other are usage errors', () => {
    const cases: Array<[string[], RegExp]> = [
      [['scan', '-q', '--seed', '7', file], /--seed applies to a --filter-file definition/],
      [['scan', '-q', '--seed', 'abc', file], /--seed takes a non-negative integer, not "abc"/],
      [['scan', '-q', '-v', 'NET=10.0.0.0/8', file], /-v applies to a --filter-file definition/],
      [['scan', '-q', '-v', 'FOO', file], /-v FOO: expecting VAR=value/],
      [['stat', '-q', '-f', '5', '-S', '1', '-s', '2', file], /-S and -s both given/],
    ];
    for (const [args, want] of cases) {
      const r = flowsift(args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr.toString()).toMatch(want);
    }
  }, 120_000);

  it('a dangling link and a path that is neither file nor directory are named plainly', () => {
    const link = path.join(dir, 'gone-link');
    fs.symlinkSync(path.join(dir, 'never-there'), link);
    const r = flowsift(['scan', '-q', link, '/dev/null', file]);
    const err = r.stderr.toString();
    expect(r.status).toBe(3);
    expect(err).toContain(`${link}: dangling symbolic link\n`);
    expect(err).toContain('/dev/null: not a regular file or a directory, skipping\n');
  }, 120_000);

  it('a named pipe is read as a stream (process substitution, a FIFO), beside regular files', () => {
    const fifo = path.join(dir, 'pipe');
    spawnSync('mkfifo', [fifo]);
    const r = spawnSync('bash', ['-c', `cat "$1" > "$2" & "$3" scan -q "$2" "$1"`, 'sh', file, fifo, path.join(bin, 'flowsift')], { env, timeout: 120_000 });
    expect(r.status, r.stderr.toString()).toBe(0);
    expect(r.stdout.toString()).toMatch(/files: +2\nrecords: +1000\n/);
    const sub = spawnSync('bash', ['-c', `"$2" stat -q -f 5 <(cat "$1") | grep -v Args; "$2" stat -q -f 5 "$1" | grep -v Args`, 'sh', file, path.join(bin, 'flowsift')], { env, timeout: 120_000 });
    const out = sub.stdout.toString();
    const half = out.length / 2;
    expect(out.slice(0, half)).toBe(out.slice(half));
    expect(out).toMatch(/\n80 +500 /);
  }, 120_000);
  it('overlapping arguments read each file once: same totals as the directory alone, a note, status 0', () => {
    const arch = path.join(dir, 'overlap');
    writeFlowFile(path.join(arch, 'ft-v05.1'), someRecords(40), { capStart: 1 });
    const day = writeFlowFile(path.join(arch, 'day', 'ft-v05.2'), someRecords(60, 40), { capStart: 2 });
    const alone = flowsift(['stat', '-q', '-f', '0', arch]);
    const both = flowsift(['stat', '-q', '-f', '0', arch, path.join(arch, 'day'), day]);
    expect(both.status, both.stderr.toString()).toBe(0);
    expect(both.stdout.toString()).toBe(alone.stdout.toString().replace(/^(# Args: .*)$/m, (l) => l.replace(arch, `${arch} ${path.join(arch, 'day')} ${day}`)));
    expect(both.stderr.toString()).toBe(`flowsift: ${path.join(arch, 'day')}: directory already named by an earlier argument: read once\n`
      + `flowsift: ${day}: already read (another argument or a link leads to it too): read once\n`);
    expect(flowsift(['scan', '-q', arch, day]).stdout.toString()).toMatch(/records: +100\n/);
  }, 120_000);
});
