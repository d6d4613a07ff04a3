// flow-send in-process against a UDP collector on this host: the datagrams are flow-export -f 4's PDUs.
import dgram from 'node:dgram';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flowSend, scanPeer } from '../../../src/cli/flow-send.ts';
import type { CliIO } from '../../../src/cli/runtime.ts';
import { Output } from '../../../src/io/output.ts';
import { run as runTool } from '../export/run-tool.ts';
import { someRecords, tmpDir, writeFlowFile } from '../../helpers/flowfile.ts';

async function send(argv: string[], stdinPath: string): Promise<{ status: number; err: string }> {
  let err = '';
  const io: CliIO = { out: Output.memory(), err: (t) => { err += t; }, env: { FLOWSIFT_THREADS: '1' }, stderrIsTTY: false, cleanup: new Set(), stdinPath };
  const status = await flowSend(argv, io);
  return { status, err };
}

/** Split flow-export -f 4's output into its PDUs (count at byte 2; header and record sizes, v5's by default). */
function v5Pdus(bytes: Buffer, header = 24, rec = 48): Buffer[] {
  const out: Buffer[] = [];
  for (let p = 0; p < bytes.length;) {
    const n = bytes.readUInt16BE(p + 2), len = header + n * rec;
    out.push(bytes.subarray(p, p + len));
    p += len;
  }
  return out;
}

