/**
 * Text of the reports without a table: the overall summary (f0, with flow-stat's float arithmetic
 * and its four histograms), the short summary (f15) and the plot reports' heading and trailer
 * (f13/f14). Also the "Report Information" block every report starts with.
 */
import type { StatResult } from './accumulate.ts';
import { fixed, printable, u64Big, u64ToFloat } from './cformat.ts';
import type { StatOptions } from './options.ts';
import { SUMMARY } from './summary.ts';
import type { StatFormat } from './formats.ts';

const U64 = 0xffffffffffffffffn;
const f32 = Math.fround;

/** The block flow-stat prints before every report. */
export function reportInfo(fmt: StatFormat, o: StatOptions): string {
  const cc = o.cc;
  let s = `${cc}  --- ---- ---- Report Information --- --- ---\n${cc}\n`;
  if (o.title !== undefined) s += `${cc} Title:     ${o.title}\n`;
  s += `${cc} Fields:    ${o.percent ? 'Percent ' : ''}Total\n`;
  s += `${cc} Symbols:   ${o.names ? 'Enabled' : 'Disabled'}\n`;
  const so = o.sortOrder;
  s += `${cc} Sorting:   ${so === 0 ? 'None' : so > 0 ? 'Descending' : 'Ascending'}`;
  s += so === 0 ? '\n' : ` Field ${Math.abs(so) - 1}\n`;
  s += `${cc} Name:      ${fmt.name}\n`;
  s += `${cc}\n${cc} Args:      `;
  for (const a of o.argv) s += printable(a) + ' ';
  s += `\n${cc}\n`;
  return s;
}

const label = (name: string): string => name.padEnd(32) + ': ';

/** print_3float / print_3float2: "%-3.3f" of a float without its leading digit, 1 or 2 spaces after. */
function frac3(count: number, nflows: number, spaces: number): string {
  return fixed(f32(f32(count) / nflows), 3).slice(1) + ' '.repeat(spaces);
}

/** f0's text; nothing at all when no flow was counted. */
export function summaryText(r: StatResult): string {
  const t = r.totals;
  const nflows = u64Big(t.f, t.fh), noctets = u64Big(t.o, t.oh), npackets = u64Big(t.p, t.ph), time = u64Big(t.d, t.dh);
  if (nflows === 0n) return '';
  const x = r.summary!;
  const start = BigInt(x[SUMMARY.START]!), end = BigInt(x[SUMMARY.END]!);
  const span = (end - start) & U64;
  const timeReal = npackets !== 0n ? (x[SUMMARY.TIME_END]! - x[SUMMARY.TIME_START]!) >>> 0 : 0;
  const fFlows = u64ToFloat(nflows), fOctets = u64ToFloat(noctets), fPackets = u64ToFloat(npackets);
  const kbits = f32(u64ToFloat((noctets * 8n) & U64) / 1000);
  const spanSecs = u64ToFloat(span / 1000n);
  const avg = [
    ['Average flow time (1/1000 secs)', f32(u64ToFloat(time) / fFlows)],
    ['Average packet size (octets)', npackets !== 0n ? f32(fOctets / fPackets) : 0],
    ['Average flow size (octets)', f32(fOctets / fFlows)],
    ['Average packets per flow', f32(fPackets / fFlows)],
    ['Average flows / second (flow)', f32(fFlows / spanSecs)],
    ['Average flows / second (real)', timeReal !== 0 ? f32(fFlows / f32(timeReal)) : 0],
    ['Average Kbits / second (flow)', f32(kbits / spanSecs)],
    ['Average Kbits / second (real)', timeReal !== 0 ? f32(kbits / f32(timeReal)) : 0],
  ] as const;

  let s = '';
  s += `${label('Total Flows')}${nflows}\n`;
  s += `${label('Total Octets')}${noctets}\n`;
  s += `${label('Total Packets')}${npackets}\n`;
  s += `${label('Total Time (1/1000 secs) (flows)')}${time}\n`;
  s += `${label('Duration of data  (realtime)')}${timeReal}\n`;
  s += `${label('Duration of data (1/1000 secs)')}${npackets !== 0n ? span : 0n}\n`;
  for (const [name, v] of avg) s += `${label(name)}${fixed(v, 4)}\n`;
  s += '\n\n';

  const fl = fFlows;
  const row = (base: number, from: number, to: number, two: (i: number) => boolean): string => {
    let r = '   ';
    for (let i = from; i < to; i++) r += frac3(x[base + i]!, fl, two(i) ? 2 : 1);
    return r;
  };
  const one = (): boolean => false;
  s += 'IP packet size distribution:\n';
  s += '   1-32   64   96  128  160  192  224  256  288  320  352  384  416  448  480\n';
  s += row(SUMMARY.PSIZE, 0, 15, one) + '\n\n';
  s += '    512  544  576 1024 1536 2048 2560 3072 3584 4096 4608\n';
  s += row(SUMMARY.PSIZE, 15, 26, one) + '\n\n';
  s += 'Packets per flow distribution:\n';
  s += '      1    2    4    8   12   16   20   24   28   32   36   40   44   48   52\n';
  s += row(SUMMARY.FPSIZE, 0, 15, one);
  s += '\n\n     60  100  200  300  400  500  600  700  800  900 >900\n';
  s += row(SUMMARY.FPSIZE, 15, 26, one) + '\n\n';
  s += 'Octets per flow distribution:\n';
  s += '     32   64  128  256  512 1280 2048 2816 3584 4352 5120 5888 6656 7424 8192\n';
  s += row(SUMMARY.FOSIZE, 0, 15, one);
  s += '\n\n   8960 9728 10496 11264 12032 12800 13568 14336 15104 15872 >15872\n';
  s += row(SUMMARY.FOSIZE, 15, 26, (i) => i > 15) + '\n\n';
  s += 'Flow time distribution:\n';
  s += '    10    50  100  200  500 1000 2000 3000 4000 5000 6000 7000 8000 9000 10000\n';
  s += row(SUMMARY.FTIME, 0, 15, (i) => i >= 13);
  s += '\n\n  12000 14000 16000 18000 20000 22000 24000 26000 28000 30000 >30000\n';
  s += row(SUMMARY.FTIME, 15, 26, () => true) + '\n\n';
  return s;
}

/** f15's text. */
export function shortSummaryText(r: StatResult, cc: string): string {
  const t = r.totals;
  const octets = u64Big(t.o, t.oh), packets = u64Big(t.p, t.ph);
  const mbytes = Number(octets) / 1000000;
  return `${cc}\n${cc} Octets            Packets             MBytes\n${cc}\n`
    + String(octets).padEnd(20) + String(packets).padEnd(20) + fixed(mbytes, 3) + '\n';
}

/** f13/f14's column heading. */
export function plotHeading(format: number, cc: string): string {
  return format === 13
    ? `${cc}\n${cc} start      octets\n${cc} end        octets\n${cc}\n`
    : `${cc}\n${cc} start     packets\n${cc} end       packets\n${cc}\n`;
}

/** f13/f14's trailer line. */
export function plotTrailer(r: StatResult, cc: string): string {
  const p = r.plot!;
  const n = (v: number): string => String(v).padEnd(10);
  return `${cc} xmin=${n(p.xmin)}   ymin=${n(p.ymin)}   xmax=${n(p.xmax)}   ymax=${n(p.ymax)}\n`;
}
