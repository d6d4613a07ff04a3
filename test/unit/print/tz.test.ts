/**
 * Times print in the local time of TZ, as localtime() gives them: the first 300 flows of a July 2005
 * capture under America/New_York (EDT) and UTC, against flow-tools' output.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { expected, flowPrintRun } from './run.ts';

const FILE = 'ft-v05.2005-07-06.125500-0400.head300';
const saved = process.env.TZ;

afterAll(() => {
  process.env.TZ = saved;
});

describe('TZ', () => {
  it.each([
    ['America/New_York', '5', 'A-head300-f5-tz-newyork.out.gz'],
    ['America/New_York', '1', 'A-head300-f1-tz-newyork.out.gz'],
    ['UTC', '5', 'A-head300-f5.out.gz'],
  ])('TZ=%s flow-print -f %s', async (tz, f, exp) => {
    process.env.TZ = tz;
    const r = await flowPrintRun(['-f', f], FILE);
    expect(r.status).toBe(0);
    expect(r.out).toBe(expected(exp));
  });

  it('the same flow starts at 12:54 in New York and 16:54 in UTC', async () => {
    process.env.TZ = 'America/New_York';
    const ny = (await flowPrintRun(['-f', '5'], FILE)).out.split('\n')[2]!;
    expect(ny.slice(0, 18)).toBe('0706.12:54:53.048 ');
    process.env.TZ = 'UTC';
    const utc = (await flowPrintRun(['-f', '5'], FILE)).out.split('\n')[2]!;
    expect(utc.slice(0, 18)).toBe('0706.16:54:53.048 ');
  });
});
