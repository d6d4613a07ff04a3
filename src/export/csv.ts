/**
 * flow-export -f 2: ASCII CSV. A "#:" line naming the columns, then one line per flow with the
 * fields of the -m mask that the export version has, addresses dotted, numbers in decimal. With no
 * field selected the header is printed and the flows are not.
 */
import type { FieldName } from '../format/fields.ts';
import type { Layout } from '../format/layouts.ts';
import type { RecordView } from '../format/record.ts';
import type { BinOut } from './bin-out.ts';
import { csvHeaderNames, csvValueOrder } from './xfields.ts';

/** the fields CSV writes (and flow-import reads) as dotted addresses */
export const CSV_ADDRESSES: ReadonlySet<FieldName> = new Set(['exaddr', 'srcaddr', 'dstaddr', 'nexthop', 'peer_nexthop', 'router_sc']);

export class CsvEncoder {
  readonly mask: bigint;
  private readonly fields: FieldName[];
  private readonly isAddress: boolean[];

  constructor(layout: Layout, requested: bigint) {
    this.mask = requested & layout.xfields;
    this.fields = csvValueOrder(this.mask);
    this.isAddress = this.fields.map((f) => CSV_ADDRESSES.has(f));
  }

  /** The "#:" column line. */
  heading(): string {
    return `#:${csvHeaderNames(this.mask).join(',')}\n`;
  }

  record(v: RecordView, out: BinOut): void {
    const n = this.fields.length;
    if (n === 0) return;
    const t = out.buf;
    for (let i = 0; i < n; i++) {
      if (i) t.byte(44);
      const value = v.get(this.fields[i]!);
      if (this.isAddress[i]) t.ipv4(value); else t.dec(value);
    }
    t.byte(10);
  }
}
