/** Runs flow-print in-process on a fixture of test/fixtures/print, capturing stdout and stderr. */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { flowPrint } from '../../../src/cli/flow-print.ts';
import type { CliIO } from '../../../src/cli/runtime.ts';
import { Output } from '../../../src/io/output.ts';

export const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/print');

/** Path of an input file in test/fixtures/print/data. */
export function input(name: string): string {
  return path.join(FIXTURES, 'data', name);
}

export interface Run {
  status: number;
  out: string;
  err: string;
}

/** flow-print `argv` < `file` (an absolute path or a name in the fixtures' data folder). */
export async function flowPrintRun(argv: string[], file: string): Promise<Run> {
  let err = '';
  const io: CliIO = {
    out: Output.memory(),
    err: (t) => { err += t; },
    env: { FLOWSIFT_THREADS: '1' },
    stdinPath: path.isAbsolute(file) ? file : input(file),
    stderrIsTTY: false,
  };
  const status = await flowPrint(argv, io);
  return { status, out: io.out.text(), err };
}

/** A gzipped expected output of test/fixtures/print/expected. */
export function expected(name: string): string {
  return zlib.gunzipSync(fs.readFileSync(path.join(FIXTURES, 'expected', name))).toString('latin1');
}

export interface Case {
  id: string;
  argv: string[];
  input: string;
  status: number;
  /** expected stdout file, or undefined when flow-print printed nothing */
  expected?: string;
}

/** The reference runs listed in cases.tsv (flow-tools 0.68 on the fixtures, TZ=UTC). */
export function cases(): Case[] {
  const lines = fs.readFileSync(path.join(FIXTURES, 'cases.tsv'), 'latin1').trim().split('\n').slice(1);
  return lines.map((l) => {
    const [id, args, inp, status, exp] = l.split('\t') as [string, string, string, string, string];
    return { id, argv: args ? args.split(' ') : [], input: inp, status: Number(status), expected: exp === '-' ? undefined : exp };
  });
}
