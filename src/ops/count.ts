/** The raw scan: count records and sum packets and octets (no output per record). */
import type { RecordView } from '../format/record.ts';
import type { Op } from './types.ts';

export function countOp(): Op {
  let flows = 0;
  let packets = 0;
  let octets = 0;
  return {
    record(v: RecordView) {
      flows++;
      packets += v.dPkts;
      octets += v.dOctets;
    },
    finish: () => ({ payload: { kind: 'count', flows, packets, octets }, transfer: [] }),
  };
}
