/**
 * flow-print behaviour the reference runs do not reach: records with no packets (formats 1, 2, 24),
 * format 2's SYN-scan filter, times before the router booted (uint64 wrap), format 17's cut names,
 * and the missing-field error.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openInput } from '../../../src/engine/open.ts';
import { LAYOUTS } from '../../../src/format/layouts.ts';
import { RecordView } from '../../../src/format/record.ts';
import { createPrinter } from '../../../src/print/printer.ts';
import { TextBuf } from '../../../src/util/textbuf.ts';
import { flowPrintRun, input } from './run.ts';

let tmp = '';

beforeAll(() => {
  process.env.TZ = 'UTC';
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'flowsift-print-'));
});

afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** A copy of fixture `name` whose records were changed by `edit` (record index, its view). */
function patched(name: string, edit: (i: number, v: DataView, at: number, le: boolean) => void): string {
  const src = input(name);
  const inp = openInput(src);
  const bytes = new Uint8Array(fs.readFileSync(src));
  const dv = new DataView(bytes.buffer);
  const n = Math.floor((bytes.length - inp.dataStart) / inp.layout.size);
  for (let i = 0; i < n; i++) edit(i, dv, inp.dataStart + i * inp.layout.size, inp.header.littleEndian);
  const out = path.join(tmp, `${name}.${Math.random().toString(36).slice(2)}`);
  fs.writeFileSync(out, bytes);
  return out;
}

const lines = (s: string): string[] => s.split('\n');

describe('records with dPkts == 0', () => {
  // v7 has every field format 24 needs; dPkts is at offset 32
  const file = (): string => patched('flowgen-v7.n100.ft', (i, dv, at, le) => {
    if (i === 3 || i === 10) dv.setUint32(at + 32, 0, le);
  });

  it.each([['1', 3], ['24', 1]] as const)('format %s skips them with one stderr line each', async (f, perRecord) => {
    const plain = await flowPrintRun(['-f', f], 'flowgen-v7.n100.ft');
    const r = await flowPrintRun(['-f', f], file());
    expect(r.status).toBe(0);
    expect(r.err).toBe('Ignoring bogus flow dPkts=0\n'.repeat(2));
    expect(lines(r.out).length).toBe(lines(plain.out).length - 2 * perRecord);
  });

  it('format 2 warns about them too', async () => {
    const r = await flowPrintRun(['-f', '2'], file());
    expect(r.err).toBe('Ignoring bogus flow dPkts=0\n'.repeat(2));
  });

  it('format 5 prints them', async () => {
    const r = await flowPrintRun(['-f', '5'], file());
    expect(r.err).toBe('');
    expect(lines(r.out).length).toBe(100 + 3);
  });
});

describe('format 2', () => {
  it('prints TCP flows of exactly two 40-byte SYN-only packets', async () => {
    // v5: dPkts@32 dOctets@36 prot@52 tcp_flags@54
    const file = patched('flowgen-v5.n100.ft', (i, dv, at, le) => {
      dv.setUint8(at + 52, i === 7 ? 17 : 6);
      dv.setUint8(at + 54, i === 8 ? 0x12 : 2);
      dv.setUint32(at + 32, i === 9 ? 3 : 2, le);
      dv.setUint32(at + 36, i === 9 ? 120 : i === 11 ? 81 : 80, le);
    });
    const r = await flowPrintRun(['-f', '2'], file);
    const records = lines(r.out).filter((l) => /^[0-9a-f]{2} /.test(l));
    expect(records.length).toBe(96);
    expect(r.out).not.toMatch(/^.. {2}0\.0\.0\.7 /m);
    expect(records[0]).toBe('00  0.0.0.0          ff00  255.255.0.0     06 0    ff00 2          80        ');
  });
});