describe('flow-send', () => {
  const dir = tmpDir();
  const recs = someRecords(700).map((r, i) => ({ ...r, unix_secs: 1_700_000_000 + (i >> 8) }));
  const file = writeFlowFile(path.join(dir, 'ft-v05.s'), recs);
  const got: Buffer[] = [];
  const collector = dgram.createSocket('udp4');
  let port = 0;

  beforeAll(async () => {
    collector.on('message', (m) => got.push(m));
    await new Promise<void>((r) => collector.bind(0, '127.0.0.1', () => r()));
    port = collector.address().port;
  });
  afterAll(() => { collector.close(); });

  /** The datagrams of one run, once they have all come (loopback: in order, none lost at this rate). */
  async function received(want: number): Promise<Buffer[]> {
    for (let t = 0; t < 200 && got.length < want; t++) await new Promise((r) => setTimeout(r, 10));
    return got.splice(0);
  }

  it('sends one datagram per PDU, the PDUs flow-export -f 4 writes', async () => {
    const expected = v5Pdus((await runTool('flow-export', ['-f', '4'], file)).out);
    expect(expected.length).toBeGreaterThan(20);
    expect(await send([`127.0.0.1/127.0.0.1/${port}`], file)).toEqual({ status: 0, err: '' });
    const pdus = await received(expected.length);
    expect(pdus.length).toBe(expected.length);
    pdus.forEach((p, i) => expect(p.equals(expected[i]!)).toBe(true));
  });

  it('-m masks source and destination addresses; -x waits between PDUs; -V of the input\'s own version', async () => {
    expect(await send(['-m', '255.255.0.0', '-x', '200', '-V', '5', `127.0.0.1/127.0.0.1/${port}`], file)).toEqual({ status: 0, err: '' });
    const want = v5Pdus((await runTool('flow-export', ['-f', '4'], file)).out).length;
    const pdus = await received(want);
    expect(pdus.length).toBe(want);
    for (const p of pdus) {
      for (let i = 0, n = p.readUInt16BE(2); i < n; i++) {
        expect(p.readUInt32BE(24 + i * 48) & 0xffff).toBe(0);
        expect(p.readUInt32BE(24 + i * 48 + 4) & 0xffff).toBe(0);
      }
    }
  });

  it('-V: records translated as flow-tools does, then sent as that version\'s PDUs', async () => {
    const keep = (fields: string[]) => recs.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => fields.includes(k))));
    const v1 = ['unix_secs', 'unix_nsecs', 'sysUpTime', 'exaddr', 'srcaddr', 'dstaddr', 'nexthop', 'input', 'output', 'dPkts', 'dOctets', 'First', 'Last', 'srcport', 'dstport', 'prot', 'tos', 'tcp_flags'];
    const routed = [...v1, 'engine_type', 'engine_id', 'src_mask', 'dst_mask', 'src_as', 'dst_as'];
    for (const [v, fields, header, rec] of [['7', routed, 24, 52], ['1', v1, 16, 48]] as const) {
      const translated = writeFlowFile(path.join(dir, `ft-v0${v}.t`), keep([...fields]), { version: v });
      const expected = v5Pdus((await runTool('flow-export', ['-f', '4'], translated)).out, header, rec);
      expect(await send(['-V', v, `127.0.0.1/127.0.0.1/${port}`], file)).toEqual({ status: 0, err: '' });
      const pdus = await received(expected.length);
      expect(pdus.length).toBe(expected.length);
      pdus.forEach((p, i) => expect(p.equals(expected[i]!)).toBe(true));
    }
  });

  it('-m leaves flows to multicast destinations alone', async () => {
    const mc = writeFlowFile(path.join(dir, 'ft-v05.mc'), [{ srcaddr: 0x0a010203, dstaddr: 0xe0000005, unix_secs: 1 }, { srcaddr: 0x0a010203, dstaddr: 0x0a000005, unix_secs: 1 }]);
    expect(await send(['-m', '255.0.0.0', `127.0.0.1/127.0.0.1/${port}`], mc)).toEqual({ status: 0, err: '' });
    const [pdu] = await received(1);
    expect([pdu!.readUInt32BE(24), pdu!.readUInt32BE(28), pdu!.readUInt32BE(72), pdu!.readUInt32BE(76)]).toEqual([0x0a010203, 0xe0000005, 0x0a000000, 0x0a000000]);
  });

  it('no collector listening: the refusals are not errors', async () => {
    const closed = dgram.createSocket('udp4');
    await new Promise<void>((r) => closed.bind(0, '127.0.0.1', () => r()));
    const nobody = closed.address().port;
    closed.close();
    expect(await send([`127.0.0.1/127.0.0.1/${nobody}`], file)).toEqual({ status: 0, err: '' });
  });

  it('usage, and what it refuses', async () => {
    const usage = 'Usage: flow-send [-h] [-d debug_level] [-x xmit_delay] [-V pdu_version]\n       localip/remoteip/port\n';
    expect(await send(['-h'], file)).toEqual({ status: 0, err: usage });
    expect(await send([], file)).toEqual({ status: 1, err: usage });
    expect(await send(['a/b/1', 'c'], file)).toEqual({ status: 1, err: usage });
    expect((await send(['-V', 'x', '127.0.0.1/127.0.0.1/9'], file))).toEqual({ status: 1, err: 'flow-send: Version scan failed\n' });
    expect((await send(['-V', '8.1', '127.0.0.1/127.0.0.1/9'], file)).err).toBe('flow-send: ftrec_xlate_func(): failed (v5 records cannot be sent as v8.1)\n');
    expect((await send(['-V', '3', '127.0.0.1/127.0.0.1/9'], file)).err).toBe('flow-send: ftrec_xlate_func(): failed (v5 records cannot be sent as v3)\n');
    expect((await send(['-s', '127.0.0.1/127.0.0.1/9'], file)).status).toBe(1);
    // an address this host does not have cannot be bound
    expect(await send(['192.0.2.1/127.0.0.1/9'], file)).toEqual({ status: 1, err: 'flow-send: bind(): Cannot assign requested address\n' });
  });

  it('reads localip/remoteip/port/ttl as scan_peeri() does', () => {
    expect(scanPeer('10.0.0.1/192.168.1.2/2055/7')).toEqual({ local: 0x0a000001, remote: 0xc0a80102, port: 2055, ttl: 7 });
    expect(scanPeer('0.0.0.0/239.1.1.1')).toEqual({ local: 0, remote: 0xef010101, port: 0, ttl: 0 });
  });
});
