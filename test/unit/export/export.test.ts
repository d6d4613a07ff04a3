import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { someRecords, tmpDir, writeFlowFile } from '../../helpers/flowfile.ts';
import { run } from './run-tool.ts';

const dir = tmpDir('flowsift-export-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const v5 = writeFlowFile(path.join(dir, 'v5'), someRecords(3));

describe('flow-export -f 2 (CSV)', () => {
  it('every v5 field by default, addresses dotted, the count on stderr', async () => {
    const r = await run('flow-export', ['-f', '2'], v5);
    const lines = r.out.toString().split('\n');
    expect(lines[0]).toBe('#:unix_secs,unix_nsecs,sysuptime,exaddr,dpkts,doctets,first,last,engine_type,engine_id,'
      + 'srcaddr,dstaddr,nexthop,input,output,srcport,dstport,prot,tos,tcp_flags,src_mask,dst_mask,src_as,dst_as');
    expect(lines[1]).toBe('1700000100,0,1000000,0.0.0.0,1,100,990000,999000,0,0,10.0.0.1,192.168.0.1,0.0.0.0,0,0,1024,80,6,0,27,0,0,0,0');
    expect(lines).toHaveLength(5);
    expect(r.err).toBe('flow-export: Exported 3 records\n');
    expect(r.status).toBe(0);
  });

  it('-m selects fields, by bits or by names', async () => {
    const bits = await run('flow-export', ['-f', '2', '-m', '0x3000'], v5);
    const names = await run('flow-export', ['-f', '2', '-m', 'SRCADDR,dstaddr'], v5);
    expect(bits.out.toString()).toBe('#:srcaddr,dstaddr\n10.0.0.1,192.168.0.1\n10.0.0.2,192.168.0.2\n10.0.0.3,192.168.0.3\n');
    expect(names.out.equals(bits.out)).toBe(true);
  });

  it('fields the version lacks are dropped; no field left prints the header only', async () => {
    const r = await run('flow-export', ['-f', '2', '-m', '0x10'], v5); // dflows: v8 only
    expect(r.out.toString()).toBe('#:\n');
    expect(r.err).toBe('flow-export: Exported 3 records\n');
  });

  it('a bad name fails before reading input', async () => {
    const r = await run('flow-export', ['-f', '2', '-m', 'srcaddr,nope'], v5);
    expect(r.status).toBe(1);
    expect(r.err).toBe('flow-export: Unrecognized field: nope\nflow-export: ftxfield_parse(): failed\n');
  });
});

describe('flow-export binary formats and errors', () => {
  it('-f 0: cflowd records, index then the fields, big-endian', async () => {
    const r = await run('flow-export', ['-f', '0', '-m', '0x6'], v5);
    expect(r.out.subarray(0, 12).toString('hex')).toBe('000000060a000001c0a80001');
    expect(r.out.length).toBe(3 * 12);
  });

  it('-f 4: one v5 PDU per export time, flow_sequence running on', async () => {
    const r = await run('flow-export', ['-f', '4'], v5); // three records, three unix_secs
    expect(r.out.length).toBe(3 * (24 + 48));
    expect(r.out.readUInt16BE(0)).toBe(5);
    expect(r.out.readUInt16BE(2)).toBe(1);
    expect(r.out.readUInt32BE(72 + 16)).toBe(1);
    expect(r.out.readUInt32BE(144 + 16)).toBe(2);
  });

  it('SQL formats are not built in; bad formats and input give one line', async () => {
    expect(await run('flow-export', ['-f', '3'], v5)).toMatchObject({ status: 0, err: 'flow-export: Format not supported\nflow-export: Exported 0 records\n' });
    expect(await run('flow-export', ['-f', '6'], v5)).toMatchObject({ status: 1, err: 'flow-export: No such format, 6\n' });
    const junk = path.join(dir, 'junk');
    fs.writeFileSync(junk, 'not a flow file');
    const r = await run('flow-export', ['-f', '2'], junk);
    expect(r.status).toBe(1);
    expect(r.err).toMatch(/^flow-export: \S+: byte 0: ftiheader_read\(\): Warning, bad magic number\n$/);
  });
});
