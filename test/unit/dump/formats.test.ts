import { beforeAll, describe, expect, it } from 'vitest';
import { createDumper, RAW_RECORD_SIZE } from '../../../src/dump/formats.ts';
import { icmpTypeCodeName, tcpFlagsText } from '../../../src/dump/names.ts';
import { TextBuf } from '../../../src/util/textbuf.ts';
import { makeRecord, TCP_FLOW } from '../expr/helpers.ts';

beforeAll(() => {
  process.env.TZ = 'UTC';
});

function dump(style: 'long' | 'short' | 'oldshort' | 'raw', fields = TCP_FLOW, id = '5'): string {
  const out = new TextBuf(16);
  createDumper(style)(makeRecord(fields, id), out);
  return out.toString();
}

describe('flowdumper formats', () => {
  it('long: every field, Cflow spacing, scalar localtime dates, TCP flag names', () => {
    expect(dump('long')).toBe([
      'FLOW',
      '  index:          0xc7ffff',
      '  router:         192.168.255.1',
      '  src IP:         216.58.198.14',
      '  dst IP:         10.1.0.1',
      '  input ifIndex:  1',
      '  output ifIndex: 5',
      '  src port:       64723',
      '  dst port:       22',
      '  pkts:           5',
      '  bytes:          200',
      '  IP nexthop:     10.0.0.252',
      '  start time:     Wed Jul  6 17:04:50 2005',
      '  end time:       Wed Jul  6 17:04:54 2005',
      '  protocol:       6',
      '  tos:            0x10',
      '  src AS:         701',
      '  dst AS:         0',
      '  src masklen:    22',
      '  dst masklen:    24',
      '  TCP flags:      0x1b (FIN|SYN|PUSH|ACK)',
      '  engine type:    0',
      '  engine id:      1',
      '',
    ].join('\n'));
  });

  it('long: ICMP type/code name after the dst port, no flag names for other protocols', () => {
    const icmp = dump('long', { ...TCP_FLOW, prot: 1, dstport: 0x0303, tcp_flags: 0 });
    expect(icmp).toContain('  dst port:       771 PORT_UNREACH\n');
    expect(icmp).toContain('  TCP flags:      0x0\n');
    expect(dump('long', { ...TCP_FLOW, prot: 17 })).toContain('  TCP flags:      0x1b\n');
  });

  it('short: end time, ports, flags glued to the protocol; ICMP without ports', () => {
    expect(dump('short')).toBe('2005/07/06 17:04:54 216.58.198.14.64723 -> 10.1.0.1.22 6(FIN|SYN|PUSH|ACK) 5 200\n');
    expect(dump('short', { ...TCP_FLOW, prot: 1, dstport: 0x0800 })).toBe('2005/07/06 17:04:54 216.58.198.14 -> 10.1.0.1 ICMP_ECHO 5 200\n');
    expect(dump('short', { ...TCP_FLOW, prot: 17 })).toBe('2005/07/06 17:04:54 216.58.198.14.64723 -> 10.1.0.1.22 17 5 200\n');
  });

  it('old short: the same line for every protocol', () => {
    expect(dump('oldshort')).toBe('2005/07/06 17:04:54 216.58.198.14.64723 -> 10.1.0.1.22 6 5 200\n');
    expect(dump('oldshort', { ...TCP_FLOW, prot: 1, dstport: 0x0800 })).toBe('2005/07/06 17:04:54 216.58.198.14.64723 -> 10.1.0.1.2048 1 5 200\n');
  });

  it('v1: the fields v1 lacks print as 0', () => {
    const v1 = dump('long', TCP_FLOW, '1');
    expect(v1).toContain('  src AS:         0\n  dst AS:         0\n  src masklen:    0\n  dst masklen:    0\n');
    expect(v1).toContain('  engine type:    0\n  engine id:      0\n');
  });

  it('raw: 55-byte big-endian cflowd record', () => {
    const raw = Buffer.from(dump('raw'), 'latin1');
    expect(raw.length).toBe(RAW_RECORD_SIZE);
    expect(raw.readUInt32BE(0)).toBe(0xc7ffff);
    expect(raw.readUInt32BE(4)).toBe(3232300801);
    expect(raw.readUInt16BE(22)).toBe(22);
    expect(raw.readUInt32BE(36)).toBe(1120669490);
    expect(raw.readUInt32BE(40)).toBe(1120669494);
    expect([...raw.subarray(44)]).toEqual([6, 16, 0x02, 0xbd, 0, 0, 22, 24, 27, 0, 1]);
  });

  it('names', () => {
    expect(tcpFlagsText(6, 0x3f)).toBe('(FIN|SYN|RST|PUSH|ACK|URG)');
    expect(tcpFlagsText(6, 0)).toBe('');
    expect(tcpFlagsText(17, 0x12)).toBe('');
    expect(icmpTypeCodeName(3, 4)).toBe('NEEDFRAG_UNREACH');
    expect(icmpTypeCodeName(3, 13)).toBe('PKT_FILTERED_UNREACH');
    expect(icmpTypeCodeName(5, 0)).toBe('NET_REDIRECT');
    expect(icmpTypeCodeName(0, 0)).toBe('ECHOREPLY');
    expect(icmpTypeCodeName(99, 0)).toBe('');
  });
});
