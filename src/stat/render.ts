/**
 * The text of a flow-stat report after its "Report Information" block: what precedes the data
 * (f4's "Not implemented.", the plot heading) and what follows the merge (tables, summaries, the
 * plot trailer, or "can't sort on field N." on stderr).
 */
import type { StatResult } from './accumulate.ts';
import type { StatFormat } from './formats.ts';
import type { StatOptions } from './options.ts';
import { plotHeading, plotTrailer, shortSummaryText, summaryText } from './render-summary.ts';
import { renderTable } from './render-table.ts';

/** Text printed before any record is read. */
export function renderLead(fmt: StatFormat, o: StatOptions): string {
  if (fmt.shape === 'none') return 'Not implemented.\n';
  if (fmt.shape === 'plot') return plotHeading(fmt.id, o.cc);
  return '';
}

/** Write the rest of the report; `err` receives flow-stat's stderr line for a bad sort field. */
export function renderBody(r: StatResult, o: StatOptions, sink: (b: Uint8Array | string) => void, err: (line: string) => void): void {
  switch (r.fmt.shape) {
    case 'summary': sink(summaryText(r)); break;
    case 'totals': sink(shortSummaryText(r, o.cc)); break;
    case 'plot': sink(plotTrailer(r, o.cc)); break;
    case 'hash': case 'array':
      if (!renderTable(r, o, sink)) err(`${o.cc} can't sort on field ${o.sortOrder}.\n`);
      break;
    default: break;
  }
}
