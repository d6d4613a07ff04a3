// flow-nfilter in-process: the stream it writes (header, records, byte order, compression) and its
// exit statuses for bad configs, missing definitions and fields the input version lacks.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { flowNfilter, takeSeed } from '../../../src/cli/flow-nfilter.ts';
import type { CliIO } from '../../../src/cli/runtime.ts';
import { bufferSource, readHeader } from '../../../src/format/header.ts';
import { RecordView } from '../../../src/format/record.ts';
import { HEADER_FLAG } from '../../../src/format/constants.ts';
import { Output } from '../../../src/io/output.ts';

const DIR = path.resolve(import.meta.dirname, '../../fixtures/filter');
const CFG = path.join(DIR, 'conformance-filter.cfg');
const V5 = path.join(DIR, 'flowgen-v5.n100.ft');

async function run(argv: string[], input = V5): Promise<{ status: number; out: Buffer; err: string }> {
  let err = '';
  const io: CliIO = { out: Output.memory(), err: (t) => { err += t; }, env: { FLOWSIFT_THREADS: '1' }, stdinPath: input, stderrIsTTY: false };
  const status = await flowNfilter(argv, io);
  return { status, out: Buffer.from(io.out.text(), 'latin1'), err };
}

/** Records of a stream as RecordViews (decompressing when the header says so). */
function records(stream: Buffer): { header: ReturnType<typeof readHeader>['header']; views: RecordView[] } {
  const { header, layout } = readHeader(bufferSource(stream));
  let data = stream.subarray(header.headerSize);
  if (header.flags & HEADER_FLAG.COMPRESS) data = zlib.inflateSync(data);
  const dv = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const views: RecordView[] = [];
  for (let p = 0; p + layout.size <= data.length; p += layout.size) views.push(new RecordView(layout, dv, header.littleEndian).at(p));
  return { header, views };
}

describe('flow-nfilter', () => {
  const input = records(fs.readFileSync(V5)).views;

  it('keeps exactly the TCP flows, in order, with the streaming header flow-nfilter writes', async () => {
    const r = await run(['-f', CFG, '-F', 'prot-tcp']);
    expect(r.status).toBe(0);
    // EX_VER 5, CAP_START 0, CAP_END 0, HEADER_FLAGS STREAMING, FLOW_COUNT 0, padded to 48 bytes
    expect(r.out.subarray(0, 48).toString('hex')).toBe(
      'cf100103300000000200020005000600040000000000070004000000000008000400080000000a00040000000000' + '0000',
    );
    const want = input.filter((v) => v.prot === 6).map((v) => v.srcaddr);
    expect(records(r.out).views.map((v) => v.srcaddr)).toEqual(want);
  });

  it('-b big, -z 6, -C and -k', async () => {
    const r = await run(['-b', 'big', '-z', '6', '-C', 'hello', '-k', '-f', CFG, '-F', 'prot-udp-icmp']);
    expect(r.status).toBe(0);
    const { header, views } = records(r.out);
    expect(header.littleEndian).toBe(false);
    expect(header.flags & HEADER_FLAG.COMPRESS).toBeTruthy();
    expect(header.comments).toBe('hello');
    expect(header.capStart).toBe(0);
    expect(views.map((v) => [v.prot, v.dstport])).toEqual(input.filter((v) => v.prot === 17 || v.prot === 1).map((v) => [v.prot, v.dstport]));
  });

  it('-v sets variables; a default definition is used without -F', async () => {
    const r = await run(['-f', CFG, '-F', 'var-port', '-v', 'PORTPRIM=port-low']);
    expect(records(r.out).views.length).toBe(input.filter((v) => v.dstport <= 1023).length);
    const d = await run(['-f', CFG]);
    expect(records(d.out).views.length).toBe(input.filter((v) => v.prot === 6).length);
  });

  it('exit 1 and no output: missing definition, config errors, field not in flow, bad options', async () => {
    const bad = path.join(DIR, 'flowgen-v5.n100.ft');
    for (const argv of [
      ['-f', CFG, '-F', 'no-such-definition'],
      ['-f', '/nonexistent.cfg', '-F', 'x'],
      ['-f', CFG, '-F', 'prot-tcp', '-z', '10'],
      ['-f', CFG, '-F', 'prot-tcp', '-b', 'middle'],
      ['-f', CFG, '-F', 'prot-tcp', '-v', 'NOEQUALS'],
      ['-f', CFG, '-F', 'prot-tcp', 'extra'],
      ['-h'],
    ]) {
      const r = await run(argv, bad);
      expect({ argv, status: r.status, bytes: r.out.length }).toEqual({ argv, status: 1, bytes: 0 });
    }
    const v81 = await run(['-f', CFG, '-F', 'prot-tcp'], path.join(DIR, 'flowgen-v8.1.n100.ft'));
    expect([v81.status, v81.out.length]).toEqual([1, 0]);
    expect(v81.err).toMatch(/Filter references a field not in flow/);
  });

  it('a config with errors reports them all with positions and writes nothing', async () => {
    const tmp = path.join(fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'nf-')), 'bad.cfg');
    fs.writeFileSync(tmp, 'filter-primitive p\n  type ip-port\n  permit 99999\nfilter-definition d\n  match dst-ip-port q\n');
    const r = await run(['-f', tmp, '-F', 'd']);
    expect(r.status).toBe(1);
    expect(r.out.length).toBe(0);
    expect(r.err).toMatch(/bad\.cfg:3:10: error: value out of range/);
    expect(r.err).toMatch(/bad\.cfg:5:21: error: unable to resolve primitive "q"/);
  });

  it('--seed is taken out before getopt', () => {
    expect(takeSeed(['--seed', '5', '-f', 'x'])).toEqual({ argv: ['-f', 'x'], seed: 5 });
    expect(takeSeed(['--seed=x']).error).toBeDefined();
  });
});
