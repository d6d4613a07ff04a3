// flow-tag in-process: the stream it writes (checked against real flow-tag output, and read back
// with the project's reader), the versions it reads and refuses, its options and usage, a bad
// config (stopped before stdin is read) and a truncated input.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { flowTag } from '../../../src/cli/flow-tag.ts';
import type { CliIO } from '../../../src/cli/runtime.ts';
import { FIELD, HEADER_FLAG } from '../../../src/format/constants.ts';
import type { FlowHeader } from '../../../src/format/header.ts';
import { openInput } from '../../../src/engine/open.ts';
import { scan } from '../../../src/engine/scan.ts';
import { RecordView } from '../../../src/format/record.ts';
import { Output } from '../../../src/io/output.ts';
import { flowFile, someRecords, tmpDir, writeFlowFile, type Rec } from '../../helpers/flowfile.ts';

const GOLDEN = path.resolve(import.meta.dirname, '../../fixtures/golden/data/fixtures');
const V5 = path.join(GOLDEN, 'ft-v05.2005-07-06.125500-0400');
// the tag.cfg the conformance set's tagged-v1005*.ft were made with (flow-tag -T default, from V5)
const CFG = path.resolve(import.meta.dirname, '../../fixtures/tag/conformance-tag.cfg');
const USAGE = 'Usage: flow-tag [-hk] [-b big|little] [-C comment] [-d debug_level]\n       [-t tag_fname ] [-T tag_active ] [-z z_level]\n';

async function run(argv: string[], input = V5, env: Record<string, string> = {}): Promise<{ status: number; out: Buffer; err: string }> {
  let err = '';
  const io: CliIO = { out: Output.memory(), err: (t) => { err += t; }, env: { FLOWSIFT_THREADS: '1', ...env }, stdinPath: input, stderrIsTTY: false, cleanup: new Set() };
  const status = await flowTag(argv, io);
  return { status, out: Buffer.from(io.out.text(), 'latin1'), err };
}

let outputs = 0;

/** A stream's header and records, read back by the project's reader (records in little-endian order). */
async function read(stream: Buffer): Promise<{ header: FlowHeader; views: RecordView[] }> {
  const file = path.join(scratch, `out-${outputs++}`);
  fs.writeFileSync(file, stream);
  const input = openInput(file);
  const parts: Uint8Array[] = [];
  for await (const ev of scan([input], { op: { kind: 'records', byteOrder: 1 }, threads: 1 })) {
    if (ev.kind === 'result' && ev.result.payload.kind === 'bytes') parts.push(ev.result.payload.data);
  }
  const data = Buffer.concat(parts);
  const dv = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const size = input.layout.size;
  const views = Array.from({ length: data.length / size }, (_, i) => new RecordView(input.layout, dv, true).at(i * size));
  return { header: input.header, views };
}

const ip = (s: string): number => s.split('.').reduce((a, o) => a * 256 + Number(o), 0);

const scratch = tmpDir();

