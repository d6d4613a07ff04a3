// flow-import -f 3 in-process: Cisco NFCollector v1 ASCII files, with format_NFCollector1's rules
// (the format line, exact field counts, decimal numbers, ToS stored as 16 bits, its statuses).
import { describe, expect, it } from 'vitest';
import { encodeRecords, tmpDir, type Rec } from '../../helpers/flowfile.ts';
import { importFrom, records } from './import-run.ts';

const head = (agg: string, format = 'FORMAT A'): string => `nfc|${format}|AGGREGATION ${agg}|1|2|3|4|5|6\n`;

describe('flow-import -f 3 (NFCollector)', () => {
  const dir = tmpDir();

  it('CallRecord lines become records of the -V version: twelve fields, the last dropped, numbers in decimal', async () => {
    const text = head('CallRecord')
      + '10.0.0.1|192.168.1.2|1024|80|6|16|10|1500|1|1000|2000|zz\n'
      + '10.0.0.2|192.168.1.3|053|53|17|0|1|60|1|5|6|\n';
    const r = await importFrom(['-f', '3', '-V', '5'], text, dir);
    expect(r).toMatchObject({ status: 1, err: 'flow-import: Imported 2 records.\n' });
    const want: Rec[] = [
      { srcaddr: 0x0a000001, dstaddr: 0xc0a80102, srcport: 1024, dstport: 80, prot: 6, tos: 16, dPkts: 10, dOctets: 1500, First: 1000, Last: 2000 },
      // "053" is 53 (base 10, where the CSV import would read octal)
      { srcaddr: 0x0a000002, dstaddr: 0xc0a80103, srcport: 53, dstport: 53, prot: 17, tos: 0, dPkts: 1, dOctets: 60, First: 5, Last: 6 },
    ];
    expect(records(r.out).equals(Buffer.from(encodeRecords(want)))).toBe(true);
    // big-endian output: the same flows
    const big = await importFrom(['-f', '3', '-V', '5', '-b', 'big'], text, dir);
    expect(records(big.out).equals(Buffer.from(encodeRecords(want, '5', false)))).toBe(true);
  });

  it('ToS is stored as a 16-bit value: past 255 its high byte lands in tcp_flags', async () => {
    const r = await importFrom(['-f', '3', '-V', '5'], `${head('CallRecord')}1.1.1.1|2.2.2.2|1|2|6|300|1|2|3|4|5|x\n`, dir);
    const want: Rec[] = [{ srcaddr: 0x01010101, dstaddr: 0x02020202, srcport: 1, dstport: 2, prot: 6, tos: 44, tcp_flags: 1, dPkts: 1, dOctets: 2, First: 4, Last: 5 }];
    expect(records(r.out).equals(Buffer.from(encodeRecords(want)))).toBe(true);
  });

  it('HostMatrix, SourceNode and DestNode: their fields where the version has them (dFlows in v8)', async () => {
    const hm = await importFrom(['-f', '3', '-V', '5'], `${head('HostMatrix')}1.2.3.4|5.6.7.8|3|300|2\n`, dir);
    expect(records(hm.out).equals(Buffer.from(encodeRecords([{ srcaddr: 0x01020304, dstaddr: 0x05060708, dPkts: 3, dOctets: 300 }])))).toBe(true);
    const src = await importFrom(['-f', '3', '-V', '5'], `${head('SourceNode')}9.9.9.9|1|2|3\n`, dir);
    expect(records(src.out).equals(Buffer.from(encodeRecords([{ srcaddr: 0x09090909, dPkts: 1, dOctets: 2 }])))).toBe(true);
    const dst = await importFrom(['-f', '3', '-V', '5'], `${head('DestNode')}9.9.9.8|1|2|3\n`, dir);
    expect(records(dst.out).equals(Buffer.from(encodeRecords([{ dstaddr: 0x09090908, dPkts: 1, dOctets: 2 }])))).toBe(true);
    // v8.1 (AS matrix) keeps the counters and dFlows, not the addresses
    const as = await importFrom(['-f', '3', '-V', '8.1'], `${head('HostMatrix')}1.2.3.4|5.6.7.8|3|300|2\n`, dir);
    expect(as.status).toBe(1);
    expect(records(as.out).equals(Buffer.from(encodeRecords([{ dFlows: 2, dPkts: 3, dOctets: 300 }], '8.1')))).toBe(true);
  });

  it('a line without exactly the aggregation\'s fields is reported by its line number and not written', async () => {
    const text = `${head('SourceNode')}1.1.1.1|1|2\n\n1.1.1.2|1|2|3|4\n1.1.1.3|5|6|7`;
    const r = await importFrom(['-f', '3', '-V', '5'], text, dir);
    expect(r.status).toBe(1);
    expect(r.err).toBe('flow-import: Broken record at line 2 (not output)\nflow-import: Broken record at line 3 (not output)\n'
      + 'flow-import: Broken record at line 4 (not output)\nflow-import: Imported 1 records.\n');
    // a broken line leaves nothing behind in the record after it; a last line without a newline counts
    expect(records(r.out).equals(Buffer.from(encodeRecords([{ srcaddr: 0x01010103, dPkts: 5, dOctets: 6 }])))).toBe(true);
  });

  it('a line longer than 1,023 characters is read in pieces, as fgets() reads it', async () => {
    const long = `1.1.1.1|1|2|${'0'.repeat(1100)}3\n`;
    const r = await importFrom(['-f', '3', '-V', '5'], `${head('SourceNode')}${long}`, dir);
    // the first 1,023 characters are four fields, the flow; the rest a line of one field
    expect(r.err).toBe('flow-import: Broken record at line 3 (not output)\nflow-import: Imported 1 records.\n');
  });

  it('the format line and the version are checked first: flow-import\'s messages, status 255, no records', async () => {
    const cases: Array<[string[], string, string]> = [
      [['-V', '5'], '', 'No header'],
      [['-V', '5'], 'a|b|c\n', 'Unregconized format line'],
      [['-V', '5'], head('HostMatrix', 'FORMAT B'), 'Unregocnized format "FORMAT B"'],
      [['-V', '5'], head('Matrix'), 'Unsupported aggrecation scheme "AGGREGATION Matrix"'],
      [['-V', '1005'], head('HostMatrix'), 'unsupported export version'],
    ];
    for (const [v, text, msg] of cases) {
      const r = await importFrom(['-f', '3', ...v], text, dir);
      expect(r).toMatchObject({ status: 255, err: `flow-import: ${msg}\nflow-import: Imported 0 records.\n` });
      expect(records(r.out).length).toBe(0);
    }
  });
});
