// `flowsift check-filter`: exit statuses, the report line, and --dump.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { flowsift } from '../../../src/cli/flowsift.ts';
import type { CliIO } from '../../../src/cli/runtime.ts';
import { Output } from '../../../src/io/output.ts';

const DIR = path.resolve(import.meta.dirname, '../../fixtures/filter');

async function run(argv: string[]): Promise<{ status: number; out: string; err: string }> {
  let err = '';
  const io: CliIO = { out: Output.memory(), err: (t) => { err += t; }, env: {}, stderrIsTTY: false };
  const status = await flowsift(argv, io);
  return { status, out: io.out.text(), err };
}

describe('flowsift check-filter', () => {
  it('a clean config: status 0 and a count line', async () => {
    const r = await run(['check-filter', path.join(DIR, 'conformance-filter.cfg')]);
    expect(r.status).toBe(0);
    expect(r.err).toMatch(/65 primitives, 81 definitions; 0 errors, 0 mistakes/);
  });

  it('the seed config: its ip-address prefix is a mistake (status 1)', async () => {
    const r = await run(['check-filter', path.join(DIR, 'seed-filter.cfg')]);
    expect(r.status).toBe(1);
    expect(r.err).toMatch(/seed-filter\.cfg:24:10: mistake: "192\.168\.88\.0\/24" is not a prefix/);
    expect(r.err).toMatch(/\n {4} {2}permit 192\.168\.88\.0\/24\n {4} {9}\^{15}\n/);
  });

  it('a binary file (a flow file given as the config): one error naming the first NUL byte', async () => {
    const tmp = path.join(fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'cf-')), 'ft-v05.x');
    fs.writeFileSync(tmp, Buffer.concat([Buffer.from('filter-primitive p\n  type ip-port\n'), Buffer.from([0xcf, 0x10, 0, 5]), Buffer.alloc(3000, 0x41)]));
    const r = await run(['check-filter', tmp]);
    expect(r.status).toBe(1);
    expect(r.err).toBe(`${tmp}: error: not a filter.cfg: byte 36 is NUL (a binary file: a flow file?)\n${tmp}: 0 primitives, 0 definitions; 1 errors, 0 mistakes, 0 warnings\n`);
  });

  it('errors: all of them, status 1, no dump', async () => {
    const tmp = path.join(fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'cf-')), 'bad.cfg');
    fs.writeFileSync(tmp, 'filter-primitive p\n  type ip-port\n  permit 80,http,99999\nfilter-definition d\n  match dst-ip-port q\n  match src-port p\n');
    const r = await run(['check-filter', '--dump', tmp]);
    expect(r.status).toBe(1);
    expect(r.out).toBe('');
    expect(r.err.match(/: error: /g)).toHaveLength(3);
  });

  it('--dump shows the plan and the generated predicate', async () => {
    const r = await run(['check-filter', '--dump', '-F', 'allmail', '--layout', '5', path.join(DIR, 'seed-filter.cfg')]);
    expect(r.out).toMatch(/^filter-definition allmail\n {2}reads: dstaddr dstport prot srcaddr\n {2}group 1:\n/);
    expect(r.out).toMatch(/or group 2:/);
    expect(r.out).toMatch(/return function nfilter\(v\)/);
    const v81 = await run(['check-filter', '--dump', '-F', 'allmail', '--layout', '8.1', path.join(DIR, 'seed-filter.cfg')]);
    expect(v81.out).toMatch(/v8\.1 flows lack dstaddr, dstport, prot, srcaddr/);
  });
});