describe('times', () => {
  type TimeField = 'sysUpTime' | 'unix_secs' | 'unix_nsecs' | 'First' | 'Last';

  function printOne(format: number, set: Partial<Record<TimeField, number>>, version = '5'): string {
    const layout = LAYOUTS.get(version)!;
    const rec = new DataView(new ArrayBuffer(layout.size));
    rec.setUint32(layout.offsets.dPkts, 1, true);
    for (const [f, val] of Object.entries(set)) rec.setUint32(layout.offsets[f as TimeField], val, true);
    const p = createPrinter({ kind: 'print', format, wide: false, names: false }, layout, () => undefined);
    if ('error' in p) throw new Error(p.error);
    const out = new TextBuf(64);
    p.record(new RecordView(layout, rec, true), out);
    return out.toString();
  }

  it('a flow before the router booted wraps in uint64 milliseconds, as flow-tools computes it', () => {
    const wrapped = { sysUpTime: 3455993838, unix_secs: 4, unix_nsecs: 5840, First: 600434, Last: 2886729729 };
    expect(printOne(5, wrapped).slice(0, 36)).toBe('0222.14:36:02.212 0328.00:18:11.507 ');
    // 2^64 ms is some 584 million years: format 24 prints the year in full
    expect(printOne(24, wrapped, '7').slice(81, 150))
      .toBe('  584556019-02-22 14:36:02.212  584556019-03-28 00:18:11.507  0.0.0.0');
  });

  it('an export time near 2^32 seconds does not wrap', () => {
    // 4294967295 s + 5 s of flow = 2106-02-07T06:28:20Z
    expect(printOne(5, { unix_secs: 4294967295, sysUpTime: 0, First: 5000, Last: 5000 }).slice(0, 18))
      .toBe('0207.06:28:20.000 ');
  });
});

describe('format 17 -n', () => {
  it('cuts port names to 4 characters and protocol names to 3', async () => {
    const plain = lines((await flowPrintRun(['-f', '17'], 'flowgen-v8.8.n100.ft')).out);
    const named = lines((await flowPrintRun(['-f', '17', '-n'], 'flowgen-v8.8.n100.ft')).out);
    // record 20: srcport = dstport = prot = 20 ("ftp-data", "hmp")
    expect(plain[21]!.slice(65, 84)).toBe('20     20     20   ');
    expect(named[21]!.slice(65, 84)).toBe('ftp-   ftp-   hmp  ');
  });
});

describe('symbol files', () => {
  it('a table that cannot be loaded is reported and numbers are printed', () => {
    const v5 = LAYOUTS.get('5')!;
    const said: string[] = [];
    const p = createPrinter({ kind: 'print', format: 3, wide: false, names: true, symDir: tmp }, v5, () => undefined, (m) => said.push(m));
    if ('error' in p) throw new Error(p.error);
    const rec = new DataView(new ArrayBuffer(v5.size));
    rec.setUint16(48, 22, true);
    rec.setUint8(52, 6);
    const out = new TextBuf(64);
    p.record(new RecordView(v5, rec, true), out);
    expect(out.toString()).toBe('0.0.0.0          0.0.0.0          6     22       0        0           0         \n');
    expect(said).toEqual([`open(${tmp}/tcp-port.sym): No such file or directory`, `open(${tmp}/ip-prot.sym): No such file or directory`]);
  });
});

describe('missing fields', () => {
  it('v1 has no AS numbers: format 4 fails with status 255 and prints nothing', async () => {
    const r = await flowPrintRun(['-f', '4'], 'flowgen-v1.n100.ft');
    expect(r).toEqual({ status: 255, out: '', err: 'flow-print: Flow record missing required field for format.\n' });
  });

  it('v8.10 records carry interfaces but flow-tools says they do not: format 10 fails', async () => {
    expect((await flowPrintRun(['-f', '10'], 'flowgen-v8.10.n100.ft')).status).toBe(255);
  });

  it('-p prints the header before failing', async () => {
    const r = await flowPrintRun(['-p', '-f', '24'], 'flowgen-v5.n100.ft');
    expect(r.status).toBe(255);
    expect(r.out).toMatch(/^#\n# mode: /);
    expect(r.out.endsWith('#\n')).toBe(true);
  });
});
