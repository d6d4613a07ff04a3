import { beforeAll, describe, expect, it } from 'vitest';
import { str } from '../../../src/expr/perl-values.ts';
import { FLOW_VARS } from '../../../src/expr/variables.ts';
import { makeRecord, run, TCP_FLOW } from './helpers.ts';

beforeAll(() => {
  process.env.TZ = 'UTC';
});

// every flow variable on the hand-built TCP flow (values worked out from the record by hand:
// start = 1120669500.170 - 259200.170 + 259190.559, end = ... + 259194.263)
const WANT: Record<string, string> = {
  unix_secs: '1120669500',
  exporter: '3232300801',
  exporterip: '192.168.255.1',
  srcaddr: '3627730446',
  srcip: '216.58.198.14',
  dstaddr: '167837697',
  dstip: '10.1.0.1',
  nexthop: '167772412',
  nexthopip: '10.0.0.252',
  input_if: '1',
  output_if: '5',
  srcport: '64723',
  dstport: '22',
  ICMPType: '',
  ICMPCode: '',
  ICMPTypeCode: '',
  pkts: '5',
  bytes: '200',
  startime: '1120669490',
  start_msecs: '559',
  endtime: '1120669494',
  end_msecs: '263',
  duration_secs: '3',
  duration_msecs: '704',
  protocol: '6',
  tos: '16',
  tcp_flags: '27',
  TCPFlags: '(FIN|SYN|PUSH|ACK)',
  src_as: '701',
  dst_as: '0',
  src_mask: '22',
  dst_mask: '24',
  engine_type: '0',
  engine_id: '1',
  localtime: '2005/07/06 17:04:54',
  Bps: '53.9956803455724',
  pps: '1.34989200863931',
  index: '13107199',
  'Cflow::index': '13107199',
};

describe('flow variables', () => {
  it('the table has all 41 names', () => {
    expect(FLOW_VARS.size).toBe(41);
  });
  for (const name of FLOW_VARS.keys()) {
    if (name === 'raw' || name === 'reraw') continue;
    it(`$${name}`, () => {
      expect(str(run(`$${name}`, makeRecord(TCP_FLOW)).value)).toBe(WANT[name]);
    });
  }

  it('$raw and $reraw: the cflowd record, 55 bytes, index first', () => {
    for (const name of ['raw', 'reraw']) {
      const raw = str(run(`$${name}`).value);
      expect(raw.length).toBe(55);
      expect([...raw.slice(0, 8)].map((c) => c.charCodeAt(0))).toEqual([0x00, 0xc7, 0xff, 0xff, 192, 168, 255, 1]);
    }
  });

  it('ICMP: type, code and name from $dstport', () => {
    const v = makeRecord({ ...TCP_FLOW, prot: 1, dstport: 0x0303, tcp_flags: 0 });
    expect(str(run('"$ICMPType/$ICMPCode/$ICMPTypeCode/[$TCPFlags]"', v).value)).toBe('3/3/PORT_UNREACH/[]');
    expect(str(run('$ICMPTypeCode', makeRecord({ prot: 1, dstport: 0x0b00 })).value)).toBe('INTRANS_TIME_EXCEEDED');
    expect(str(run('$ICMPTypeCode', makeRecord({ prot: 1, dstport: 0x0800 })).value)).toBe('ECHO');
  });

  it('$Bps divides by "secs.msecs" without zero padding (Cflow quirk)', () => {
    // 1.050 s reads as "1.50" = 1.5
    const v = makeRecord({ ...TCP_FLOW, dOctets: 300, First: 259190000, Last: 259191050 });
    expect(str(run('$Bps', v).value)).toBe('200');
    const zero = makeRecord({ ...TCP_FLOW, dOctets: 300, First: 259190000, Last: 259190000 });
    expect(str(run('$Bps', zero).value)).toBe('300');
  });

  it('NetFlow v1: no AS, masks or engine fields (undef)', () => {
    const v = makeRecord(TCP_FLOW, '1');
    for (const name of ['src_as', 'dst_as', 'src_mask', 'dst_mask', 'engine_type', 'engine_id']) {
      expect(run(`$${name}`, v).value).toBeUndefined();
    }
    expect(str(run('$srcip', v).value)).toBe('216.58.198.14');
  });

  it('constants', () => {
    expect(str(run('"$TH_FIN $TH_SYN $TH_RST $TH_PUSH $TH_ACK $TH_URG"').value)).toBe('1 2 4 8 16 32');
    expect(str(run('"$ICMP_ECHOREPLY $ICMP_ECHO $ICMP_ADDRESSREPLY $ICMP_PORT_UNREACH $ICMP_EXC_FRAGTIME"').value)).toBe('0 8 18 3 1');
  });
});
