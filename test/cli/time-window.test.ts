/**
 * `--from/--to` on the fused commands, end to end: the flows kept are exactly those a brute-force
 * pass over the generated records selects, files outside the window by their capture times are left
 * unread (and said so) without changing any answer, consecutive `--window-by start` windows split
 * the archive with no flow counted twice, and bad times are usage errors before any input is read.
 * Runs bin/ (compiled dist/).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tmpDir, writeFlowFile, type Rec } from '../helpers/flowfile.ts';

const bin = path.resolve(import.meta.dirname, '../../bin');
const env = { ...process.env, TZ: 'UTC', FLOWSIFT_THREADS: '2' };

function flowsift(args: string[]) {
  return spawnSync(path.join(bin, 'flowsift'), args, { env, maxBuffer: 1 << 26, timeout: 120_000 });
}

const T0 = 1_793_491_200; // 2026-11-01T00:00:00Z
const FILES = 8;
const PER_FILE = 300;
const iso = (s: number): string => new Date(s * 1000).toISOString().replace('.000Z', 'Z');

interface Flow { start: number; end: number; octets: number }

/** Eight 15-minute captures; flows exported within each, lasting up to 20 minutes. */
function archive(dir: string): Flow[] {
  const flows: Flow[] = [];
  let seed = 7;
  const rnd = (n: number): number => { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; return seed % n; };
  for (let f = 0; f < FILES; f++) {
    const capStart = T0 + f * 900;
    const recs: Rec[] = [];
    for (let i = 0; i < PER_FILE; i++) {
      const exportMs = (capStart + rnd(900)) * 1000 + rnd(1000);
      const up = 800_000_000 + rnd(1_000_000);
      const lag = 1 + rnd(4000), dur = rnd(1_200_000);
      const end = exportMs - lag, start = end - dur;
      const octets = 40 + rnd(100_000);
      recs.push({
        unix_secs: Math.floor(exportMs / 1000), unix_nsecs: (exportMs % 1000) * 1_000_000, sysUpTime: up,
        First: up - (exportMs - start), Last: up - lag, srcaddr: 0x0a000000 + rnd(50), dstaddr: 0xc0a80000 + rnd(9),
        srcport: 1024 + rnd(5000), dstport: [80, 443, 53][rnd(3)]!, prot: 6, dPkts: 1 + rnd(20), dOctets: octets,
      });
      flows.push({ start, end, octets });
    }
    writeFlowFile(path.join(dir, `ft-v05.${String(f).padStart(2, '0')}`), recs, { capStart, capEnd: capStart + 900 });
  }
  return flows;
}

function scanJson(args: string[]): { flows: number; octets: number; files: number } {
  const r = flowsift(['scan', '-q', '--output', 'json', ...args]);
  expect(r.status, r.stderr.toString()).toBe(0);
  return JSON.parse(r.stdout.toString()) as { flows: number; octets: number; files: number };
}

