/**
 * `flowsift stat --top N` in text: the report with only the first N rows. A table (hash or array
 * report) formats only those rows; any other text (summaries, plot lines, the plot trailer) passes
 * through a line filter chunk by chunk, so a report never has to fit in one string (a -f 10 table of
 * 9.2M rows is about 900 MB of text).
 */
import type { StatResult } from './accumulate.ts';
import type { StatOptions } from './options.ts';
import { renderBody } from './render.ts';
import { renderTable } from './render-table.ts';

/**
 * Passes a text's comment lines (starting with the comment string) and empty lines, and only the
 * first `top` of its other lines; the text may come in chunks cut anywhere.
 */
export class LineCut {
  private rest = '';
  private data = 0;

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
    if (line === '' || line.startsWith(this.cc)) return true;
    return this.data++ < this.top;
  }
}

/**
 * Write the rest of the report like renderBody, with at most `top` rows. `cut` is the filter the
 * plot lines went through during the scan (they precede the trailer), if any.
 */
export function renderTop(
  r: StatResult, o: StatOptions, top: number, sink: (b: string | Uint8Array) => void, err: (line: string) => void, cut = new LineCut(o.cc, top, sink),
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
