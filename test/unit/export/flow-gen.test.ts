import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tmpDir } from '../../helpers/flowfile.ts';
import { run } from './run-tool.ts';

const dir = tmpDir('flowsift-gen-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const HOST = Buffer.from('flow-gen\0', 'latin1').toString('hex');

describe('flow-gen header', () => {
  it('v5: EX_VER, HEADER_FLAGS streaming, CAP_HOSTNAME and COMMENTS "flow-gen", 48 bytes', async () => {
    const r = await run('flow-gen', ['-n', '0']);
    expect(r.status).toBe(0);
    expect(r.out.toString('hex')).toBe(`cf100103${'30000000'}020002000500${'0800040008000000'}0f000900${HOST}10000900${HOST}`);
  });

  it('v8 adds the (unaligned) AGG_VER and AGG_METHOD TLVs; -z sets COMPRESS', async () => {
    const r = await run('flow-gen', ['-V', '8.3', '-n', '0', '-z', '6']);
    expect(r.out.subarray(8, 32).toString('hex')).toBe('020002000800' + '0300010002' + '0400010003' + '080004000a000000');
  });

  it('-b big writes the header (and records) big-endian', async () => {
    const r = await run('flow-gen', ['-b', 'big', '-n', '1']);
    expect(r.out.subarray(0, 14).toString('hex')).toBe('cf10020300000030000200020005');
    expect(r.out.length).toBe(48 + 64);
    expect(r.out.readUInt32BE(48 + 20)).toBe(0xffff0000); // dstaddr preset
  });
});

describe('flow-gen records', () => {
  it('default: 1000 v5 records counting up from the presets', async () => {
    const r = await run('flow-gen', []);
    expect(r.out.length).toBe(48 + 1000 * 64);
    const rec = (i: number, off: number, size: 1 | 2 | 4): number => {
      const p = 48 + i * 64 + off;
      return size === 4 ? r.out.readUInt32LE(p) : size === 2 ? r.out.readUInt16LE(p) : r.out[p]!;
    };
    expect([rec(0, 32, 4), rec(0, 20, 4), rec(0, 50, 2), rec(0, 52, 1)]).toEqual([1, 0xffff0000, 0xff00, 17]);
    expect([rec(999, 16, 4), rec(999, 32, 4), rec(999, 53, 1), rec(999, 62, 2)]).toEqual([999, 1000, 999 & 255, (0xff00 + 999) & 0xffff]);
  });

  it('versions it has no generator for fail like ftio_set_ver()', async () => {
    const r = await run('flow-gen', ['-V', '2']);
    expect(r).toMatchObject({ status: 1, err: 'flow-gen: Unsupported record type\nflow-gen: ftio_set_ver(): failed\n' });
    expect(r.out.length).toBe(0);
  });

  // the golden fixtures-versions files are flow-gen's own output, 1000 records each
  const golden = path.resolve(import.meta.dirname, '../../fixtures/golden/data/fixtures-versions');
  const versions = ['1', '6', '7', '1005', ...Array.from({ length: 14 }, (_, i) => `8.${i + 1}`)];
  for (const v of versions) {
    const [d, m] = v.split('.');
    const file = path.join(golden, `ft-v${d!.padStart(2, '0')}${m ? `m${m.padStart(2, '0')}` : ''}.2005-07-06.120000-0400`);
    it.runIf(fs.existsSync(file))(`matches flow-tools byte for byte: -V ${v}`, async () => {
      const r = await run('flow-gen', ['-V', v]);
      expect(r.out.equals(fs.readFileSync(file))).toBe(true);
    });
  }
});
