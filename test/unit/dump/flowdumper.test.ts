import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { flowdumper } from '../../../src/cli/flowdumper.ts';
import { Output } from '../../../src/io/output.ts';
import type { CliIO } from '../../../src/cli/runtime.ts';

// real flow-tools files and Cflow's outputs, shared with the golden suite
const data = path.resolve(import.meta.dirname, '../../fixtures/golden');
const F1305 = path.join(data, 'data/fixtures/ft-v05.2005-07-06.130500-0400');
const SEED = path.join(data, 'data/seed/ft-v05.2005-07-06.102500-0400');

beforeAll(() => {
  process.env.TZ = 'UTC';
});

async function dumper(argv: string[]): Promise<{ status: number; out: string; err: string }> {
  let err = '';
  const io: CliIO = { out: Output.memory(), err: (t) => { err += t; }, env: { FLOWSIFT_THREADS: '1' }, stderrIsTTY: false };
  const status = await flowdumper(argv, io);
  return { status, out: io.out.text(), err };
}

function expected(name: string): string {
  const p = path.join(data, 'expected/flowdumper', name);
  const b = fs.readFileSync(p);
  return (p.endsWith('.gz') ? zlib.gunzipSync(b) : b).toString('latin1');
}

/** Cflow's flag names come in Perl hash order: compare them as sets */
function sortFlags(s: string): string {
  return s.replace(/\(([A-Z|]+)\)/g, (_, n: string) => `(${n.split('|').sort().join('|')})`);
}

describe('flowdumper', () => {
  it('the seed\'s first example: 6 ne $protocol && 17 ne $protocol && 1 ne $protocol', async () => {
    const r = await dumper(['-e', '6 ne $protocol && 17 ne $protocol && 1 ne $protocol', F1305]);
    expect(r.status).toBe(0);
    expect(sortFlags(r.out)).toBe(sortFlags(expected('ft-v05.2005-07-06.130500-0400-e-not-tcp-udp-icmp.out')));
  });

  it('the seed\'s second example: 0x0 ne $tos (short format)', async () => {
    const r = await dumper(['-s', '-e', '0x0 ne $tos', F1305]);
    expect(sortFlags(r.out)).toBe(sortFlags(expected('ft-v05.2005-07-06.130500-0400-s-e-tos-nonzero.out')));
  });

  it('the seed\'s third example: "192.168.88.134" eq $exporterip', async () => {
    const r = await dumper(['-c', '-s', '-e', '"192.168.88.134" eq $exporterip', SEED]);
    expect(r.err).toMatch(/^matched \d+ of 6623 flows\n$/);
    const n = Number(/matched (\d+)/.exec(r.err)![1]);
    expect(n).toBeGreaterThan(0);
    expect(r.out.split('\n').length - 1).toBe(n);
    const all = await dumper(['-s', SEED]);
    const router = (await dumper(['-e', '"192.168.88.134" eq $exporterip', SEED])).out.match(/ router: +192\.168\.88\.134\n/g);
    expect(router?.length).toBe(n);
    expect(all.out.length).toBeGreaterThan(r.out.length);
  });

  it('$Bps > 100000 selects what Cflow selects', async () => {
    const r = await dumper(['-s', '-e', '$Bps > 100000', F1305]);
    expect(sortFlags(r.out)).toBe(sortFlags(expected('ft-v05.2005-07-06.130500-0400-s-e-Bps.out')));
  });

  it('a stateful -e (run in order on one thread) selects the same flows as the pure one', async () => {
    const pure = await dumper(['-s', '-e', '$protocol == 17 && $bytes > 1000', F1305]);
    const stateful = await dumper(['-s', '-e', '$seen++; $protocol == 17 && $bytes > 1000', F1305]);
    expect(stateful.out).toBe(pure.out);
  });

  it('-I, -n, -E and print: counting distinct sources', async () => {
    const r = await dumper(['-I', '$flows = 0', '-n', '-e', '$flows++; $src{$srcip}++', '-E', 'printf "%d flows, %d sources\\n", $flows, scalar(keys %src)', F1305]);
    expect(r.status).toBe(0);
    expect(r.out).toBe('1000 flows, 491 sources\n');
  });

  it('exit ends the run with its status; -c counts "matched N of M"', async () => {
    const head = await dumper(['-I', '$n = 3', '-s', '-e', '$n-- > 0 or exit 3', F1305]);
    expect(head.status).toBe(3);
    expect(head.out.split('\n').length - 1).toBe(3);
    const c = await dumper(['-c', '-n', '-e', '6 == $protocol', F1305]);
    expect(c.err).toBe('matched 682 of 1000 flows\n');
  });

  it('a run-time error ends with status 255 like Perl\'s die', async () => {
    const r = await dumper(['-e', '1 / ($protocol - $protocol)', F1305]);
    expect(r.status).toBe(255);
    expect(r.err).toContain('Illegal division by zero');
  });

  it('expression errors are reported with a caret before any file is read', async () => {
    const r = await dumper(['-e', '6 ne $protcol', '/nonexistent/file']);
    expect(r.status).toBe(2);
    expect(r.err).toBe('flowdumper: -e:1:6: unknown variable $protcol; did you mean $protocol?\n  6 ne $protcol\n       ^^^^^^^^\n');
  });

  it('-r writes 55-byte raw records; -o %s writes one file per input', async () => {
    const raw = await dumper(['-r', '-e', '$protocol == 1', F1305]);
    expect(raw.out.length % 55).toBe(0);
    expect(raw.out.length / 55).toBe(57);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flowdumper-'));
    try {
      const r = await dumper(['-s', '-o', path.join(dir, '%s.txt'), F1305, SEED]);
      expect(r.out).toBe('');
      expect(fs.readdirSync(dir).sort()).toEqual([`${path.basename(F1305)}.txt`, `${path.basename(SEED)}.txt`].sort());
      expect(fs.readFileSync(path.join(dir, `${path.basename(F1305)}.txt`), 'latin1')).toBe((await dumper(['-s', F1305])).out);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('v8 files are skipped (Cflow reads v1, v5, v6, v7); options needing Perl modules are refused', async () => {
    expect((await dumper([path.join(data, 'data/flowgen/flowgen-v8.1.n100.ft')])).out).toBe('');
    for (const o of [['-p', 'x'], ['-B', 'x'], ['-R']]) {
      const r = await dumper([...o, F1305]);
      expect(r.status).toBe(1);
      expect(r.err).toContain('not supported');
    }
  });
});