describe('flow-tag', () => {
  const dir = tmpDir();

  it('writes what flow-tools\' flow-tag wrote for the conformance fixture, byte for byte', async () => {
    const r = await run(['-t', CFG, '-T', 'default']);
    expect(r.err).toBe('');
    expect(r.status).toBe(0);
    expect(r.out.equals(fs.readFileSync(path.join(GOLDEN, 'tagged-v1005.ft')))).toBe(true);
    // EX_VER 1005, CAP_START 0, CAP_END 0, HEADER_FLAGS STREAMING, FLOW_COUNT 0, padded to 48 bytes
    expect(r.out.subarray(0, 48).toString('hex')).toBe('cf10010330000000020002' + '00ed03' + '0600040000000000070004000000000008000400080000000a000400000000000000');
  });

  it('-z 6: the same header and records as flow-tag -z 6 (zlib\'s bytes may differ)', async () => {
    const r = await run(['-z', '6', '-t', CFG, '-T', 'default']);
    expect(r.status).toBe(0);
    const want = fs.readFileSync(path.join(GOLDEN, 'tagged-v1005.z6.ft'));
    expect(r.out.subarray(0, 48).equals(want.subarray(0, 48))).toBe(true);
    expect(zlib.inflateSync(r.out.subarray(48)).equals(zlib.inflateSync(want.subarray(48)))).toBe(true);
    expect((await read(r.out)).views.length).toBe(5000);
  });

  it('v5 in, v1005 out: every field kept, the tags set by the definition; -b big, -C, -k', async () => {
    const recs: Rec[] = [
      { srcaddr: ip('10.1.0.9'), dstaddr: ip('10.1.4.1'), prot: 6, dstport: 443, srcport: 5000, dPkts: 3, dOctets: 300, src_as: 7, tos: 4 },
      { srcaddr: ip('8.8.8.8'), dstaddr: ip('192.168.3.3'), prot: 6, dstport: 80, dPkts: 1, dOctets: 40 },
      { srcaddr: ip('192.168.1.1'), dstaddr: ip('1.1.1.1'), prot: 17, dstport: 443, dPkts: 9, dOctets: 999 },
    ];
    const input = writeFlowFile(path.join(dir, 'v5'), recs);
    const r = await run(['-b', 'big', '-C', 'tagged here', '-k', '-t', CFG, '-T', 'DEFAULT'], input);
    expect(r.err).toBe('');
    expect(r.status).toBe(0);
    const { header, views } = await read(r.out);
    expect(header.dVersion).toBe(1005);
    expect(header.littleEndian).toBe(false);
    expect(header.comments).toBe('tagged here');
    // -k: flow-tag marks the stream preloaded, then writes capture times of 0 all the same
    expect(header.flags & (HEADER_FLAG.STREAMING | HEADER_FLAG.PRELOADED)).toBe(HEADER_FLAG.STREAMING | HEADER_FLAG.PRELOADED);
    expect([header.capStart, header.capEnd, header.flowsCount]).toEqual([0, 0, 0]);
    expect(header.fields & FIELD.CAP_START).toBeTruthy();
    expect(views.map((v) => [v.srcaddr, v.dstaddr, v.dPkts, v.dOctets, v.src_as, v.tos, v.srcport])).toEqual(
      recs.map((x) => [x.srcaddr, x.dstaddr, x.dPkts, x.dOctets, x.src_as ?? 0, x.tos ?? 0, x.srcport ?? 0]),
    );
    // SRCNET: 10.1.0.0/22 -> 0x10001, 192.168/16 -> 0x20003, else 0/0 -> 0xff0000; DSTNET: 10.1.4.0/22 -> 0x10002,
    // 192.168/16 -> 0x20003, else untouched (0); BYPORT (TCP only): 443 ORs 0x2000000, 80 ORs 0x1000000
    expect(views.map((v) => [v.src_tag, v.dst_tag])).toEqual([
      [0x00010001, 0x02010002],
      [0x00ff0000, 0x01020003],
      [0x00020003, 0],
    ]);
  });

  it('v6 and v7 are translated; v1005 keeps its tags for the definition to OR onto', async () => {
    const cfg = path.join(dir, 'or.cfg');
    fs.writeFileSync(cfg, 'tag-action A\n type tcp-dst-port\n match 80 or-dst 0x100\n match 80 or-src 0x1\ntag-definition D\n term\n  action A\n');
    const rec: Rec = { srcaddr: 1, dstaddr: 2, prot: 6, dstport: 80, dPkts: 5, src_tag: 0x70000000, dst_tag: 0x10 };
    for (const v of ['6', '7']) {
      const r = await run(['-t', cfg, '-T', 'd'], writeFlowFile(path.join(dir, `v${v}`), [rec], { version: v }));
      expect(r.status, r.err).toBe(0);
      const { header, views } = await read(r.out);
      expect(header.dVersion).toBe(1005);
      expect(views.map((x) => [x.dstport, x.dPkts, x.src_tag, x.dst_tag])).toEqual([[80, 5, 0x1, 0x100]]);
    }
    const r = await run(['-t', cfg, '-T', 'd'], writeFlowFile(path.join(dir, 'v1005'), [rec], { version: '1005', littleEndian: false }));
    expect(r.status, r.err).toBe(0);
    expect((await read(r.out)).views.map((x) => [x.dstport, x.src_tag, x.dst_tag])).toEqual([[80, 0x70000001, 0x110]]);
  });

  it('refuses versions without every v5 field, before writing anything', async () => {
    for (const v of ['1', '8.1']) {
      const r = await run(['-t', CFG, '-T', 'default'], writeFlowFile(path.join(dir, `old-${v}`), someRecords(3), { version: v }));
      expect(r).toEqual({ status: 1, out: Buffer.alloc(0), err: `flow-tag: Flow record missing required field for tagging. (the input is v${v}; flow-tag reads v5, v6, v7 and v1005)\n` });
    }
  });

  it('-h, bad options and values: usage or flow-tag\'s message, status 1', async () => {
    expect(await run(['-h'])).toEqual({ status: 1, out: Buffer.alloc(0), err: USAGE });
    expect((await run(['-x'])).err).toBe(`flow-tag: invalid option -- 'x'\n${USAGE}`);
    expect((await run(['-t'])).err).toBe(`flow-tag: option requires an argument -- 't'\n${USAGE}`);
    expect(await run(['-t', CFG, '-T', 'default', 'more'])).toMatchObject({ status: 1, err: 'flow-tag: Extra arguments starting with more.\n' });
    expect(await run(['-z', '10'])).toMatchObject({ status: 1, err: 'flow-tag: Compression level must be between 0 and 9\n' });
    expect(await run(['-b', 'middle'])).toMatchObject({ status: 1, err: 'flow-tag: expecting "big" or "little"\n' });
    expect(await run(['-v', 'NOVALUE='])).toMatchObject({ status: 1, err: 'flow-tag: ftvar_pset(NOVALUE=): failed (expecting VAR=value)\n' });
  });

  it('-v binds a variable of the config; -d is taken', async () => {
    const cfg = path.join(dir, 'var.cfg');
    fs.writeFileSync(cfg, 'tag-action A\n type any\n match any set-src @{TAG:-1}\ntag-definition D\n term\n  action A\n');
    const input = writeFlowFile(path.join(dir, 'one'), someRecords(2));
    expect((await read((await run(['-d', '5', '-t', cfg, '-T', 'D'], input)).out)).views.map((v) => v.src_tag)).toEqual([1, 1]);
    expect((await read((await run(['-v', 'TAG=0x42', '-t', cfg, '-T', 'D'], input)).out)).views.map((v) => v.src_tag)).toEqual([0x42, 0x42]);
  });

  it('a bad config: its place and flow-tools\' words, status 1, standard input never read', async () => {
    const cfg = path.join(dir, 'bad.cfg');
    fs.writeFileSync(cfg, 'tag-action A\n type as\n match 1 set-src 1\n match 1 set-source 2\n');
    const r = await run(['-t', cfg, '-T', 'x'], '/nonexistent/stdin');
    expect(r.status).toBe(1);
    expect(r.out.length).toBe(0);
    expect(r.err).toBe(`${cfg}:4:8: error: Only one set per source/destination per match.\n     match 1 set-source 2\n           ^^^^^^^^^^^^^^\nflow-tag: fttag_load(): failed\n`);
    fs.writeFileSync(cfg, 'tag-definition D\n term\n  action NOPE\n');
    expect((await run(['-t', cfg, '-T', 'D'], '/nonexistent/stdin')).err).toBe(
      `${cfg}:3:10: error: Unable to resolve action "NOPE" in tag-definition "D".\n      action NOPE\n             ^^^^\nflow-tag: fttag_load(): failed\n`,
    );
  });

  it('the definition: none named, none given (-T), an action without a type; the config file missing', async () => {
    const cfg = path.join(dir, 'defs.cfg');
    fs.writeFileSync(cfg, 'tag-action A\ntag-definition one\n term\n  action A\ntag-definition two\n');
    expect(await run(['-t', cfg, '-T', 'three'])).toMatchObject({ status: 1, err: `flow-tag: no tag-definition "three" in ${cfg} (definitions: one, two) (fttag_def_find(): failed)\n` });
    expect(await run(['-t', cfg])).toMatchObject({ status: 1, err: `flow-tag: no tag-definition "" in ${cfg} (definitions: one, two; name one with -T) (fttag_def_find(): failed)\n` });
    expect((await run(['-t', cfg, '-T', 'one'])).err).toMatch(/:4:10: error: tag-action "A" has no type \(flow-tools fails on the first flow it tags with it\)\n/);
    // an untyped action no flow reaches is harmless
    expect((await run(['-t', cfg, '-T', 'two'])).status).toBe(0);
    const missing = path.join(dir, 'missing.cfg');
    expect(await run(['-t', missing, '-T', 'x'])).toMatchObject({ status: 1, err: `flow-tag: open(${missing}): No such file or directory\nflow-tag: fttag_load(): failed\n` });
    expect(await run(['-T', 'x'], V5, { FLOWSIFT_TAG_CFG: missing })).toMatchObject({ status: 1, err: `flow-tag: open(${missing}): No such file or directory\nflow-tag: fttag_load(): failed\n` });
  });

  it('a truncated input: the records before the fault are tagged and kept, the fault named, status 0', async () => {
    const recs = someRecords(300);
    const whole = flowFile(recs);
    const cut = path.join(dir, 'cut');
    fs.writeFileSync(cut, whole.subarray(0, whole.length - 64 * 100 - 10));
    const r = await run(['-t', CFG, '-T', 'default'], cut);
    expect(r.status).toBe(0);
    expect(r.err).toMatch(/^flow-tag: stdin: (data )?byte \d+: .*partial record/i);
    const { views } = await read(r.out);
    expect(views.length).toBe(199);
    expect(views.map((v) => v.srcaddr)).toEqual(recs.slice(0, 199).map((x) => x.srcaddr));
    // someRecords: sources 10.0.0.x (outside SRCNET's /22s: 0/0), destinations 192.168.0.x (DSTNET), TCP port 80
    expect(new Set(views.map((v) => `${v.src_tag.toString(16)} ${v.dst_tag.toString(16)}`))).toEqual(new Set(['ff0000 1020003']));
  });
});
