/**
 * `flowsift stat --top N` in text: the report with only the first N rows. A table (hash or array
 * report) formats only those rows; the plot reports (f13/f14, two lines per flow) pass through a
 * block filter chunk by chunk, so a report never has to fit in one string (a -f 10 table of 9.2M rows
 * is about 900 MB of text). The reports without rows (f0, f4, f15) refuse --top (topApplies).
 */
import type { StatResult } from './accumulate.ts';
import type { StatFormat } from './formats.ts';
import type { StatOptions } from './options.ts';
import { renderBody } from './render.ts';
import { renderTable } from './render-table.ts';

/**
 * The plot reports' (f13/f14) cut: a flow is a block of data lines ended by an empty line. Passes
 * comment lines (starting with the comment string) and the first `top` blocks whole; the text may
 * come in chunks cut anywhere.
 */
export class PlotCut {
  private rest = '';
  private blocks = 0;
  /** inside a block (a data line seen, its empty line not yet), and whether that block is kept */
  private inBlock = false;
  private keeping = true;

  constructor(private readonly cc: string, private readonly top: number, private readonly sink: (s: string) => void) {}

  write(chunk: Uint8Array | string): void {
    const text = this.rest + (typeof chunk === 'string' ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length).toString('latin1'));
    const lines = text.split('\n');
    this.rest = lines.pop()!;
    let out = '';
    for (const l of lines) if (this.keeps(l)) out += `${l}\n`;
    if (out) this.sink(out);
  }

  /** The text is over: its last line, when it had no newline. */
  end(): void {
    if (this.rest !== '' && this.keeps(this.rest)) this.sink(this.rest);
    this.rest = '';
  }

  private keeps(line: string): boolean {
    if (line.startsWith(this.cc)) return true;
    if (line === '') {
      if (!this.inBlock) return true;
      this.inBlock = false;
      return this.keeping;
    }
    if (!this.inBlock) {
      this.inBlock = true;
      this.keeping = this.blocks++ < this.top;
    }
    return this.keeping;
  }
}

/** Whether --top means anything for a report: it has rows (a table) or flows (plot data). */
export function topApplies(fmt: StatFormat): boolean {
  return fmt.shape === 'hash' || fmt.shape === 'array' || fmt.shape === 'plot';
}

/**
 * Write the rest of the report like renderBody, with at most `top` rows (plot reports: flows). `cut`
 * is the filter the plot lines went through during the scan (they precede the trailer), if any.
 */
export function renderTop(
  r: StatResult, o: StatOptions, top: number, sink: (b: string | Uint8Array) => void, err: (line: string) => void, cut = new PlotCut(o.cc, top, sink),
): void {
  const shape = r.fmt.shape;
  if (shape === 'hash' || shape === 'array') {
    if (!renderTable(r, o, sink, top)) err(`${o.cc} can't sort on field ${o.sortOrder}.\n`);
    return;
  }
  for (const t of r.text ?? []) cut.write(t);
  renderBody(r, o, (b) => cut.write(b), err);
  cut.end();
}
