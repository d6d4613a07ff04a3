// flow-split in-process: the files it writes (names, headers, records), its options and its errors.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { flowSplit } from '../../../src/cli/flow-split.ts';
import { strtoul10 } from '../../../src/filter/cnum.ts';
import type { CliIO } from '../../../src/cli/runtime.ts';
import { FIELD, HEADER_FLAG } from '../../../src/format/constants.ts';
import { bufferSource, readHeader, type FlowHeader } from '../../../src/format/header.ts';
import { Output } from '../../../src/io/output.ts';
import { encodeRecords, flowFile, someRecords, tmpDir, writeFlowFile, type Rec } from '../../helpers/flowfile.ts';

async function split(argv: string[], stdinPath: string): Promise<{ status: number; err: string }> {
  let err = '';
  const io: CliIO = { out: Output.memory(), err: (t) => { err += t; }, env: { FLOWSIFT_THREADS: '1' }, stderrIsTTY: false, cleanup: new Set(), stdinPath };
  const status = await flowSplit(argv, io);
  return { status, err };
}

/** A written file: its header and its records' bytes (inflated when compressed). */
function readSplit(file: string): { header: FlowHeader; records: Buffer } {
  const bytes = fs.readFileSync(file);
  const { header } = readHeader(bufferSource(bytes));
  const body = bytes.subarray(header.headerSize);
  return { header, records: header.flags & HEADER_FLAG.COMPRESS ? zlib.inflateSync(body) : Buffer.from(body) };
}

const names = (dir: string): string[] => fs.readdirSync(dir).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));

