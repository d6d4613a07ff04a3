/**
 * Every flow-print format, against what flow-tools 0.68 printed for the flow-gen files of every
 * export version and a big-endian capture (with -n, -w, -n -w and -p): stdout bytes and status.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { cases, expected, flowPrintRun } from './run.ts';

beforeAll(() => {
  process.env.TZ = 'UTC';
});

const ALL = cases();
const formatOf = (argv: string[]): string => {
  const i = argv.indexOf('-f');
  return i < 0 ? 'default' : argv[i + 1]!;
};
const FORMATS = [...new Set(ALL.map((c) => formatOf(c.argv)))];

describe.each(FORMATS)('flow-print -f %s', (format) => {
  it.each(ALL.filter((c) => formatOf(c.argv) === format).map((c) => [c.id, c] as const))('%s', async (_id, c) => {
    const r = await flowPrintRun(c.argv, c.input);
    expect(r.status).toBe(c.status);
    expect(r.out).toBe(c.expected ? expected(c.expected) : '');
    if (c.status === 255) expect(r.err).toBe('flow-print: Flow record missing required field for format.\n');
  });
});
