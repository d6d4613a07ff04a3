/**
 * Placeholder for the getdate(3) phrase parser (being written with the flow-nfilter work): for now
 * only "Month D, YYYY HH:MM:SS [GMT|UTC]" and plain unix seconds.
 */
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

export function parseGetdate(text: string, nowSeconds: number): number | undefined {
  void nowSeconds;
  const t = text.trim();
  if (/^\d+$/.test(t)) return Number(t);
  const m = /^([A-Za-z]+)\s+(\d{1,2}),?\s+(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*(GMT|UTC)?$/i.exec(t);
  if (!m) return undefined;
  const mon = MONTHS.indexOf(m[1]!.slice(0, 3).toLowerCase());
  if (mon < 0) return undefined;
  const args = [Number(m[3]), mon, Number(m[2]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)] as const;
  const ms = m[7] ? Date.UTC(...args) : new Date(...args).getTime();
  return Math.floor(ms / 1000);
}