describe('flowsift --from/--to', () => {
  const dir = tmpDir();
  const flows = archive(dir);
  const from = T0 + 5400, to = T0 + 6000; // 01:30-01:40
  const inWindow = (f: Flow): boolean => f.end >= from * 1000 && f.start < to * 1000;

  it('keeps exactly the flows that overlap the window; pruned files change nothing', () => {
    const want = flows.filter(inWindow);
    expect(want.length).toBeGreaterThan(50);
    const args = [dir, '--from', iso(from), '--to', iso(to)];
    const pruned = scanJson(args);
    expect(pruned.flows).toBe(want.length);
    expect(pruned.octets).toBe(want.reduce((s, f) => s + f.octets, 0));
    // a capture ending before 00:30 (01:30 less the hour's margin) is not read: file 00 (00:00-00:15);
    // file 01 ends at 00:30 exactly and is read
    expect(pruned.files).toBe(FILES - 1);
    const all = scanJson([...args, '--prune-margin', 'none']);
    expect(all.files).toBe(FILES);
    expect(all.flows).toBe(want.length);
    // a margin too small for these 20-minute flows loses some of them: the margin is the operator's promise
    expect(scanJson([...args, '--prune-margin', '0']).flows).toBeLessThan(want.length);
  }, 120_000);

  it('says how many files it left unread, unless quiet; --stats counts them', () => {
    const r = flowsift(['scan', '--stats', dir, '--from', iso(T0 + 7200)]);
    expect(r.status).toBe(0);
    const err = r.stderr.toString();
    // captures ending before 01:00: 00:15, 00:30, 00:45
    expect(err).toContain(`flowsift: 3 of ${FILES} files not read: their capture times lie more than 3600 s outside the window from 2026-11-01T02:00:00Z (--prune-margin none reads them)`);
    expect(err).toMatch(/"filesPruned":3/);
    expect(flowsift(['scan', '-q', dir, '--from', iso(T0 + 7200)]).stderr.toString()).toBe('');
  }, 120_000);

  it('--window-by start splits the archive: consecutive windows add up to the whole, each flow once', () => {
    let total = 0;
    for (let t = T0 - 1800; t < T0 + FILES * 900; t += 1200) {
      const got = scanJson([dir, '--from', iso(t), '--to', iso(t + 1200), '--window-by', 'start']).flows;
      expect(got).toBe(flows.filter((f) => f.start >= t * 1000 && f.start < (t + 1200) * 1000).length);
      total += got;
    }
    expect(total).toBe(flows.length);
    const ends = scanJson([dir, '--to', iso(T0 + 3600), '--window-by', 'end']).flows;
    expect(ends).toBe(flows.filter((f) => f.end < (T0 + 3600) * 1000).length);
  }, 120_000);

  it('print and stat select the same flows, and combine with --where and --filter', () => {
    const args = ['--from', iso(from), '--to', iso(to)];
    const nd = flowsift(['print', '-q', '--output', 'ndjson', dir, ...args]);
    expect(nd.status).toBe(0);
    expect(nd.stdout.toString().trim().split('\n').length).toBe(flows.filter(inWindow).length);
    const st = flowsift(['stat', '-q', '-f', '5', '--output', 'json', dir, ...args, '--where', '$dstport == 443']);
    expect(st.status, st.stderr.toString()).toBe(0);
    const doc = JSON.parse(st.stdout.toString()) as { totals: { flows: number }; rows: Array<{ dstport: number }> };
    expect(doc.rows.map((r) => r.dstport)).toEqual([443]);
    const same = flowsift(['stat', '-q', '-f', '5', '--output', 'json', dir, ...args, '--where', '$dstport == 443', '--prune-margin', 'none']);
    expect(same.stdout.toString()).toBe(st.stdout.toString());
    expect(doc.totals.flows).toBeGreaterThan(0);
    // cat writes the window's flows as a flow file, leaving the same files unread
    const out = path.join(tmpDir(), 'window.ft');
    const cat = flowsift(['cat', dir, ...args, '-o', out]);
    expect(cat.status, cat.stderr.toString()).toBe(0);
    expect(cat.stderr.toString()).toContain(`flowsift: 1 of ${FILES} files not read`);
    expect(scanJson([out]).flows).toBe(flows.filter(inWindow).length);
  }, 120_000);

  it('a time it cannot read, an empty window or a bad margin is a usage error naming it', () => {
    const bad = flowsift(['scan', '-q', dir, '--from', 'half past nine-ish']);
    expect(bad.status).toBe(2);
    expect(bad.stderr.toString()).toContain('--from: cannot read "half past nine-ish" as a time');
    expect(bad.stdout.length).toBe(0);
    const empty = flowsift(['stat', '-q', dir, '--from', iso(to), '--to', iso(from)]);
    expect(empty.status).toBe(2);
    expect(empty.stderr.toString()).toContain('the time window is empty: --from 2026-11-01T01:40:00Z is not before --to 2026-11-01T01:30:00Z');
    const margin = flowsift(['print', '-q', dir, '--from', iso(from), '--prune-margin', '-1']);
    expect(margin.status).toBe(2);
    expect(margin.stderr.toString()).toContain('--prune-margin must be a whole number of seconds or "none", not "-1"');
    const by = flowsift(['scan', '-q', dir, '--from', iso(from), '--window-by', 'middle']);
    expect(by.status).toBe(2);
  }, 120_000);
});