describe('flow-split', () => {
  const dir = tmpDir();
  const recs = someRecords(1000); // unix_secs 1_700_000_100 + i
  const input = writeFlowFile(path.join(dir, 'in', 'ft-v05.a'), recs);
  const body = Buffer.from(encodeRecords(recs));

  it('-N: files of N flows named BASE.0, BASE.1, ...; together the input\'s records; each header complete', async () => {
    const out = path.join(dir, 'n');
    fs.mkdirSync(out);
    expect(await split(['-N', '300', '-o', path.join(out, 'part')], input)).toEqual({ status: 0, err: '' });
    expect(names(out)).toEqual(['part.0', 'part.1', 'part.2', 'part.3']);
    const files = names(out).map((f) => readSplit(path.join(out, f)));
    expect(Buffer.concat(files.map((f) => f.records)).equals(body)).toBe(true);
    expect(files.map((f) => f.header.flowsCount)).toEqual([300, 300, 300, 100]);
    expect(files.map((f) => [f.header.capStart, f.header.capEnd])).toEqual([0, 300, 600, 900].map((i) => [1_700_000_100 + i, 1_700_000_100 + Math.min(999, i + 299)]));
    for (const f of files) {
      // flow-split's header: version, capture times, count, flags: complete (not streaming)
      expect(f.header.fields).toBe(FIELD.EX_VER | FIELD.CAP_START | FIELD.CAP_END | FIELD.FLOW_COUNT | FIELD.HEADER_FLAGS);
      expect(f.header.flags).toBe(HEADER_FLAG.DONE);
      expect(f.header.dVersion).toBe(5);
    }
  });

  it('-T: a new file after the record more than T seconds past the file\'s start (which it ends, as flow-split does)', async () => {
    const out = path.join(dir, 't');
    fs.mkdirSync(out);
    expect((await split(['-T', '250', '-o', path.join(out, 's')], input)).status).toBe(0);
    const files = names(out).map((f) => readSplit(path.join(out, f)));
    // records 1 s apart: 251 s past a start ends a file, that record in it
    expect(files.map((f) => f.header.flowsCount)).toEqual([252, 252, 252, 244]);
    expect(Buffer.concat(files.map((f) => f.records)).equals(body)).toBe(true);
    expect(files[0]!.header.capStart).toBe(1_700_000_100 + 251);
    expect(files[1]!.header.capStart).toBe(1_700_000_100 + 252 + 251);
    expect(files[3]!.header.capStart).toBe(1_700_000_100 + 756);
    expect(files[3]!.header.capEnd).toBe(1_700_000_100 + 999);
  });

  it('-z, -b big and -C: compressed, big-endian files with the comment, the same flows', async () => {
    const out = path.join(dir, 'z');
    fs.mkdirSync(out);
    expect((await split(['-z', '6', '-b', 'big', '-C', 'hello', '-N', '600', '-o', path.join(out, 'z')], input)).status).toBe(0);
    const files = names(out).map((f) => readSplit(path.join(out, f)));
    expect(files.map((f) => f.header.flags)).toEqual([HEADER_FLAG.DONE | HEADER_FLAG.COMPRESS, HEADER_FLAG.DONE | HEADER_FLAG.COMPRESS]);
    expect(files.every((f) => f.header.comments === 'hello' && !f.header.littleEndian)).toBe(true);
    expect(Buffer.concat(files.map((f) => f.records)).equals(Buffer.from(encodeRecords(recs, '5', false)))).toBe(true);
  });

  it('-g / -G: one series per tag, BASE.TAG.N; -n names a tag from tag.sym', async () => {
    const tagged: Rec[] = Array.from({ length: 9 }, (_, i) => ({ unix_secs: 1_700_000_000 + i, srcaddr: i, src_tag: i % 3 === 0 ? 1 : 70_000, dst_tag: 2, dPkts: 1 }));
    const file = writeFlowFile(path.join(dir, 'in', 'ft-v1005'), tagged, { version: '1005' });
    const out = path.join(dir, 'g');
    fs.mkdirSync(out);
    expect((await split(['-g', '-N', '4', '-o', path.join(out, 'g')], file)).status).toBe(0);
    expect(names(out)).toEqual(['g.1.0', 'g.70000.0', 'g.70000.1']);
    expect(readSplit(path.join(out, 'g.70000.0')).header.flowsCount).toBe(4);
    expect((await split(['-G', '-n', '-o', path.join(out, 'n')], file)).status).toBe(0);
    expect((await split(['-g', '-n', '-o', path.join(out, 'n')], file)).status).toBe(0);
    // tag 1 is OSU and 2 CWRU in the shipped tag.sym; 70000 has no name
    expect(names(out).filter((n) => n.startsWith('n.'))).toEqual(['n.70000.0', 'n.CWRU.0', 'n.OSU.0']);
    const all = Buffer.from(encodeRecords(tagged, '1005'));
    expect(readSplit(path.join(out, 'n.CWRU.0')).records.equals(all)).toBe(true);
  });

  it('refuses what flow-split refuses, before writing anything', async () => {
    const out = path.join(dir, 'bad');
    fs.mkdirSync(out);
    const o = ['-o', path.join(out, 'x')];
    expect(await split(['-h'], input)).toEqual({ status: 1, err: 'Usage: flow-split [-gGhn] [-b big|little] [-C comment] [-d debug_level]\n       [-N nflows] [-o outfile_basename] [-T nseconds] [-z z_level]\n' });
    expect(await split([...o, 'extra'], input)).toEqual({ status: 1, err: 'flow-split: Extra arguments starting with extra.\n' });
    expect(await split(['-g', '-G', ...o], input)).toEqual({ status: 1, err: 'flow-split: Split on destination or source.\n' });
    expect(await split(['-g', ...o], input)).toEqual({ status: 1, err: 'flow-split: Flow record missing source tag.\n' });
    expect(await split(['-G', ...o], input)).toEqual({ status: 1, err: 'flow-split: Flow record missing destination tag.\n' });
    expect(await split(['-z', '10', ...o], input)).toEqual({ status: 1, err: 'flow-split: Compression level must be between 0 and 9\n' });
    expect(await split(['-b', 'middle', ...o], input)).toEqual({ status: 1, err: 'flow-split: expecting "big" or "little"\n' });
    expect(await split(['-o', 'b'.repeat(232)], input)).toEqual({ status: 1, err: 'flow-split: base output too long\n' });
    expect(names(out)).toEqual([]);
  });

  it('an output that cannot be opened: the error names it, exit 1, no file left half-written', async () => {
    const out = path.join(dir, 'unopenable');
    fs.mkdirSync(out);
    fs.mkdirSync(path.join(out, 'p.1')); // the second file's name is a directory
    const r = await split(['-N', '400', '-o', path.join(out, 'p')], input);
    expect(r).toEqual({ status: 1, err: `flow-split: open(${path.join(out, 'p.1')}): Is a directory\n` });
    // the first file was complete: it stays; nothing else was written
    expect(names(out)).toEqual(['p.0', 'p.1']);
    expect(readSplit(path.join(out, 'p.0')).header.flowsCount).toBe(400);
    expect(await split(['-o', path.join(dir, 'missing', 'q')], input)).toEqual({ status: 1, err: `flow-split: open(${path.join(dir, 'missing', 'q.0')}): No such file or directory\n` });
  });

  it('a truncated input: the records before the fault are split and kept, the fault named', async () => {
    const whole = flowFile(recs);
    const cut = path.join(dir, 'in', 'cut');
    fs.writeFileSync(cut, whole.subarray(0, whole.length - 64 * 100 - 10));
    const out = path.join(dir, 'cut');
    fs.mkdirSync(out);
    const r = await split(['-N', '500', '-o', path.join(out, 'c')], cut);
    expect(r.status).toBe(0);
    expect(r.err).toMatch(/^flow-split: stdin: (data )?byte \d+: .*partial record/i);
    const files = names(out).map((f) => readSplit(path.join(out, f)));
    expect(files.map((f) => f.header.flowsCount)).toEqual([500, 399]);
    expect(Buffer.concat(files.map((f) => f.records)).equals(body.subarray(0, 899 * 64))).toBe(true);
  });

  it('-N and -T values are read as strtoul(s, 0, 10) into 32 bits', () => {
    expect([strtoul10('12'), strtoul10(' 7x'), strtoul10('x'), strtoul10('-1'), strtoul10('0x10'), strtoul10('4294967297')]).toEqual([12, 7, 0, 4294967295, 0, 1]);
  });
});
