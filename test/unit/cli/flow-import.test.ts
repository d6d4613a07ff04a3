// flow-import in-process: flow-export's CSV and cflowd output read back into the same flows, and
// flow-import's own rules (its header, exit statuses, "#:" lines, refusals).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIELD, HEADER_FLAG } from '../../../src/format/constants.ts';
import { bufferSource, readHeader } from '../../../src/format/header.ts';
import { run as runTool } from '../export/run-tool.ts';
import { encodeRecords, someRecords, tmpDir, writeFlowFile } from '../../helpers/flowfile.ts';
import { importFrom, records } from './import-run.ts';

describe('flow-import', () => {
  const dir = tmpDir();
  const recs = someRecords(300).map((r, i) => ({ ...r, unix_nsecs: i * 1000, exaddr: 0x0a0000fe, nexthop: 0x0a000001, input: 3, output: 4, tos: i & 0xff, src_as: 65000, dst_as: i, src_mask: 24, dst_mask: 16, engine_type: 1, engine_id: 2 }));
  const file = writeFlowFile(path.join(dir, 'ft-v05.i'), recs);

  it('-f 2: flow-export -f 2\'s CSV comes back as the same records; flow-import\'s header', async () => {
    const csv = (await runTool('flow-export', ['-f', '2'], file)).out;
    const r = await importFrom(['-f', '2', '-V', '5'], csv, dir);
    expect(r).toMatchObject({ status: 0, err: 'flow-import: Imported 300 records.\n' });
    expect(records(r.out).equals(Buffer.from(encodeRecords(recs)))).toBe(true);
    const { header } = readHeader(bufferSource(r.out));
    expect(header.fields).toBe(FIELD.EX_VER | FIELD.HEADER_FLAGS | FIELD.CAP_HOSTNAME | FIELD.COMMENTS);
    expect([header.flags, header.comments, header.capHostname, header.dVersion]).toEqual([HEADER_FLAG.STREAMING, 'flow-import', 'flow-import', 5]);
    // big-endian output holds the same flows
    const big = await importFrom(['-f', '2', '-V', '5', '-b', 'big'], csv, dir);
    expect(records(big.out).equals(Buffer.from(encodeRecords(recs, '5', false)))).toBe(true);
  });

  it('-f 0: flow-export -f 0\'s cflowd records come back with the fields cflowd carries; the status is 255, as flow-import\'s', async () => {
    const cf = (await runTool('flow-export', ['-f', '0'], file)).out;
    const r = await importFrom(['-f', '0', '-V', '5'], cf, dir);
    expect(r.status).toBe(255);
    expect(r.err).toBe('flow-import: Imported 300 records.\n');
    const got = records(r.out);
    // cflowd has no unix_nsecs, sysUpTime, First; the start is whole seconds in unix_secs and the
    // end comes back as Last = (end - start) * 1000
    // flow-export's start and end: epoch seconds of First and Last (ftltime)
    const secs = (x: typeof recs[number], t: number): number => Math.floor((x.unix_secs * 1000 + Math.floor(x.unix_nsecs / 1e6) - x.sysUpTime + t) / 1000);
    const want = recs.map((x) => ({ ...x, unix_nsecs: 0, sysUpTime: 0, First: 0, unix_secs: secs(x, x.First), Last: (secs(x, x.Last) - secs(x, x.First)) * 1000 }));
    expect(got.equals(Buffer.from(encodeRecords(want)))).toBe(true);
    // a record cut short by the end of the input is not imported, and that is said
    const cut = await importFrom(['-f', '0', '-V', '5'], cf.subarray(0, cf.length - 3), dir);
    const rec = cf.length / 300;
    expect(cut.err).toBe(`flow-import: stdin: byte ${rec * 299}: a cflowd record cut short by the end of the input (${rec - 3} bytes not imported)\nflow-import: Imported 299 records.\n`);
  });

  it('-f 4: flow-export -f 4\'s PDUs come back (no exporter address), translated to -V; flow-import\'s failures', async () => {
    const pdus = (await runTool('flow-export', ['-f', '4'], file)).out;
    const r = await importFrom(['-f', '4', '-V', '5'], pdus, dir);
    expect(r).toMatchObject({ status: 255, err: 'flow-import: Imported 300 records.\n' });
    const noExporter = recs.map((x) => ({ ...x, exaddr: 0 }));
    expect(records(r.out).equals(Buffer.from(encodeRecords(noExporter)))).toBe(true);
    // to v1: the fields v1 has
    const v1 = await importFrom(['-f', '4', '-V', '1'], pdus, dir);
    const v1Fields = ['unix_secs', 'unix_nsecs', 'sysUpTime', 'exaddr', 'srcaddr', 'dstaddr', 'nexthop', 'input', 'output', 'dPkts', 'dOctets', 'First', 'Last', 'srcport', 'dstport', 'prot', 'tos', 'tcp_flags'];
    expect(records(v1.out).equals(Buffer.from(encodeRecords(noExporter.map((x) => Object.fromEntries(Object.entries(x).filter(([k]) => v1Fields.includes(k)))), '1')))).toBe(true);
    // a PDU missing in the middle: the sequence gap is said (30 flows a PDU here, one engine)
    const sizes: number[] = [];
    for (let p = 0; p < pdus.length; p += 24 + pdus.readUInt16BE(p + 2) * 48) sizes.push(24 + pdus.readUInt16BE(p + 2) * 48);
    const gap = Buffer.concat([pdus.subarray(0, sizes[0]!), pdus.subarray(sizes[0]! + sizes[1]!)]);
    const g = await importFrom(['-f', '4', '-V', '5'], gap, dir);
    const n0 = pdus.readUInt16BE(2), n1 = pdus.readUInt16BE(sizes[0]! + 2);
    expect(g.err).toBe(`flow-import: ftpdu_seq_check(): expecting=${n0} received=${n0 + n1} lost=${n1}\nflow-import: Imported ${300 - n1} records.\n`);
    // cut short: flow-import's fread() failure ends the run with status 1
    const cut = await importFrom(['-f', '4', '-V', '5'], pdus.subarray(0, sizes[0]! - 10), dir);
    expect(cut).toMatchObject({ status: 1, err: `flow-import: fread(): failed - expecting to read ${sizes[0]! - 24} bytes.\n` });
    // an unknown version, and a v8 PDU (flow-import reads its 28-byte header as 24: its check fails)
    expect(await importFrom(['-f', '4', '-V', '5'], Buffer.alloc(24, 0), dir)).toMatchObject({ status: 1, err: 'flow-import: Unrecognized PDU version: 0.\n' });
    const v8 = writeFlowFile(path.join(dir, 'ft-v08.1'), [{ dFlows: 1, dPkts: 2, unix_secs: 5 }], { version: '8.1' });
    const v8pdu = (await runTool('flow-export', ['-f', '4'], v8)).out;
    expect(await importFrom(['-f', '4', '-V', '8.1'], v8pdu, dir)).toMatchObject({ status: 255, err: 'flow-import: ftpdu_verify(): failed.\nflow-import: Imported 0 records.\n' });
  });

  it('CSV: "#:" names the columns; comments are skipped; a missing column stays 0; -m names them too', async () => {
    const text = '#:dpkts,srcaddr,dstaddr\n# a comment\n  # another\n7,10.0.0.1,10.0.0.2\n3\n';
    const r = await importFrom(['-f', '2', '-V', '5'], text, dir);
    expect(r.status).toBe(0);
    expect(records(r.out).equals(Buffer.from(encodeRecords([{ srcaddr: 0x0a000001, dstaddr: 0x0a000002, dPkts: 7 }, { dPkts: 3 }])))).toBe(true);
    const m = await importFrom(['-f', '2', '-V', '5', '-m', 'dpkts,srcport'], '9,80\n', dir);
    expect(records(m.out).equals(Buffer.from(encodeRecords([{ dPkts: 9, srcport: 80 }])))).toBe(true);
    // hex and octal values, as strtoul(s, 0, 0) reads them
    const h = await importFrom(['-f', '2', '-V', '5', '-m', 'dpkts,srcport'], '0x10,010\n', dir);
    expect(records(h.out).equals(Buffer.from(encodeRecords([{ dPkts: 16, srcport: 8 }])))).toBe(true);
  });

  it('CSV exit status: 0 after a final newline, 255 when the last flow has none, 0 when the last line is a comment', async () => {
    expect((await importFrom(['-f', '2', '-V', '5', '-m', 'dpkts'], '1\n2\n', dir)).status).toBe(0);
    expect((await importFrom(['-f', '2', '-V', '5', '-m', 'dpkts'], '1\n2', dir)).status).toBe(255);
    expect((await importFrom(['-f', '2', '-V', '5', '-m', 'dpkts'], '1\n# end', dir)).status).toBe(0);
    expect((await importFrom(['-f', '2', '-V', '5'], '', dir))).toMatchObject({ status: 0, err: 'flow-import: Imported 0 records.\n' });
  });

  it('a v8 version keeps only its own fields', async () => {
    const r = await importFrom(['-f', '2', '-V', '8.1', '-m', 'dflows,dpkts,srcaddr,src_as'], '3,4,10.0.0.1,65001\n', dir);
    expect(r.status).toBe(0);
    expect(records(r.out).equals(Buffer.from(encodeRecords([{ dFlows: 3, dPkts: 4, src_as: 65001 }], '8.1')))).toBe(true);
  });

  it('refusals, usage, and the formats it does not read', async () => {
    const usage = 'Usage: flow-import [-h] [-b big|little] [-d debug_level] [-f format]\n       [-m mask_fields] [-V pdu_version] [-z z_level]\n';
    expect(await importFrom(['-h'], '', dir)).toMatchObject({ status: 0, err: usage });
    expect(await importFrom(['-f', '2'], '', dir)).toMatchObject({ status: 1, err: 'flow-import: Must specify export version to store flows\n' });
    expect(await importFrom(['-f', '5', '-V', '5'], '', dir)).toMatchObject({ status: 1, err: 'flow-import: No such format, 5\n' });
    expect(await importFrom(['-V', '3'], '', dir)).toMatchObject({ status: 1, err: 'flow-import: ftio_set_ver(): failed\n' });
    expect(await importFrom(['-V', 'x'], '', dir)).toMatchObject({ status: 1, err: 'flow-import: Version scan failed\n' });
    expect(await importFrom(['-f', '1', '-V', '5'], '', dir)).toMatchObject({ status: 255, err: 'flow-import: Not implemented\nflow-import: Imported 0 records.\n' });
    expect(await importFrom(['-f', '3', '-V', '5'], '', dir)).toMatchObject({ status: 255, err: 'flow-import: No header\nflow-import: Imported 0 records.\n' });
    expect(await importFrom(['-f', '0', '-V', '1005'], '', dir)).toMatchObject({ status: 255, err: 'flow-import: Unsupported export version\nflow-import: Imported 0 records.\n' });
    expect((await importFrom(['-f', '2', '-V', '5', '-m', 'nosuch'], '', dir))).toMatchObject({ status: 1 });
    expect((await importFrom(['-f', '2', '-V', '5'], '#:srcaddr,srcaddr\n1.2.3.4\n', dir))).toMatchObject({ status: 255, err: 'flow-import: Duplicate field: srcaddr\nflow-import: ftxfield_parse(): failed\nflow-import: Imported 0 records.\n' });
  });
});
